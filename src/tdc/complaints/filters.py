"""Complaint filters, shared by the list page and /api/v1/complaints/."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tdc.complaints.choices import ComplaintCategory, ComplaintStatus, HandlingLevel
from tdc.complaints.models import Complaint
from tdc.core.pickers import PickerSelect


class ComplaintFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ComplaintStatus.choices)
    category = django_filters.ChoiceFilter(label=_("Category"), choices=ComplaintCategory.choices)
    handling_level = django_filters.ChoiceFilter(
        label=_("Handled by"), choices=HandlingLevel.choices
    )
    commune = django_filters.CharFilter(
        label=_("Commune"), field_name="commune_id", widget=PickerSelect("commune")
    )
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")

    class Meta:
        model = Complaint
        fields = ["q", "status", "category", "handling_level", "commune", "overdue"]

    def filter_text(self, queryset: QuerySet[Complaint], name: str, value: Any) -> Any:
        """Tracking code, business name or tax code."""
        value = (value or "").strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(tracking_code__icontains=value)
            | Q(business_name__icontains=value)
            | Q(business_tax_code__startswith=value)
        )

    def filter_overdue(self, queryset: QuerySet[Complaint], name: str, value: Any) -> Any:
        from django.utils import timezone

        if value is None:
            return queryset
        open_q = Q(status__in=[ComplaintStatus.RECEIVED, ComplaintStatus.VERIFIED]) | Q(
            status=ComplaintStatus.IN_PROGRESS
        )
        late = open_q & Q(deadline__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)
