"""Tables of the metrology register screens (and their CSV/XLSX exports)."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from tdc.metrology.models import Designation, Instrument, Market, MeasurementStandard, Verifier

_ATTRS = {"class": "table table-sm table-hover align-middle"}


class InstrumentTable(tables.Table):
    serial_number = tables.Column(verbose_name=_("Serial number"), linkify=True)
    type_code = tables.Column(verbose_name=_("Type"))
    manufacturer = tables.Column(verbose_name=_("Manufacturer"))
    owner = tables.Column(verbose_name=_("Owner"), order_by=("owner__name",))
    commune = tables.Column(verbose_name=_("Commune"), order_by=("commune__name",))
    status = tables.Column(verbose_name=_("Status"))
    next_due_date = tables.DateColumn(verbose_name=_("Next verification due"), format="d/m/Y")

    class Meta:
        model = Instrument
        fields = (
            "serial_number",
            "type_code",
            "manufacturer",
            "owner",
            "commune",
            "status",
            "next_due_date",
        )
        attrs = _ATTRS
        order_by = ("type_code", "serial_number")


class DesignationTable(tables.Table):
    decision_number = tables.Column(verbose_name=_("Decision number"), linkify=True)
    organisation = tables.Column(verbose_name=_("Organisation"), order_by=("organisation__name",))
    valid_from = tables.DateColumn(verbose_name=_("Valid from"), format="d/m/Y")
    valid_to = tables.DateColumn(verbose_name=_("Valid to"), format="d/m/Y")
    types = tables.Column(verbose_name=_("Instrument types"), empty_values=(), orderable=False)
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Designation
        fields = ("decision_number", "organisation", "valid_from", "valid_to", "types", "status")
        attrs = _ATTRS
        order_by = ("-valid_from",)

    def render_types(self, record: Designation) -> str:
        return ", ".join(sorted(t.type_code for t in record.instrument_types.all()))

    def value_types(self, record: Designation) -> Any:
        return self.render_types(record)


class VerifierTable(tables.Table):
    full_name = tables.Column(verbose_name=_("Full name"), linkify=True)
    card_number = tables.Column(verbose_name=_("Verifier number"))
    organisation = tables.Column(verbose_name=_("Organisation"), order_by=("organisation__name",))
    valid_to = tables.DateColumn(verbose_name=_("Valid to"), format="d/m/Y")
    fields_ = tables.Column(
        verbose_name=_("Fields"), empty_values=(), orderable=False, accessor="pk"
    )
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Verifier
        fields = ("full_name", "card_number", "organisation", "valid_to", "fields_", "status")
        attrs = _ATTRS
        order_by = ("full_name",)

    def render_fields_(self, record: Verifier) -> str:
        return ", ".join(sorted(t.type_code for t in record.instrument_types.all()))

    def value_fields_(self, record: Verifier) -> Any:
        return self.render_fields_(record)


class MeasurementStandardTable(tables.Table):
    name = tables.Column(verbose_name=_("Name"), linkify=True)
    level = tables.Column(verbose_name=_("Level"))
    quantity = tables.Column(verbose_name=_("Quantity"))
    serial_number = tables.Column(verbose_name=_("Serial number"))
    holder = tables.Column(verbose_name=_("Holder"), order_by=("holder__name",))
    certified_for_group2 = tables.BooleanColumn(verbose_name=_("Group 2"))
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = MeasurementStandard
        fields = (
            "name",
            "level",
            "quantity",
            "serial_number",
            "holder",
            "certified_for_group2",
            "status",
        )
        attrs = _ATTRS
        order_by = ("level", "name")


class MarketTable(tables.Table):
    name = tables.Column(verbose_name=_("Name"), linkify=True)
    commune = tables.Column(verbose_name=_("Commune"), order_by=("commune__name",))
    management_board = tables.Column(verbose_name=_("Management board"))
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Market
        fields = ("name", "commune", "management_board", "status")
        attrs = _ATTRS
        order_by = ("name",)
