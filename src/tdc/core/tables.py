from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from tdc.core.models import AuditEvent


class AuditEventTable(tables.Table):
    occurred_at = tables.DateTimeColumn(verbose_name=_("Time"), format="Y-m-d H:i:s", linkify=True)
    actor_label = tables.Column(verbose_name=_("Actor"))
    action = tables.Column(verbose_name=_("Action"))
    content_type = tables.Column(verbose_name=_("Record type"), orderable=False)
    object_repr = tables.Column(verbose_name=_("Record"))
    request_id = tables.Column(verbose_name=_("Request id"), orderable=False)

    class Meta:
        model = AuditEvent
        fields = (
            "occurred_at",
            "actor_label",
            "action",
            "content_type",
            "object_repr",
            "request_id",
        )
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = ("-occurred_at",)
