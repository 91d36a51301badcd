"""Tables of the library's lists."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdc.standards.models import Standard

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
