"""Tables of the metrology screens (and their CSV/XLSX exports)."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from tdc.metrology.models import (
    Certificate,
    Designation,
    Instrument,
    InstrumentType,
    Market,
    MeasurementStandard,
    OutOfToleranceFinding,
    StampBatch,
    Verification,
    Verifier,
)
from tdc.metrology.selectors import DueStatus, due_status, type_codes_of

_ATTRS = {"class": "table table-sm table-hover align-middle"}


class TypeCodesColumn(tables.Column):
    """The instrument types a designation covers or a verifier is certified for."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(empty_values=(), orderable=False, **kwargs)

    def render(self, record: Designation | Verifier) -> str:
        return ", ".join(InstrumentType.label_for(code) for code in type_codes_of(record))

    def value(self, record: Designation | Verifier) -> str:
        return self.render(record)


class InstrumentTable(tables.Table):
    serial_number = tables.Column(verbose_name=_("Serial number"), linkify=True)
    type_code = tables.Column(verbose_name=_("Type"))
    manufacturer = tables.Column(verbose_name=_("Manufacturer"))
    owner = tables.Column(verbose_name=_("Owner"), order_by=("owner__name",))
    commune = tables.Column(verbose_name=_("Commune"), order_by=("commune__name",))
    status = tables.Column(verbose_name=_("Status"))
    next_due_date = tables.DateColumn(verbose_name=_("Next verification due"), format="d/m/Y")

    def render_type_code(self, value: str) -> str:
        return InstrumentType.label_for(value)

    def value_type_code(self, value: str) -> str:
        return value

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
        order_by: tuple[str, ...] = ("type_code", "serial_number")


class DesignationTable(tables.Table):
    decision_number = tables.Column(verbose_name=_("Decision number"), linkify=True)
    organisation = tables.Column(verbose_name=_("Organisation"), order_by=("organisation__name",))
    valid_from = tables.DateColumn(verbose_name=_("Valid from"), format="d/m/Y")
    valid_to = tables.DateColumn(verbose_name=_("Valid to"), format="d/m/Y")
    types = TypeCodesColumn(verbose_name=_("Instrument types"))
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Designation
        fields = ("decision_number", "organisation", "valid_from", "valid_to", "types", "status")
        attrs = _ATTRS
        order_by = ("-valid_from",)


class VerifierTable(tables.Table):
    full_name = tables.Column(verbose_name=_("Full name"), linkify=True)
    card_number = tables.Column(verbose_name=_("Verifier number"))
    organisation = tables.Column(verbose_name=_("Organisation"), order_by=("organisation__name",))
    valid_to = tables.DateColumn(verbose_name=_("Valid to"), format="d/m/Y")
    fields_ = TypeCodesColumn(verbose_name=_("Fields"), accessor="pk")
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Verifier
        fields = ("full_name", "card_number", "organisation", "valid_to", "fields_", "status")
        attrs = _ATTRS
        order_by = ("full_name",)


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


# --- verifications, certificates, sticker stock -----------------------------------------------


class VerificationTable(tables.Table):
    verified_on = tables.DateColumn(verbose_name=_("Date"), format="d/m/Y", linkify=True)
    instrument = tables.Column(verbose_name=_("Instrument"), order_by=("type_code",))
    kind = tables.Column(verbose_name=_("Kind"))
    organisation = tables.Column(verbose_name=_("Organisation"), order_by=("organisation__name",))
    result = tables.Column(verbose_name=_("Result"))
    certificate_number = tables.Column(verbose_name=_("Certificate"))
    valid_until = tables.DateColumn(verbose_name=_("Valid until"), format="d/m/Y")

    class Meta:
        model = Verification
        fields = (
            "verified_on",
            "instrument",
            "kind",
            "organisation",
            "result",
            "certificate_number",
            "valid_until",
        )
        attrs = _ATTRS
        order_by = ("-verified_on",)


