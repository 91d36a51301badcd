"""Filter sets shared by the UI lists and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tdc.core.models import AuditAction, AuditEvent
from tdc.core.text import vn_fold


def folded_search[Q_: QuerySet[Any]](queryset: Q_, value: str, field: str = "search_text") -> Q_:
    """Rows whose folded search text (``vn_fold``: no marks, đ→d, casefolded) contains every
    word of ``value``, folded the same way; all rows when ``value`` has no word."""
    condition = Q()
    for word in vn_fold(value or "").split():
        condition &= Q(**{f"{field}__contains": word})
    return queryset.filter(condition)


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
