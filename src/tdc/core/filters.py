"""Filter sets shared by the UI lists and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.text import capfirst
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


def record_type_choices() -> list[tuple[str, str]]:
    """Every kind of record by its (translated) name, in Vietnamese alphabetical order; the
    value is the model's name, as the API's ``record_type`` parameter always took it."""
    from django.apps import apps

    from tdc.core.pickers import sorted_choices

    names: dict[str, str] = {}
    for model in apps.get_models():
        if model.__module__.startswith("tdc."):
            names.setdefault(model._meta.model_name or "", str(capfirst(model._meta.verbose_name)))
    return sorted_choices(names.items())


class AuditEventFilterSet(django_filters.FilterSet):
    action = django_filters.ChoiceFilter(label=_("Action"), choices=AuditAction.choices)
    actor = django_filters.CharFilter(
        label=_("Actor"), field_name="actor_label", lookup_expr="icontains"
    )
    record_type = django_filters.ChoiceFilter(
        label=_("Record type"),
        field_name="content_type__model",
        lookup_expr="iexact",
        choices=record_type_choices,
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
