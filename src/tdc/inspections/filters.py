"""Filters shared by the list pages and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from tdc.core.pickers import PickerSelect
from tdc.inspections.choices import InspectionArea, InspectionStatus, PaymentStatus, PlanStatus
from tdc.inspections.models import ExternalInspection, Inspection, InspectionPlan, SanctionDecision


class InspectionPlanFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Year"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=PlanStatus.choices)

    class Meta:
        model = InspectionPlan
        fields = ["year", "status"]


class InspectionFilterSet(django_filters.FilterSet):
    area = django_filters.ChoiceFilter(label=_("Area"), choices=InspectionArea.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=InspectionStatus.choices)
    commune = django_filters.CharFilter(
        label=_("Commune"), field_name="commune_id", widget=PickerSelect("commune")
    )
    organisation = django_filters.NumberFilter(
        label=_("Organisation"), field_name="organisation_id", widget=PickerSelect("organisation")
    )
    inspected_after = django_filters.DateFilter(
        label=_("Inspected on or after"), field_name="inspected_on", lookup_expr="gte"
    )
    inspected_before = django_filters.DateFilter(
        label=_("Inspected on or before"), field_name="inspected_on", lookup_expr="lte"
    )

    class Meta:
        model = Inspection
        fields = [
            "area",
            "status",
            "commune",
            "organisation",
            "inspected_after",
            "inspected_before",
        ]


class SanctionDecisionFilterSet(django_filters.FilterSet):
    payment_status = django_filters.ChoiceFilter(label=_("Payment"), choices=PaymentStatus.choices)
    decided_after = django_filters.DateFilter(
        label=_("Decided on or after"), field_name="decided_on", lookup_expr="gte"
    )

    class Meta:
        model = SanctionDecision
        fields = ["payment_status", "decided_after"]


class ExternalInspectionFilterSet(django_filters.FilterSet):
    organisation = django_filters.NumberFilter(
        label=_("Organisation"), field_name="organisation_id", widget=PickerSelect("organisation")
    )
    agency = django_filters.CharFilter(label=_("Agency"), lookup_expr="icontains")

    class Meta:
        model = ExternalInspection
        fields = ["organisation", "agency"]
