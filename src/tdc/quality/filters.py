"""Filters shared by the quality lists and their API endpoints."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tdc.quality.choices import (
    BodyKind,
    BodyStatus,
    DeclarationStatus,
    Hazard,
    ProductGroup,
    RegimeChoice,
    RiskClassChoice,
    SampleStatus,
    SurveyStatus,
    VerdictChoice,
    WarningSource,
)
from tdc.quality.models import ConformityBody, Declaration, QualityWarning, Sample, SurveyPlan


class ConformityBodyFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=BodyKind.choices)
    status = django_filters.ChoiceFilter(label=_("Standing"), choices=BodyStatus.choices)

    class Meta:
        model = ConformityBody
        fields = ["q", "kind", "status"]

    def filter_text(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(Q(name__icontains=value) | Q(registration_number__icontains=value))


class DeclarationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=DeclarationStatus.choices)
    regime = django_filters.ChoiceFilter(label=_("Regime"), choices=RegimeChoice.choices)
    risk_class = django_filters.ChoiceFilter(label=_("Risk class"), choices=RiskClassChoice.choices)

    class Meta:
        model = Declaration
        fields = ["q", "status", "regime", "risk_class"]

    def filter_text(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(
            Q(product__icontains=value)
            | Q(receipt_number__icontains=value)
            | Q(declarant__name__icontains=value)
            | Q(qcvn__icontains=value)
        )


class QualityWarningFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    hazard = django_filters.ChoiceFilter(label=_("Hazard"), choices=Hazard.choices)
    source = django_filters.ChoiceFilter(label=_("Source"), choices=WarningSource.choices)

    class Meta:
        model = QualityWarning
        fields = ["q", "hazard", "source"]

    def filter_text(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(
            Q(title__icontains=value)
            | Q(product__icontains=value)
            | Q(brand__icontains=value)
            | Q(gtin=value)
        )


# --- Quality surveys and testing ------------------------------------------------------------


class SurveyPlanFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    year = django_filters.NumberFilter(label=_("Year"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=SurveyStatus.choices)

    class Meta:
        model = SurveyPlan
        fields = ["q", "year", "status"]

    def filter_text(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(Q(title__icontains=value) | Q(legal_basis__icontains=value))


class SampleFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    product_group = django_filters.ChoiceFilter(
        label=_("Product group"), choices=ProductGroup.choices
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=SampleStatus.choices)
    verdict = django_filters.ChoiceFilter(label=_("Verdict"), choices=VerdictChoice.choices)

    class Meta:
        model = Sample
        fields = ["q", "product_group", "status", "verdict"]

    def filter_text(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(
            Q(number__icontains=value)
            | Q(product__icontains=value)
            | Q(brand__icontains=value)
            | Q(business__name__icontains=value)
            | Q(qcvn__icontains=value)
        )
