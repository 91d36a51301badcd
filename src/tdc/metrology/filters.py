"""Filters of the metrology screens, shared with /api/v1/metrology/…."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tdc.core.filters import folded_search
from tdc.core.pickers import PickerSelect
from tdc.metrology.choices import (
    CertificateStatus,
    DesignationStatus,
    FindingStatus,
    InstrumentStatus,
    MarketStatus,
    StampKind,
    StandardLevel,
    VerificationKind,
    VerificationResult,
    VerifierStatus,
)
from tdc.metrology.models import (
    Certificate,
    Designation,
    DesignationInstrumentType,
    Instrument,
    Market,
    MeasurementStandard,
    OutOfToleranceFinding,
    StampBatch,
    Verification,
    Verifier,
)

#: Organisations chosen by name, the filter keyed by their tax code (as the API always was).
_BY_TAX_CODE = PickerSelect("organisation", params={"value": "tax_code"})
#: Organisations that verify or calibrate instruments.
_VERIFICATION_KINDS = "verification_org,testing_lab"
_VERIFICATION_BY_TAX_CODE = {"value": "tax_code", "kind": _VERIFICATION_KINDS}


class InstrumentFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    type_code = django_filters.CharFilter(
        label=_("Instrument type"), field_name="type_code", widget=PickerSelect("instrument-type")
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=InstrumentStatus.choices)
    owner_tax_code = django_filters.CharFilter(
        label=_("Owner"), field_name="owner__tax_code", widget=_BY_TAX_CODE
    )
    province = django_filters.CharFilter(
        label=_("Province"), field_name="province_id", widget=PickerSelect("province")
    )
    commune = django_filters.CharFilter(
        label=_("Commune"), field_name="commune_id", widget=PickerSelect("commune")
    )
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
        label=_("Instrument type"),
        method="filter_type_code",
        widget=PickerSelect("instrument-type"),
    )
    organisation_tax_code = django_filters.CharFilter(
        label=_("Organisation"),
        field_name="organisation__tax_code",
        widget=PickerSelect("organisation", params=_VERIFICATION_BY_TAX_CODE),
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
        label=_("Organisation"),
        field_name="organisation__tax_code",
        widget=PickerSelect("organisation", params=_VERIFICATION_BY_TAX_CODE),
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
        label=_("Holder"), field_name="holder__tax_code", widget=_BY_TAX_CODE
    )

    class Meta:
        model = MeasurementStandard
        fields = ["level", "quantity", "certified_for_group2", "holder_tax_code"]


class MarketFilterSet(django_filters.FilterSet):
    name = django_filters.CharFilter(label=_("Name"), lookup_expr="icontains")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MarketStatus.choices)
    commune = django_filters.CharFilter(
        label=_("Commune"), field_name="commune_id", widget=PickerSelect("commune")
    )

    class Meta:
        model = Market
        fields = ["name", "status", "commune"]


# --- verifications, certificates, sticker stock -----------------------------------------------


class VerificationFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=VerificationKind.choices)
    result = django_filters.ChoiceFilter(label=_("Result"), choices=VerificationResult.choices)
    type_code = django_filters.CharFilter(
        label=_("Instrument type"), widget=PickerSelect("instrument-type")
    )
    serial = django_filters.CharFilter(
        label=_("Serial number"), field_name="instrument__serial_number", lookup_expr="iexact"
    )
    certificate_number = django_filters.CharFilter(
        label=_("Certificate number"), lookup_expr="icontains"
    )
    verified_from = django_filters.DateFilter(
        label=_("From"), field_name="verified_on", lookup_expr="gte"
    )
    verified_to = django_filters.DateFilter(
        label=_("To"), field_name="verified_on", lookup_expr="lte"
    )

    class Meta:
        model = Verification
        fields = ("kind", "result", "type_code")


class CertificateFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CertificateStatus.choices)
    number = django_filters.CharFilter(label=_("Number"), lookup_expr="icontains")
    serial_number = django_filters.CharFilter(label=_("Serial number"), lookup_expr="iexact")

    class Meta:
        model = Certificate
        fields = ("status",)


class StampBatchFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=StampKind.choices)
    organisation = django_filters.NumberFilter(
        label=_("Organisation"),
        widget=PickerSelect("organisation", params={"kind": _VERIFICATION_KINDS}),
    )

    class Meta:
        model = StampBatch
        fields = ("kind",)


# --- due list and reverse traceability --------------------------------------------------------

DUE_STATES = (
    ("due", _("Due within the window or overdue")),
    ("upcoming", _("Due within the window, not yet overdue")),
    ("overdue", _("Overdue")),
)


class DueFilterSet(django_filters.FilterSet):
    """The due list's filters; the selector applies them (these only draw and validate)."""

    state = django_filters.ChoiceFilter(label=_("Show"), choices=DUE_STATES, method="keep")
    within_days = django_filters.NumberFilter(label=_("Due within (days)"), method="keep")
    commune = django_filters.CharFilter(
        label=_("Commune"), method="keep", widget=PickerSelect("commune")
    )
    type_code = django_filters.CharFilter(
        label=_("Instrument type"), method="keep", widget=PickerSelect("instrument-type")
    )
    owner_tax_code = django_filters.CharFilter(label=_("Owner"), method="keep", widget=_BY_TAX_CODE)
    organisation = django_filters.NumberFilter(
        label=_("Verified by organisation"),
        method="keep",
        widget=PickerSelect("organisation", params={"kind": _VERIFICATION_KINDS}),
    )

    class Meta:
        model = Instrument
        fields: list[str] = []

    def keep(self, queryset: QuerySet[Instrument], name: str, value: Any) -> QuerySet[Instrument]:
        return queryset


class FindingFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=FindingStatus.choices)

    class Meta:
        model = OutOfToleranceFinding
        fields = ["status"]
