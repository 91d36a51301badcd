"""Trends of quantity inspections: lots checked, rejection rate and mean shortfall per month,
for the inspections in the user's scope."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from tdc.prepackages.choices import ProductCategory
from tdc.prepackages.selectors import inspection_trends


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@login_required
def inspection_trends_page(request: HttpRequest) -> HttpResponse:
    """Lots checked, rejection rate and mean shortfall per month, packer and category."""
    category = request.GET.get("category") or None
    packer = request.GET.get("packer")
    rows = inspection_trends(
        user=request.user,
        packer_id=int(packer) if packer and packer.isdigit() else None,
        category=category if category in ProductCategory.values else None,
        date_from=_date(request.GET.get("from")),
        date_to=_date(request.GET.get("to")),
    )
    months: dict[str, dict[str, Any]] = {}
    for row in rows:
        key = row["month"].strftime("%m/%Y")
        bucket = months.setdefault(key, {"lots": 0, "rejected": 0, "shortfall": [], "n": 0})
        bucket["lots"] += row["lots"]
        bucket["rejected"] += row["rejected"]
        if row["mean_shortfall"] is not None:
            bucket["shortfall"].append((row["mean_shortfall"], row["lots"]))
    chart = {
        "labels": list(months),
        "lots": [b["lots"] for b in months.values()],
        "rejection_rate": [
            round(b["rejected"] * 100 / b["lots"], 1) if b["lots"] else 0 for b in months.values()
        ],
        "mean_shortfall": [
            float(sum(s * n for s, n in b["shortfall"]) / sum(n for _s, n in b["shortfall"]))
            if b["shortfall"]
            else 0
            for b in months.values()
        ],
        "label_lots": _("Lots checked"),
        "label_rate": _("Rejection rate (%)"),
        "label_shortfall": _("Mean shortfall (% of Qn)"),
    }
    categories = dict(ProductCategory.choices)
    for row in rows:
        row["category_label"] = categories.get(row["category"], row["category"])
    context = {
        "rows": rows,
        "chart": chart,
        "categories": ProductCategory.choices,
        "selected": {
            "category": category or "",
            "packer": packer or "",
            "from": request.GET.get("from", ""),
            "to": request.GET.get("to", ""),
        },
    }
    return render(request, "prepackages/trends.html", context)
