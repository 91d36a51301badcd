from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from tdc.notifications.models import NotificationTemplate


class NotificationTemplateTable(tables.Table):
    event_type = tables.Column(verbose_name=_("Event type"), linkify=True)
    name = tables.Column(verbose_name=_("Name"))
    subject = tables.Column(verbose_name=_("Subject"))
    default_email_mode = tables.Column(verbose_name=_("Default e-mail timing"))
    modified_at = tables.DateTimeColumn(verbose_name=_("Modified"), short=True)

    class Meta:
        model = NotificationTemplate
        fields = ("event_type", "name", "subject", "default_email_mode", "modified_at")
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = ("event_type",)
