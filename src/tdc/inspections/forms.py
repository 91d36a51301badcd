"""Forms of the inspections module; choices limited to the user's jurisdiction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdc.core.roles import Action, Role
from tdc.inspections.choices import (
    InspectionArea,
    NoticeKind,
    OffenderKind,
    TeamRole,
    TransferTarget,
)
from tdc.inspections.models import (
    Campaign,
    ExternalInspection,
    Inspection,
    InspectionPlan,
    RiskWeights,
)
from tdc.places.selectors import provinces_for
from tdc.registry.selectors import organisation_list

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _OrganisationChoice(forms.BaseForm):
    """The ``organisation`` field offers the user's organisations (merged ones left out)."""

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (  # type: ignore[attr-defined]
            organisation_list(user=user).filter(merged_into__isnull=True).order_by("name")
        )


class PlanForm(forms.ModelForm[InspectionPlan]):
    class Meta:
        model = InspectionPlan
        fields = InspectionPlan.EDIT_FIELDS
        widgets = {"legal_basis": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        provinces = provinces_for(user)
        self.fields["province"].queryset = provinces  # type: ignore[attr-defined]
        if not self.instance.pk:
            if provinces.count() == 1:
                self.fields["province"].initial = provinces.first()
            self.fields["year"].initial = timezone.localdate().year + 1


class CampaignForm(forms.ModelForm[Campaign]):
    class Meta:
        model = Campaign
        fields = Campaign.EDIT_FIELDS
        widgets = {"start_date": DATE, "end_date": DATE, "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class TargetForm(_OrganisationChoice, forms.Form):
    organisation: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
    )
    reason = forms.CharField(label=_("Reason for choosing"), required=False, max_length=255)


class TeamForm(forms.Form):
    user: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Officer"),
        queryset=None,
    )
    role = forms.ChoiceField(label=_("Role in the team"), choices=TeamRole.choices)

    def __init__(self, *args: Any, province_id: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (  # type: ignore[attr-defined]
            get_user_model()
            .objects.filter(
                province_id=province_id,
                is_active=True,
                role__in=[Role.PROVINCIAL_OFFICER, Role.INSPECTOR, Role.PROVINCIAL_LEADER],
            )
            .order_by("username")
        )


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("What must change"), widget=forms.Textarea(attrs={"rows": 2}))


class ExternalInspectionForm(_OrganisationChoice, forms.ModelForm[ExternalInspection]):
    class Meta:
        model = ExternalInspection
        fields = ExternalInspection.EDIT_FIELDS
        widgets = {"inspected_on": DATE, "notes": forms.Textarea(attrs={"rows": 2})}


class InspectionCreateForm(_OrganisationChoice, forms.Form):
    organisation: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Organisation inspected"),
        queryset=None,
    )
    area = forms.ChoiceField(label=_("Area"), choices=InspectionArea.choices)
    campaign: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Campaign"),
        queryset=None,
        required=False,
        help_text=_("Campaigns of approved plans; leave empty for an inspection outside the plan."),
    )
    inspected_on = forms.DateField(label=_("Date of inspection"), widget=DATE)
    address = forms.CharField(label=_("Place of inspection"), required=False, max_length=255)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["campaign"].queryset = (  # type: ignore[attr-defined]
            Campaign.objects.for_user(user, Action.VIEW)
            .filter(plan__status="approved")
            .select_related("plan")
        )
        self.fields["inspected_on"].initial = timezone.localdate()


