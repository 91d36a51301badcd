from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tdc.places.selectors import communes_for


@login_required
def commune_options(request: HttpRequest) -> HttpResponse:
    """``<option>`` elements of the communes of ``?province=`` (dependent picker in forms)."""
    communes = communes_for(request.user, request.GET.get("province") or None)
    return render(request, "places/partials/commune_options.html", {"communes": communes})
