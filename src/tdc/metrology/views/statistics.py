"""The statistics page of legal metrology (charts from json_script + static JS)."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.metrology.selectors import instrument_type_names, statistics


@login_required
def statistics_page(request: HttpRequest) -> HttpResponse:
    """Verifications by month, type, result and organisation; overdue rate by commune;
    instruments by type — all within the user's jurisdiction."""
    today = timezone.localdate()
    period = statistics.Period.chosen(request.GET.get("year"), today)
    stats = statistics.overview(user=request.user, period=period, today=today)
    names = instrument_type_names(today)
    charts = {
        "monthly": json.dumps(
            {
                "labels": [m["month"].strftime("%m/%Y") for m in stats["monthly"]],
                "datasets": [
                    {"label": _("Passed"), "data": [m["passed"] for m in stats["monthly"]]},
                    {"label": _("Failed"), "data": [m["failed"] for m in stats["monthly"]]},
                ],
                "stacked": True,
            }
        ),
        "by_type": json.dumps(
            {
                "labels": [names.get(r["type_code"], r["type_code"]) for r in stats["by_type"]],
                "datasets": [
                    {"label": _("Verifications"), "data": [r["total"] for r in stats["by_type"]]}
                ],
            }
        ),
        "overdue": json.dumps(
            {
                "labels": [r["commune__name"] or "—" for r in stats["overdue_by_commune"]],
                "datasets": [
                    {
                        "label": _("Overdue (%)"),
                        "data": [round(r["rate"] * 100, 1) for r in stats["overdue_by_commune"]],
                    }
                ],
            }
        ),
        "instruments": json.dumps(
            {
                "labels": [
                    names.get(r["type_code"], r["type_code"]) for r in stats["instruments_by_type"]
                ],
                "datasets": [
                    {
                        "label": _("Instruments"),
                        "data": [r["total"] for r in stats["instruments_by_type"]],
                    }
                ],
            }
        ),
    }
    return render(
        request,
        "metrology/statistics.html",
        {
            "stats": stats,
            "charts": charts,
            "type_names": names,
            "years": list(range(today.year, today.year - 6, -1)),
            "selected_year": request.GET.get("year", ""),
        },
    )
