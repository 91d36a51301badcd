"""Screens of due and overdue instruments: the recall list (with exports), the map and the
dashboard card."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from tdc.core.forms import style_form
from tdc.core.roles import Action
from tdc.core.scoping import user_may
from tdc.core.views.generic import ScopedListView
from tdc.metrology.filters import DueFilterSet
from tdc.metrology.models import Instrument
from tdc.metrology.selectors import (
    DEFAULT_WITHIN_DAYS,
    DueQuery,
    due_counts,
    due_instruments,
    instrument_base,
    map_points,
)
from tdc.metrology.selectors.statistics import overdue_areas
from tdc.metrology.tables import DueTable
from tdc.metrology.views.common import SelectorMixin


class DueListView(SelectorMixin, ScopedListView):
    """Instruments due for verification within N days, or overdue, in the user's jurisdiction."""

    model = Instrument
    selector = instrument_base
    table_class = DueTable
    filterset_class = DueFilterSet
    template_name = "metrology/due_list.html"
    title = _("Instruments due for verification")
    export_name = "instruments-due"

    def due_query(self) -> DueQuery:
        return DueQuery.from_params(self.request.GET)

    def get_queryset(self) -> QuerySet[Instrument]:
        return due_instruments(user=self.request.user, query=self.due_query())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["counts"] = due_counts(user=self.request.user)
        context["query"] = self.due_query()
        return context


@login_required
def due_map(request: HttpRequest) -> HttpResponse:
    """Instruments with a map point, coloured overdue / due / valid / to re-verify."""
    query = DueQuery.from_params(request.GET)
    points = (
        map_points(user=request.user, query=query)
        if user_may(request.user, Instrument, Action.VIEW)
        else []
    )
    form = style_form(DueFilterSet(request.GET or None).form)
    return render(
        request,
        "metrology/due_map.html",
        {
            "points": points,
            "areas": overdue_areas(user=request.user),
            "map_config": {
                "tiles": getattr(settings, "TDC_MAP_TILE_URL", ""),
                "attribution": getattr(settings, "TDC_MAP_TILE_ATTRIBUTION", ""),
            },
            "form": form,
            "within_days": query.within_days or DEFAULT_WITHIN_DAYS,
        },
    )


@login_required
def due_dashboard_card(request: HttpRequest) -> HttpResponse:
    """The dashboard card: counts of overdue, due soon and flagged instruments (HTMX)."""
    counts = (
        due_counts(user=request.user) if user_may(request.user, Instrument, Action.VIEW) else None
    )
    return render(request, "metrology/partials/due_dashboard_card_body.html", {"counts": counts})
