"""Filters shared by the prepackaged-goods lists and their API endpoints."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tdc.core.pickers import PickerSelect
from tdc.prepackages.choices import (
    CertificationStatus,
    DeclarationStatus,
    InspectionStatus,
    LotDecision,
    ProductCategory,
)
from tdc.prepackages.models import (
    MarkCertification,
    MarkDeclaration,
    ProvinceRulesSetting,
    QuantityInspection,
)

#: Largest id a database integer column holds (larger ones are refused, not overflowed).
_MAX_ID = 2**63 - 1


def _days(
    field: str, first: Promise, last: Promise
) -> tuple[django_filters.DateFilter, django_filters.DateFilter]:
    """Two filters on the date ``field``: on or after a first day, and on or before a last."""
    return (
        django_filters.DateFilter(label=first, field_name=field, lookup_expr="gte"),
        django_filters.DateFilter(label=last, field_name=field, lookup_expr="lte"),
    )


class QuantityInspectionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=InspectionStatus.choices)
    decision = django_filters.ChoiceFilter(label=_("Decision"), choices=LotDecision.choices)
    product_category = django_filters.ChoiceFilter(
        label=_("Product category"), choices=ProductCategory.choices
    )
    packer = django_filters.NumberFilter(
        label=_("Packer"),
        field_name="packer_id",
        min_value=1,
        max_value=_MAX_ID,
        widget=PickerSelect("organisation"),
    )
    commune = django_filters.CharFilter(
        label=_("Commune"), field_name="commune_id", widget=PickerSelect("commune")
    )
    inspected_from, inspected_to = _days("inspected_on", _("From"), _("To"))

    class Meta:
        model = QuantityInspection
        fields = [
            "q",
            "status",
            "decision",
            "product_category",
            "packer",
            "commune",
            "inspected_from",
            "inspected_to",
        ]

    def filter_text(self, queryset: QuerySet[QuantityInspection], name: str, value: Any) -> Any:
        """Minutes number, product, brand, lot code or packer name."""
        text = (value or "").strip()
        if not text:
            return queryset
        return queryset.filter(
            Q(minutes_number__icontains=text)
            | Q(product_name__icontains=text)
            | Q(brand__icontains=text)
            | Q(lot_code__icontains=text)
            | Q(packer__name__icontains=text)
            | Q(packer__search_text__icontains=text)
        )


class MarkDeclarationFilterSet(django_filters.FilterSet):
    receipt_number = django_filters.CharFilter(label=_("Receipt number"), lookup_expr="icontains")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=DeclarationStatus.choices)
    declarant = django_filters.NumberFilter(
        label=_("Declarant"),
        field_name="declarant_id",
        min_value=1,
        max_value=_MAX_ID,
        widget=PickerSelect("organisation"),
    )
    received_from, received_to = _days("received_on", _("Received from"), _("Received to"))

    class Meta:
        model = MarkDeclaration
        fields = ["receipt_number", "status", "declarant", "received_from", "received_to"]


class MarkCertificationFilterSet(django_filters.FilterSet):
    certificate_number = django_filters.CharFilter(
        label=_("Certificate number"), lookup_expr="icontains"
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CertificationStatus.choices)
    applicant = django_filters.NumberFilter(
        label=_("Applicant"),
        field_name="applicant_id",
        min_value=1,
        max_value=_MAX_ID,
        widget=PickerSelect("organisation"),
    )
    valid_until_before = django_filters.DateFilter(
        label=_("Expires by"), field_name="valid_until", lookup_expr="lte"
    )

    class Meta:
        model = MarkCertification
        fields = ["certificate_number", "status", "applicant", "valid_until_before"]


class ProvinceRulesSettingFilterSet(django_filters.FilterSet):
    province = django_filters.CharFilter(
        label=_("Province"), field_name="province_id", widget=PickerSelect("province")
    )

    class Meta:
        model = ProvinceRulesSetting
        fields = ["province"]
