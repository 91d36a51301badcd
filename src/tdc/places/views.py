"""Places screens: the provinces and communes in force, and the old-address resolver."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from tdc.core.pickers import vn_sort_key
from tdc.places.forms import ResolveForm
from tdc.places.models import Province
from tdc.places.resolver import resolve_address
from tdc.places.selectors import communes_for, province_communes, province_list_with_counts


@login_required
def commune_options(request: HttpRequest) -> HttpResponse:
    """``<option>`` elements of the communes of ``?province=`` (dependent picker in forms)."""
    communes = sorted(
        communes_for(request.user, request.GET.get("province") or None),
        key=lambda c: vn_sort_key(c.name),
    )
    return render(request, "places/partials/commune_options.html", {"communes": communes})


@login_required
def province_list(request: HttpRequest) -> HttpResponse:
    """The 34 provinces and centrally-run cities, with the old provinces that formed them."""
    return render(request, "places/province_list.html", {"provinces": province_list_with_counts()})


@login_required
def province_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One province's communes, each with the old communes it was formed from."""
    province = get_object_or_404(Province, pk=code)
    context: dict[str, Any] = {"province": province, "communes": province_communes(province)}
    return render(request, "places/province_detail.html", context)


@login_required
def resolve(request: HttpRequest) -> HttpResponse:
    """Resolve an old (or new) address to today's province and commune."""
    form = ResolveForm(request.GET or None)
    result = resolve_address(form.cleaned_data["address"]) if form.is_valid() else None
    context: dict[str, Any] = {"form": form, "result": result}
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.boosted:
        return render(request, "places/partials/resolve_result.html", context)
    return render(request, "places/resolve.html", context)
