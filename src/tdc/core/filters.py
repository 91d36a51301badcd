"""Filter sets shared by the UI lists and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from tdc.core.models import AuditAction, AuditEvent


class AuditEventFilterSet(django_filters.FilterSet):
    action = django_filters.ChoiceFilter(label=_("Action"), choices=AuditAction.choices)
    actor = django_filters.CharFilter(
        label=_("Actor"), field_name="actor_label", lookup_expr="icontains"
    )
    record_type = django_filters.CharFilter(
        label=_("Record type"), field_name="content_type__model", lookup_expr="iexact"
    )
    object_id = django_filters.CharFilter(label=_("Record id"), field_name="object_id")
    since = django_filters.IsoDateTimeFilter(
        label=_("From"), field_name="occurred_at", lookup_expr="gte"
    )
    until = django_filters.IsoDateTimeFilter(
        label=_("Until"), field_name="occurred_at", lookup_expr="lte"
    )

    class Meta:
        model = AuditEvent
        fields = ["action", "actor", "record_type", "object_id", "since", "until"]
