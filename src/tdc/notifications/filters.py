"""Filters of the notification template list."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from tdc.notifications.models import NotificationTemplate


class NotificationTemplateFilterSet(django_filters.FilterSet):
    event_type = django_filters.CharFilter(
        label=_("Event type"), field_name="event_type", lookup_expr="icontains"
    )

    class Meta:
        model = NotificationTemplate
        fields = ["event_type"]
