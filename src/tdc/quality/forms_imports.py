"""Forms, filters and the table of the import-inspection screens (and of its API's filters)."""

from __future__ import annotations

from typing import Any

import django_filters
import django_tables2 as tables
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tdc.core.roles import Role
from tdc.quality.choices import (
    ExemptionGround,
    ImportStatus,
    InspectionLevel,
    RegimeChoice,
    RiskClassChoice,
    SurveillanceKind,
)
from tdc.quality.models import ImportRegistration
from tdc.quality.selectors import body_choices
from tdc.registry.selectors import organisation_all

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ImportRegistrationForm(forms.ModelForm[ImportRegistration]):
    """What the importer registers; a business user registers for their own organisation."""

    importer = forms.ModelChoiceField(label=_("Importer"), queryset=organisation_all())

    class Meta:
        model = ImportRegistration
        fields = ["importer", *ImportRegistration.FIELDS]
        widgets = {
            name: _DATE
            for name in (
                "certificate_issued_on",
                "certificate_valid_until",
                "registered_on",
                "cleared_on",
            )
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["certificate_body"].queryset = body_choices(user=user)  # type: ignore[attr-defined]
        if getattr(user, "role", None) == Role.BUSINESS_USER:
            field = self.fields["importer"]
            field.queryset = organisation_all().filter(pk=user.organisation_id)  # type: ignore[attr-defined]
            field.initial = user.organisation_id


class ImportStepForm(forms.Form):
    """The date of a step and what it needs: the missing documents, the reasons, the ground."""

    on = forms.DateField(label=_("Date"), widget=_DATE)
    reason = forms.CharField(
        label=_("Reasons or missing documents"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    ground = forms.ChoiceField(
        label=_("Exemption ground"), choices=[("", "—"), *ExemptionGround.choices], required=False
    )
    safety_warning = forms.BooleanField(label=_("The goods carry a safety warning"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind of event"), choices=[("", "—"), *SurveillanceKind.choices], required=False
    )


class ImportRegistrationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ImportStatus.choices)
    regime = django_filters.ChoiceFilter(label=_("Regime"), choices=RegimeChoice.choices)
    risk_class = django_filters.ChoiceFilter(label=_("Risk class"), choices=RiskClassChoice.choices)
    inspection_level = django_filters.ChoiceFilter(
        label=_("Inspection level"), choices=InspectionLevel.choices
    )
    registered_after = django_filters.DateFilter(
        field_name="registered_on", lookup_expr="gte", label=_("Registered from")
    )
    registered_before = django_filters.DateFilter(
        field_name="registered_on", lookup_expr="lte", label=_("Registered until")
    )

    class Meta:
        model = ImportRegistration
        fields = ["q", "status", "regime", "risk_class", "inspection_level"]

    def filter_text(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(
            Q(number__icontains=value)
            | Q(customs_declaration__icontains=value)
            | Q(product__icontains=value)
            | Q(importer__name__icontains=value)
            | Q(importer__tax_code=value)
            | Q(hs_code__startswith=value.replace(".", ""))
        )


class ImportRegistrationTable(tables.Table):
    number = tables.Column(
        verbose_name=_("Number"), linkify=lambda record: record.get_absolute_url()
    )
    importer = tables.Column(verbose_name=_("Importer"))
    product = tables.Column(verbose_name=_("Goods"))
    customs_declaration = tables.Column(verbose_name=_("Customs declaration"))
    registered_on = tables.DateColumn(verbose_name=_("Registered on"), format="d/m/Y")
    status = tables.Column(verbose_name=_("Status"))
    inspection_level = tables.Column(verbose_name=_("Inspection level"))

    class Meta:
        model = ImportRegistration
        fields = (
            "number",
            "importer",
            "product",
            "customs_declaration",
            "registered_on",
            "status",
            "inspection_level",
        )
        attrs = {"class": "table table-sm table-hover align-middle"}
