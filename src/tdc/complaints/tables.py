from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from tdc.complaints.models import Complaint


class ComplaintTable(tables.Table):
    tracking_code = tables.Column(verbose_name=_("Tracking code"), linkify=True)
    received_at = tables.DateTimeColumn(verbose_name=_("Received"), format="d/m/Y")
    category = tables.Column(verbose_name=_("Category"))
    business_name = tables.Column(verbose_name=_("Business"))
    commune = tables.Column(verbose_name=_("Commune"), order_by=("commune__name",))
    status = tables.Column(verbose_name=_("Status"))
    deadline = tables.DateColumn(verbose_name=_("Deadline"), format="d/m/Y")
    assigned_to = tables.Column(verbose_name=_("Assigned to"))

    class Meta:
        model = Complaint
        fields = (
            "tracking_code",
            "received_at",
            "category",
            "business_name",
            "commune",
            "status",
            "deadline",
            "assigned_to",
        )
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = ("-received_at",)
