"""Filters of the metrology register, shared by the screens and /api/v1/metrology/…."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tdc.core.filters import folded_search
from tdc.metrology.choices import (
    DesignationStatus,
    InstrumentStatus,
    MarketStatus,
    StandardLevel,
    VerifierStatus,
)
from tdc.metrology.models import (
    Designation,
    DesignationInstrumentType,
    Instrument,
    Market,
    MeasurementStandard,
    Verifier,
)


class InstrumentFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    type_code = django_filters.CharFilter(label=_("Instrument type code"), field_name="type_code")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=InstrumentStatus.choices)
    owner_tax_code = django_filters.CharFilter(
        label=_("Owner tax code"), field_name="owner__tax_code"
    )
    province = django_filters.CharFilter(label=_("Province code"), field_name="province_id")
    commune = django_filters.CharFilter(label=_("Commune code"), field_name="commune_id")
    due_before = django_filters.DateFilter(
        label=_("Due before"), field_name="next_due_date", lookup_expr="lte"
    )
    needs_reverification = django_filters.BooleanFilter(label=_("Re-verification required"))

    class Meta:
        model = Instrument
        fields = [
            "q",
            "type_code",
            "status",
            "owner_tax_code",
            "province",
            "commune",
            "due_before",
            "needs_reverification",
        ]

    def filter_text(self, queryset: QuerySet[Instrument], name: str, value: Any) -> Any:
        """Diacritic-insensitive search over type, manufacturer, model, serial and address."""
        return folded_search(queryset, value)


class DesignationFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=DesignationStatus.choices)
    type_code = django_filters.CharFilter(
        label=_("Instrument type code"), method="filter_type_code"
    )
    organisation_tax_code = django_filters.CharFilter(
        label=_("Organisation tax code"), field_name="organisation__tax_code"
    )

    class Meta:
        model = Designation
        fields = ["status", "type_code", "organisation_tax_code"]

    def filter_type_code(self, queryset: QuerySet[Designation], name: str, value: Any) -> Any:
        return queryset.filter(
            pk__in=DesignationInstrumentType.objects.filter(type_code=value).values(
                "designation_id"
            )
        )


class VerifierFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or number"), method="filter_text")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=VerifierStatus.choices)
    organisation_tax_code = django_filters.CharFilter(
        label=_("Organisation tax code"), field_name="organisation__tax_code"
    )

    class Meta:
        model = Verifier
        fields = ["q", "status", "organisation_tax_code"]

    def filter_text(self, queryset: QuerySet[Verifier], name: str, value: Any) -> Any:
        return queryset.filter(Q(full_name__icontains=value) | Q(card_number__icontains=value))


class MeasurementStandardFilterSet(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(label=_("Level"), choices=StandardLevel.choices)
    quantity = django_filters.CharFilter(label=_("Quantity"), lookup_expr="icontains")
    certified_for_group2 = django_filters.BooleanFilter(
        label=_("Certified for Group 2 verification")
    )
    holder_tax_code = django_filters.CharFilter(
        label=_("Holder tax code"), field_name="holder__tax_code"
    )

    class Meta:
        model = MeasurementStandard
        fields = ["level", "quantity", "certified_for_group2", "holder_tax_code"]


class MarketFilterSet(django_filters.FilterSet):
    name = django_filters.CharFilter(label=_("Name"), lookup_expr="icontains")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MarketStatus.choices)
    commune = django_filters.CharFilter(label=_("Commune code"), field_name="commune_id")

    class Meta:
        model = Market
        fields = ["name", "status", "commune"]
