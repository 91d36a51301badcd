"""Screens of the violations catalogue, the statistics and the dashboard card."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.inspections import selectors
from tdc.inspections.views.common import chart


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    """The violations catalogue in force on a day (reference data, every signed-in user)."""
    day = timezone.localdate()
    raw = request.GET.get("on")
    if raw:
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:
            messages.error(request, _("Give the date as YYYY-MM-DD."))
    rows = selectors.violation_types_in_force(day)
    return render(request, "inspections/catalogue.html", {"rows": rows, "day": day})


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    """Inspections by area, month and commune, violations by article and fines, with charts."""
    year = request.GET.get("year")
    stats = selectors.statistics(
        user=request.user, year=int(year) if year and year.isdigit() else None
    )
    charts = {
        "area": chart(stats["by_area"]),
        "month": chart(stats["by_month"]),
        "commune": chart(stats["by_commune"]),
        "article": chart(stats["by_article"]),
        "fines": chart(
            [
                (_("Proposed"), stats["fines"]["proposed"]),
                (_("Decided"), stats["fines"]["decided"]),
                (_("Paid"), stats["fines"]["paid"]),
            ]
        ),
    }
    return render(
        request, "inspections/statistics.html", {"stats": stats, "charts": charts, "year": year}
    )


@login_required
def dashboard_card(request: HttpRequest) -> HttpResponse:
    stats = selectors.statistics(user=request.user, year=timezone.localdate().year)
    return render(request, "inspections/partials/dashboard_card_body.html", {"stats": stats})
