from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from tdc.inspections.models import ExternalInspection, Inspection, InspectionPlan, SanctionDecision

_ATTRS = {"class": "table table-sm table-hover align-middle"}


class InspectionPlanTable(tables.Table):
    title = tables.Column(verbose_name=_("Title"), linkify=True)
    year = tables.Column(verbose_name=_("Year"))
    province = tables.Column(verbose_name=_("Province"), order_by=("province_id",))
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = InspectionPlan
        fields = ("title", "year", "province", "status")
        attrs = _ATTRS


class InspectionTable(tables.Table):
    decision_number = tables.Column(verbose_name=_("Decision"), linkify=True)
    organisation = tables.Column(verbose_name=_("Organisation"), order_by=("organisation__name",))
    area = tables.Column(verbose_name=_("Area"))
    inspected_on = tables.DateColumn(verbose_name=_("Date"), format="d/m/Y")
    commune = tables.Column(verbose_name=_("Commune"), order_by=("commune__name",))
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Inspection
        fields = ("decision_number", "organisation", "area", "inspected_on", "commune", "status")
        attrs = _ATTRS
        order_by = ("-inspected_on",)


class SanctionDecisionTable(tables.Table):
    number = tables.Column(verbose_name=_("Number"), linkify=True)
    organisation = tables.Column(
        verbose_name=_("Organisation"), accessor="inspection__organisation", orderable=False
    )
    decided_on = tables.DateColumn(verbose_name=_("Date"), format="d/m/Y")
    total_fine = tables.Column(verbose_name=_("Fine (VND)"))
    payment_status = tables.Column(verbose_name=_("Payment"))
    payment_due = tables.DateColumn(verbose_name=_("Pay by"), format="d/m/Y")

    class Meta:
        model = SanctionDecision
        fields = (
            "number",
            "organisation",
            "decided_on",
            "total_fine",
            "payment_status",
            "payment_due",
        )
        attrs = _ATTRS


class ExternalInspectionTable(tables.Table):
    organisation = tables.Column(
        verbose_name=_("Organisation"), linkify=lambda record: record.get_absolute_url()
    )
    agency = tables.Column(verbose_name=_("Agency"))
    inspected_on = tables.DateColumn(verbose_name=_("Date"), format="d/m/Y")
    subject = tables.Column(verbose_name=_("Subject"))
    reference = tables.Column(verbose_name=_("Reference"))

    class Meta:
        model = ExternalInspection
        fields = ("organisation", "agency", "inspected_on", "subject", "reference")
        attrs = _ATTRS
