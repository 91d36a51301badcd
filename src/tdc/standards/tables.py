"""Tables of the library's lists."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdc.standards.models import Enquiry, ExporterInterest, Standard, TbtNotification

_ATTRS = {"class": "table table-sm table-hover align-middle"}


class StandardTable(tables.Table):
    designation = tables.Column(
        verbose_name=_("Designation"), linkify=lambda record: record.get_absolute_url()
    )
    title_vi = tables.Column(verbose_name=_("Title"))
    kind = tables.Column(verbose_name=_("Kind"))
    year = tables.Column(verbose_name=_("Year"))
    status = tables.Column(verbose_name=_("Status today"), empty_values=(), orderable=False)

    class Meta:
        model = Standard
        fields = ("designation", "title_vi", "kind", "year", "status")
        attrs = _ATTRS

    def render_status(self, record: Standard) -> Any:
        return record.status_on(timezone.localdate()).label


class TbtNotificationTable(tables.Table):
    symbol = tables.Column(
        verbose_name=_("WTO symbol"), linkify=lambda record: record.get_absolute_url()
    )
    member = tables.Column(verbose_name=_("Member"))
    title = tables.Column(verbose_name=_("Title"))
    distributed_on = tables.DateColumn(verbose_name=_("Distributed on"), format="d/m/Y")
    comment_deadline = tables.DateColumn(verbose_name=_("Comments until"), format="d/m/Y")

    class Meta:
        model = TbtNotification
        fields = ("symbol", "member", "title", "distributed_on", "comment_deadline")
        attrs = _ATTRS


class ExporterInterestTable(tables.Table):
    organisation = tables.Column(
        verbose_name=_("Exporter"), linkify=lambda record: record.get_absolute_url()
    )
    hs_codes = tables.Column(verbose_name=_("HS codes"))
    markets = tables.Column(verbose_name=_("Markets"))

    class Meta:
        model = ExporterInterest
        fields = ("organisation", "hs_codes", "markets")
        attrs = _ATTRS

    def render_hs_codes(self, value: list[str]) -> str:
        return " ".join(value)


class EnquiryTable(tables.Table):
    asker = tables.Column(
        verbose_name=_("Asked by"), linkify=lambda record: record.get_absolute_url()
    )
    received_on = tables.DateColumn(verbose_name=_("Received on"), format="d/m/Y")
    answer_due = tables.DateColumn(verbose_name=_("Answer due"), format="d/m/Y")
    answered_on = tables.DateColumn(verbose_name=_("Answered on"), format="d/m/Y")

    class Meta:
        model = Enquiry
        fields = ("asker", "received_on", "answer_due", "answered_on")
        attrs = _ATTRS
