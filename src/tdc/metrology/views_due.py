"""Screens of due and overdue instruments: the recall list (with exports), the map and the
dashboard card."""

from __future__ import annotations

from typing import Any

import django_filters
import django_tables2 as tables
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdc.core.forms import style_form
from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet, user_may
from tdc.core.views_generic import ScopedListView
from tdc.metrology.models import Instrument
from tdc.metrology.selectors import instrument_base
from tdc.metrology.selectors_due import (
    DEFAULT_WITHIN_DAYS,
    DueQuery,
    due_counts,
    due_instruments,
    due_status,
    map_points,
)

STATE_CHOICES = (
    ("due", _("Due within the window or overdue")),
    ("upcoming", _("Due within the window, not yet overdue")),
    ("overdue", _("Overdue")),
)


class DueFilterSet(django_filters.FilterSet):
    """The due list's filters; the selector applies them (these only draw and validate)."""

    state = django_filters.ChoiceFilter(label=_("Show"), choices=STATE_CHOICES, method="keep")
    within_days = django_filters.NumberFilter(label=_("Due within (days)"), method="keep")
    commune = django_filters.CharFilter(label=_("Commune code"), method="keep")
    type_code = django_filters.CharFilter(label=_("Instrument type code"), method="keep")
    owner_tax_code = django_filters.CharFilter(label=_("Owner tax code"), method="keep")
    organisation = django_filters.NumberFilter(
        label=_("Verified by organisation (id)"), method="keep"
    )

    class Meta:
        model = Instrument
        fields: list[str] = []

    def keep(self, queryset: QuerySet[Instrument], name: str, value: Any) -> QuerySet[Instrument]:
        return queryset


class DueTable(tables.Table):
    serial_number = tables.Column(verbose_name=_("Serial number"), linkify=True)
    type_code = tables.Column(verbose_name=_("Type"))
    manufacturer = tables.Column(verbose_name=_("Manufacturer"))
    owner = tables.Column(verbose_name=_("Owner"), order_by=("owner__name",))
    owner_tax_code = tables.Column(
        verbose_name=_("Owner tax code"), accessor="owner__tax_code", orderable=False
    )
    commune = tables.Column(verbose_name=_("Commune"), order_by=("commune__name",))
    address = tables.Column(verbose_name=_("Address where used"))
    next_due_date = tables.DateColumn(verbose_name=_("Next verification due"), format="d/m/Y")
    state = tables.Column(verbose_name=_("State"), empty_values=(), orderable=False)

    class Meta:
        model = Instrument
        fields = (
            "serial_number",
            "type_code",
            "manufacturer",
            "owner",
            "owner_tax_code",
            "commune",
            "address",
            "next_due_date",
            "state",
        )
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = ("next_due_date",)

    def render_state(self, record: Instrument) -> str:
        today = timezone.localdate()
        status = due_status(record, today)
        if status == "overdue" and record.next_due_date:
            days = (today - record.next_due_date).days
            return str(_("Overdue by {days} days")).format(days=days)
        if status == "reverify":
            return str(_("Re-verification required"))
        return str(_("Due"))

    def value_state(self, record: Instrument) -> str:
        return self.render_state(record)


class DueListView(ScopedListView):
    """Instruments due for verification within N days, or overdue, in the user's jurisdiction."""

    model = Instrument
    table_class = DueTable
    filterset_class = DueFilterSet
    template_name = "metrology/due_list.html"
    title = _("Instruments due for verification")
    export_name = "instruments-due"

    def base_queryset(self) -> ScopedQuerySet[Instrument]:
        return instrument_base()

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
