"""Filters shared by the library's list and its API endpoints."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdc.core.pickers import PickerSelect
from tdc.standards.choices import Harmonisation, StandardKind, Status
from tdc.standards.models import ExporterInterest, Standard, TbtNotification
from tdc.standards.selectors import standard_search


class StandardFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=StandardKind.choices)
    status = django_filters.ChoiceFilter(
        label=_("Status today"), choices=Status.choices, method="filter_status"
    )
    ics = django_filters.CharFilter(label=_("ICS code"), method="filter_ics")
    year = django_filters.NumberFilter(label=_("Year"), field_name="year")
    authority = django_filters.CharFilter(
        label=_("Issuing authority"), field_name="authority", lookup_expr="iexact"
    )
    harmonisation = django_filters.ChoiceFilter(
        label=_("Harmonisation"), choices=Harmonisation.choices[1:]
    )

    class Meta:
        model = Standard
        fields = ["q", "kind", "status", "ics", "year", "authority", "harmonisation"]

    def filter_text(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return standard_search(queryset, value)  # type: ignore[arg-type]

    def filter_status(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.status_in([value], timezone.localdate())  # type: ignore[attr-defined,no-any-return]

    def filter_ics(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.with_ics(value)  # type: ignore[attr-defined,no-any-return]


class TbtNotificationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    member = django_filters.CharFilter(label=_("Member"), field_name="member", lookup_expr="iexact")

    class Meta:
        model = TbtNotification
        fields = ["q", "member"]

    def filter_text(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(
            Q(symbol__icontains=value) | Q(title__icontains=value) | Q(products__icontains=value)
        )


class ExporterInterestFilterSet(django_filters.FilterSet):
    organisation = django_filters.NumberFilter(
        label=_("Exporter"), field_name="organisation_id", widget=PickerSelect("organisation")
    )

    class Meta:
        model = ExporterInterest
        fields = ["organisation"]
