"""Forms of the quality screens, on the models' one field lists."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tdc.core.roles import Role
from tdc.places.selectors import commune_all
from tdc.quality.choices import ProductGroup
from tdc.quality.models import ConformityBody, Declaration, QualityWarning, Sample, SurveyPlan
from tdc.quality.selectors import approved_plans, body_choices, lab_choices
from tdc.registry.selectors import organisation_all

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ConformityBodyForm(forms.ModelForm[ConformityBody]):
    scope_qcvn = forms.CharField(
        label=_("Technical regulations in scope"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, e.g. QCVN 4:2009/BKHCN."),
    )

    class Meta:
        model = ConformityBody
        fields = list(ConformityBody.FIELDS)
        widgets = {
            "valid_from": _DATE,
            "valid_until": _DATE,
            "scope_products": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["scope_qcvn"] = "\n".join(self.instance.scope_qcvn or [])

    def clean_scope_qcvn(self) -> list[str]:
        raw = str(self.cleaned_data.get("scope_qcvn") or "")
        return [line.strip() for line in raw.splitlines() if line.strip()]


class BodySuspendForm(forms.Form):
    suspended_from = forms.DateField(label=_("Suspended from"), widget=_DATE)
    suspended_until = forms.DateField(label=_("Suspended until"), required=False, widget=_DATE)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class DeclarationForm(forms.ModelForm[Declaration]):
    """What a declarant files; a business user files for their own organisation."""

    declarant = forms.ModelChoiceField(label=_("Declarant"), queryset=organisation_all())

    class Meta:
        model = Declaration
        fields = ["declarant", *Declaration.FIELDS]
        widgets = {
            "declared_on": _DATE,
            "certificate_valid_until": _DATE,
            "lab_report_date": _DATE,
            "assessment_signed_on": _DATE,
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = body_choices(user=user).filter(  # type: ignore[attr-defined]
            kind="certification"
        )
        self.fields["lab"].queryset = body_choices(user=user).filter(  # type: ignore[attr-defined]
            kind="laboratory"
        )
        if getattr(user, "role", None) == Role.BUSINESS_USER:
            orgs = organisation_all().filter(pk=user.organisation_id)
            self.fields["declarant"].queryset = orgs  # type: ignore[attr-defined]
            self.fields["declarant"].initial = user.organisation_id
        elif getattr(user, "province_id", None):
            self.fields["declarant"].queryset = organisation_all().filter(  # type: ignore[attr-defined]
                province_id=user.province_id
            )

    def _post_clean(self) -> None:
        # The service checks the whole declaration (regime, basis, body) on the filing.
        pass


class DeclarationStepForm(forms.Form):
    on = forms.DateField(label=_("Date"), required=False, widget=_DATE)
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class QualityWarningForm(forms.ModelForm[QualityWarning]):
    class Meta:
        model = QualityWarning
        fields = list(QualityWarning.FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "measure": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class PublicLookupForm(forms.Form):
    q = forms.CharField(
        label=_("Company, tax code, product, brand or QCVN"),
        min_length=3,
        max_length=100,
        required=False,
    )


# --- Quality surveys and testing ------------------------------------------------------------


class SurveyPlanForm(forms.ModelForm[SurveyPlan]):
    product_groups = forms.MultipleChoiceField(
        label=_("Product groups"),
        choices=ProductGroup.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    communes = forms.ModelMultipleChoiceField(
        label=_("Communes"), queryset=commune_all(), required=False
    )

    class Meta:
        model = SurveyPlan
        fields = [*SurveyPlan.FIELDS, "communes"]
        widgets = {"legal_basis": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if getattr(user, "province_id", None):
            self.fields["communes"].queryset = commune_all().filter(  # type: ignore[attr-defined]
                province_id=user.province_id
            )


class SampleForm(forms.ModelForm[Sample]):
    plan = forms.ModelChoiceField(label=_("Survey plan"), queryset=SurveyPlan.objects.none())
    business = forms.ModelChoiceField(label=_("Business sampled"), queryset=organisation_all())

    class Meta:
        model = Sample
        fields = ["plan", *Sample.FIELDS]
        widgets = {"sampled_on": _DATE}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = approved_plans(user=user)  # type: ignore[attr-defined]
        if getattr(user, "province_id", None):
            self.fields["business"].queryset = organisation_all().filter(  # type: ignore[attr-defined]
                province_id=user.province_id
            )

    def _post_clean(self) -> None:
        # The service checks the plan, the product group and the limits in force.
        pass


class SampleSealForm(forms.Form):
    seal_number = forms.CharField(label=_("Seal number"), max_length=64)
    sealed_on = forms.DateField(label=_("Sealed on"), widget=_DATE)


class SampleHandOverForm(forms.Form):
    lab = forms.ModelChoiceField(label=_("Laboratory"), queryset=ConformityBody.objects.none())
    handed_over_on = forms.DateField(label=_("Handed over on"), widget=_DATE)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lab"].queryset = lab_choices(user=user)  # type: ignore[attr-defined]


class LabReportForm(forms.Form):
    report_number = forms.CharField(label=_("Test report number"), max_length=64)
    reported_on = forms.DateField(label=_("Test report date"), widget=_DATE)


class ResultRowForm(forms.Form):
    """One indicator's line of the lab report; a line left empty is not tested."""

    code = forms.CharField(widget=forms.HiddenInput)
    value = forms.CharField(label=_("Measured value"), required=False, max_length=32)
    unit = forms.CharField(label=_("Unit"), max_length=24)
    uncertainty = forms.CharField(label=_("Expanded uncertainty U"), required=False, max_length=32)


ResultRowFormSet = forms.formset_factory(ResultRowForm, extra=0)
