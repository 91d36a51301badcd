"""Tables of the quality lists."""

from __future__ import annotations

import django_tables2 as tables
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.quality.models import ConformityBody, Declaration, QualityWarning, Sample, SurveyPlan

_ATTRS = {"class": "table table-sm table-hover align-middle"}


class ConformityBodyTable(tables.Table):
    name = tables.Column(verbose_name=_("Name"), linkify=lambda record: record.get_absolute_url())
    kind = tables.Column(verbose_name=_("Kind"))
    status = tables.Column(verbose_name=_("Standing"))
    registration_number = tables.Column(verbose_name=_("Number"))
    valid_until = tables.DateColumn(verbose_name=_("Valid until"), format="d/m/Y")

    class Meta:
        model = ConformityBody
        fields = ("name", "kind", "status", "registration_number", "valid_until")
        attrs = _ATTRS


class DeclarationTable(tables.Table):
    receipt_number = tables.Column(
        verbose_name=_("Number"), linkify=lambda record: record.get_absolute_url()
    )
    declarant = tables.Column(verbose_name=_("Declarant"))
    product = tables.Column(verbose_name=_("Product"))
    qcvn = tables.Column(verbose_name=_("Technical regulation"))
    regime = tables.Column(verbose_name=_("Regime"))
    risk_class = tables.Column(verbose_name=_("Risk class"))
    status = tables.Column(verbose_name=_("Status"))
    declared_on = tables.DateColumn(verbose_name=_("Declared on"), format="d/m/Y")

    class Meta:
        model = Declaration
        fields = (
            "receipt_number",
            "declarant",
            "product",
            "qcvn",
            "regime",
            "risk_class",
            "status",
            "declared_on",
        )
        attrs = _ATTRS


class QualityWarningTable(tables.Table):
    title = tables.Column(verbose_name=_("Title"), linkify=lambda record: record.get_absolute_url())
    product = tables.Column(verbose_name=_("Product"))
    hazard = tables.Column(verbose_name=_("Hazard"))
    source = tables.Column(verbose_name=_("Source"))
    published_on = tables.DateColumn(verbose_name=_("Published on"), format="d/m/Y")

    class Meta:
        model = QualityWarning
        fields = ("title", "product", "hazard", "source", "published_on")
        attrs = _ATTRS


# --- Quality surveys and testing ------------------------------------------------------------


class SurveyPlanTable(tables.Table):
    title = tables.Column(verbose_name=_("Title"), linkify=lambda record: record.get_absolute_url())
    year = tables.Column(verbose_name=_("Year"))
    decision_rule = tables.Column(verbose_name=_("Decision rule"))
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = SurveyPlan
        fields = ("title", "year", "decision_rule", "status")
        attrs = _ATTRS


class SampleTable(tables.Table):
    number = tables.Column(
        verbose_name=_("Number"), linkify=lambda record: record.get_absolute_url()
    )
    business = tables.Column(verbose_name=_("Business"))
    product = tables.Column(verbose_name=_("Product"))
    qcvn = tables.Column(verbose_name=_("Technical regulation"))
    sampled_on = tables.DateColumn(verbose_name=_("Sampled on"), format="d/m/Y")
    status = tables.Column(verbose_name=_("Status"))
    verdict = tables.Column(verbose_name=_("Verdict"))

    class Meta:
        model = Sample
        fields = ("number", "business", "product", "qcvn", "sampled_on", "status", "verdict")
        attrs = _ATTRS


# --- Register of businesses under management ------------------------------------------------


class BusinessTable(tables.Table):
    """Businesses under management with what the quality records hold on each."""

    name = tables.Column(
        verbose_name=_("Business"),
        linkify=lambda record: reverse("quality:business_detail", args=[record.pk]),
    )
    tax_code = tables.Column(verbose_name=_("Tax code"))
    commune = tables.Column(verbose_name=_("Commune"), accessor="commune__name", default="—")
    declarations = tables.Column(verbose_name=_("Declarations"), orderable=False)
    samples = tables.Column(verbose_name=_("Samples tested"), orderable=False)
    failing = tables.Column(verbose_name=_("Non-conforming"), orderable=False)
    imports = tables.Column(verbose_name=_("Import lots"), orderable=False)
    commitments = tables.Column(verbose_name=_("Commitments"), orderable=False)

    class Meta:
        attrs = _ATTRS
        fields = ()