class CertificateTable(tables.Table):
    number = tables.Column(verbose_name=_("Number"), linkify=True)
    issued_on = tables.DateColumn(verbose_name=_("Date of issue"), format="d/m/Y")
    instrument_name = tables.Column(verbose_name=_("Instrument"))
    serial_number = tables.Column(verbose_name=_("Serial number"))
    owner_name = tables.Column(verbose_name=_("Owner"))
    valid_until = tables.DateColumn(verbose_name=_("Valid until"), format="d/m/Y")
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Certificate
        fields = (
            "number",
            "issued_on",
            "instrument_name",
            "serial_number",
            "owner_name",
            "valid_until",
            "status",
        )
        attrs = _ATTRS
        order_by = ("-issued_on",)


class StampBatchTable(tables.Table):
    range = tables.Column(verbose_name=_("Serials"), empty_values=(), orderable=False)
    organisation = tables.Column(verbose_name=_("Organisation"), order_by=("organisation__name",))
    kind = tables.Column(verbose_name=_("Kind"))
    issued_on = tables.DateColumn(verbose_name=_("Date issued"), format="d/m/Y")

    class Meta:
        model = StampBatch
        fields = ("range", "organisation", "kind", "issued_on")
        attrs = _ATTRS
        order_by = ("-issued_on",)

    def render_range(self, record: StampBatch) -> str:
        return format_html(
            '<a href="{}">{}</a>', record.get_absolute_url(), self.value_range(record)
        )

    def value_range(self, record: StampBatch) -> str:
        return f"{record.serial(record.first_number)}–{record.serial(record.last_number)}"


# --- due list and reverse traceability --------------------------------------------------------


class DueTable(InstrumentTable):
    """Instruments due for verification, with the owner's tax code, the address and how late."""

    owner_tax_code = tables.Column(
        verbose_name=_("Owner tax code"), accessor="owner__tax_code", orderable=False
    )
    address = tables.Column(verbose_name=_("Address where used"))
    state = tables.Column(verbose_name=_("State"), empty_values=(), orderable=False)

    class Meta(InstrumentTable.Meta):
        sequence = (
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
        exclude = ("status",)
        order_by = ("next_due_date",)

    def render_state(self, record: Instrument) -> str:
        today = timezone.localdate()
        status = due_status(record, today)
        if status == DueStatus.OVERDUE and record.next_due_date:
            days = (today - record.next_due_date).days
            return str(_("Overdue by {days} days")).format(days=days)
        if status == DueStatus.REVERIFY:
            return str(_("Re-verification required"))
        return str(_("Due"))

    def value_state(self, record: Instrument) -> str:
        return self.render_state(record)


class FindingTable(tables.Table):
    found_on = tables.DateColumn(
        verbose_name=_("Found out of tolerance on"), format="d/m/Y", linkify=True
    )
    standard = tables.Column(verbose_name=_("Standard"), order_by=("standard__name",))
    holder = tables.Column(verbose_name=_("Holder"), accessor="standard__holder", orderable=False)
    affected_count = tables.Column(verbose_name=_("Affected verifications"))
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = OutOfToleranceFinding
        fields = ("found_on", "standard", "holder", "affected_count", "status")
        attrs = _ATTRS
        order_by = ("-found_on",)


class AffectedTable(tables.Table):
    """Affected verifications with their instruments and owners (screen and exports)."""

    verified_on = tables.DateColumn(verbose_name=_("Verification date"), format="d/m/Y")
    certificate_number = tables.Column(verbose_name=_("Certificate number"))
    organisation = tables.Column(verbose_name=_("Verification organisation"))
    instrument = tables.Column(verbose_name=_("Instrument"), linkify=True)
    owner = tables.Column(verbose_name=_("Owner"))
    owner_tax_code = tables.Column(verbose_name=_("Owner tax code"), accessor="owner__tax_code")
    commune = tables.Column(verbose_name=_("Commune"))
    result = tables.Column(verbose_name=_("Result"))
    valid_until = tables.DateColumn(verbose_name=_("Valid until"), format="d/m/Y")
    via = tables.Column(verbose_name=_("Standards used"), empty_values=())
    flagged = tables.BooleanColumn(
        verbose_name=_("Re-verification required"),
        accessor="instrument__needs_reverification",
    )

    class Meta:
        attrs = _ATTRS
        orderable = False

    def __init__(self, data: Any, *, via: dict[int, list[str]], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.via_map = via

    def render_via(self, record: Verification) -> str:
        return "; ".join(self.via_map.get(record.pk, []))

    def value_via(self, record: Verification) -> str:
        return self.render_via(record)