class InspectionEditForm(forms.ModelForm[Inspection]):
    class Meta:
        model = Inspection
        fields = Inspection.EDIT_FIELDS
        widgets = {
            "inspected_on": DATE,
            "findings": forms.Textarea(attrs={"rows": 3}),
            "conclusion": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class ViolationForm(forms.Form):
    violation_type = forms.ChoiceField(label=_("Act (catalogue)"))
    committed_on = forms.DateField(label=_("Date of the violation"), widget=DATE)
    offender_kind = forms.ChoiceField(
        label=_("Offender"), choices=OffenderKind.choices, initial=OffenderKind.ORGANISATION
    )
    mitigating = forms.IntegerField(label=_("Mitigating circumstances"), min_value=0, initial=0)
    aggravating = forms.IntegerField(label=_("Aggravating circumstances"), min_value=0, initial=0)
    proposed_fine = forms.DecimalField(
        label=_("Proposed fine (VND)"),
        required=False,
        min_value=0,
        decimal_places=0,
        help_text=_("Leave empty for the amount the fine-setting rule gives."),
    )
    description = forms.CharField(
        label=_("What was found"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["violation_type"].choices = [("", "—")] + choices  # type: ignore[attr-defined]


class ProfitForm(forms.Form):
    violation = forms.IntegerField(widget=forms.HiddenInput)
    method = forms.ChoiceField(
        label=_("Case"),
        choices=[
            ("prepackaged", _("Prepackaged goods short of quantity")),
            ("measurement", _("Trade measurement beyond the MPE")),
        ],
    )
    units_sold = forms.IntegerField(
        label=_("Units sold in the period"), required=False, min_value=0
    )
    allowed_mean = forms.DecimalField(label=_("Allowed mean quantity"), required=False, min_value=0)
    actual_mean = forms.DecimalField(label=_("Actual mean quantity"), required=False, min_value=0)
    total_traded = forms.DecimalField(label=_("Total quantity traded"), required=False, min_value=0)
    error_found = forms.DecimalField(
        label=_("Error found (fraction, e.g. 0.02)"), required=False, min_value=-1
    )
    mpe = forms.DecimalField(label=_("MPE (fraction, e.g. 0.005)"), required=False, min_value=0)
    price_at_start = forms.DecimalField(label=_("Unit price at the start (VND)"), min_value=0)
    price_at_detection = forms.DecimalField(label=_("Unit price at detection (VND)"), min_value=0)

    def inputs(self) -> dict[str, Any]:
        keys = (
            ["units_sold", "allowed_mean", "actual_mean"]
            if self.cleaned_data["method"] == "prepackaged"
            else ["total_traded", "error_found", "mpe"]
        )
        keys += ["price_at_start", "price_at_detection"]
        return {k: self.cleaned_data.get(k) for k in keys if self.cleaned_data.get(k) is not None}


class InstrumentCheckForm(forms.Form):
    instrument_id = forms.TypedChoiceField(
        label=_("Instrument in the register"), coerce=int, required=False, empty_value=None
    )
    description = forms.CharField(label=_("Or describe the instrument"), required=False)
    serial_number = forms.CharField(label=_("Serial number"), required=False)
    seals_intact = forms.NullBooleanField(
        label=_("Seals intact"),
        widget=forms.Select(choices=[("unknown", "—"), ("true", _("Yes")), ("false", _("No"))]),
    )
    note = forms.CharField(label=_("Note"), required=False)

    def __init__(self, *args: Any, instruments: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["instrument_id"].choices = [("", "—")] + instruments  # type: ignore[attr-defined]


class NoticeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=NoticeKind.choices)
    issued_on = forms.DateField(label=_("Date of issue"), widget=DATE)
    seal_numbers = forms.CharField(label=_("Seal sticker numbers"), required=False)
    note = forms.CharField(label=_("Note"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issued_on"].initial = timezone.localdate()


class DecisionForm(forms.Form):
    decided_on = forms.DateField(label=_("Date of the decision"), widget=DATE)
    signed_by_name = forms.CharField(label=_("Signed by"), required=False)
    remedy = forms.CharField(label=_("Remedial measure"), required=False)
    remedy_deadline = forms.DateField(
        label=_("Deadline of the measure"), required=False, widget=DATE
    )

    def __init__(self, *args: Any, violations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].initial = timezone.localdate()
        for violation in violations:
            self.fields[f"fine_{violation.pk}"] = forms.DecimalField(
                label=_("Fine for {act} (VND)").format(act=violation.violation_type.citation),
                initial=violation.proposed_fine,
                min_value=0,
                decimal_places=0,
                help_text=_("Range: {minimum} – {maximum} VND").format(
                    minimum=f"{violation.fine_min:,.0f}", maximum=f"{violation.fine_max:,.0f}"
                ),
            )

    def fines(self) -> dict[int, Any]:
        return {
            int(name.split("_", 1)[1]): value
            for name, value in self.cleaned_data.items()
            if name.startswith("fine_")
        }

    def remedies(self) -> list[tuple[str, dt.date]]:
        measure, deadline = (
            self.cleaned_data.get("remedy"),
            self.cleaned_data.get("remedy_deadline"),
        )
        return [(measure, deadline)] if measure and deadline else []


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE)
    receipt_number = forms.CharField(label=_("Receipt number"), max_length=64)


class TransferForm(forms.Form):
    target = forms.ChoiceField(
        label=_("Transferred to"),
        choices=[c for c in TransferTarget.choices if c[0]],
    )
    on = forms.DateField(label=_("Date"), widget=DATE)
    reference = forms.CharField(label=_("Reference"), required=False)


class RemedyForm(forms.Form):
    measure = forms.CharField(label=_("Remedial measure"), max_length=500)
    deadline = forms.DateField(label=_("Deadline"), widget=DATE)


class RiskWeightsForm(forms.ModelForm[RiskWeights]):
    reason = forms.CharField(label=_("Reason for the change"), max_length=255)

    class Meta:
        model = RiskWeights
        fields = [
            "complaint_weight",
            "violation_weight",
            "violation_half_life_days",
            "overdue_instrument_weight",
            "rejected_check_weight",
            "years_since_inspection_weight",
            "years_since_inspection_cap",
            "size_weight",
            "referral_weight",
            "lookback_days",
            "legal_basis",
            "notes",
        ]

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class OfficialAmountForm(forms.Form):
    """The official fine of a violation on an unconfirmed catalogue row (issue 11)."""

    violation = forms.IntegerField(widget=forms.HiddenInput)
    amount = forms.DecimalField(
        label=_("Official fine (VND)"), min_value=1, max_digits=15, decimal_places=0
    )
    citation = forms.CharField(
        label=_("Citation of the official text"),
        max_length=255,
        help_text=_("Decree, article and clause the amount is read from."),
    )
