"""Forms of the metrology register; dropdowns limited to the user's jurisdiction."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdc.core.forms import EMPTY_CHOICE_LABEL
from tdc.core.roles import Action
from tdc.metrology.choices import InstrumentStatus
from tdc.metrology.fields import (
    CALIBRATION_ENTRY,
    DESIGNATION_EDITABLE,
    INSTRUMENT_ENTRY,
    MARKET_CHECK_ENTRY,
    MARKET_EDITABLE,
    REFERENCE_WEIGHT_ENTRY,
    STANDARD_ENTRY,
    VERIFIER_ENTRY,
)
from tdc.metrology.forms.common import (
    DATE,
    PlaceMixin,
    ReasonForm,
    ServiceModelForm,
    organisations,
    type_code_choices,
)
from tdc.metrology.models import (
    Designation,
    Instrument,
    Market,
    MarketCheck,
    MeasurementStandard,
    ReferenceWeight,
    StandardCalibration,
    Verifier,
)
from tdc.metrology.selectors import instrument_type_rule_on
from tdc.places.selectors import province_all
from tdc.registry.choices import OrganisationKind
from tdc.registry.selectors import organisation_of_kinds


class InstrumentForm(PlaceMixin, ServiceModelForm[Instrument]):
    """Register or edit a measuring instrument."""

    type_code = forms.ChoiceField(label=_("Instrument type"), choices=())

    class Meta:
        model = Instrument
        fields = INSTRUMENT_ENTRY
        widgets = {"type_approval_valid_from": DATE, "type_approval_valid_to": DATE}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        owners = organisations(user)
        self.fields["owner"].queryset = owners
        if not self.instance.pk and owners.count() == 1:
            self.fields["owner"].initial = owners.first()
        choices = type_code_choices()
        if self.instance.pk and self.instance.type_code not in {c for c, _ in choices}:
            choices.append((self.instance.type_code, self.instance.type_code))
        self.fields["type_code"].choices = [("", EMPTY_CHOICE_LABEL), *choices]
        self.fields["type_approval_number"].help_text = _(
            "Required for types that need type approval: the verification checks it."
        )
        self.setup_places(user)

    def clean(self) -> dict[str, Any]:
        """Ask now for what the verification will need: the type-approval decision of a type
        that requires one (the Group 2 list row in force today)."""
        cleaned = super().clean() or {}
        code = cleaned.get("type_code")
        if code and not cleaned.get("type_approval_number"):
            try:
                rule = instrument_type_rule_on(code, timezone.localdate())
            except ValidationError:
                return cleaned
            if rule.requires_type_approval:
                self.add_error(
                    "type_approval_number",
                    _(
                        "This type requires type approval: enter the type-approval decision "
                        "number (and its validity), which every verification checks."
                    ),
                )
        return cleaned


class InstrumentStatusForm(forms.Form):
    """Put an instrument in use, out of service, sealed or scrapped."""

    status = forms.ChoiceField(label=_("Status"), choices=InstrumentStatus.choices)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=255,
        help_text=_("Required unless the instrument goes back into use."),
    )


class SuspendForm(ReasonForm):
    """Suspend a designation, with the reason and the end of the suspension."""

    until = forms.DateField(label=_("Suspended until"), required=False, widget=DATE)


class DesignationForm(ServiceModelForm[Designation]):
    """Record or edit a designation decision."""

    type_codes = forms.MultipleChoiceField(
        label=_("Instrument types covered"), choices=(), widget=forms.SelectMultiple({"size": 8})
    )
    provinces = forms.ModelMultipleChoiceField(
        label=_("Provinces covered"), queryset=province_all(), required=False
    )
    valid_to = forms.DateField(
        label=_("Valid to"),
        required=False,
        widget=DATE,
        help_text=_("Leave empty for five years from the start."),
    )

    class Meta:
        model = Designation
        fields = DESIGNATION_EDITABLE
        widgets = {"decision_date": DATE, "valid_from": DATE}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["organisation"].queryset = organisations(  # type: ignore[attr-defined]
            user, kind=OrganisationKind.VERIFICATION_ORG
        )
        self.fields["type_codes"].choices = type_code_choices()  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["type_codes"].initial = [
                t.type_code for t in self.instance.instrument_types.all()
            ]
            self.fields["provinces"].initial = list(self.instance.provinces.all())


class VerifierForm(ServiceModelForm[Verifier]):
    """Record or edit a certified verifier and the fields they may verify."""

    type_codes = forms.MultipleChoiceField(
        label=_("Fields (instrument types)"), choices=(), widget=forms.SelectMultiple({"size": 8})
    )
    valid_to = forms.DateField(
        label=_("Valid to"),
        required=False,
        widget=DATE,
        help_text=_("Leave empty to follow the designation's end."),
    )

    class Meta:
        model = Verifier
        fields = VERIFIER_ENTRY
        widgets = {"valid_from": DATE}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["organisation"].queryset = organisations(  # type: ignore[attr-defined]
            user, kind=OrganisationKind.VERIFICATION_ORG
        )
        self.fields["designation"].queryset = Designation.objects.for_user(  # type: ignore[attr-defined]
            user, Action.VIEW
        ).select_related("organisation")
        self.fields["type_codes"].choices = type_code_choices()  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["type_codes"].initial = [
                t.type_code for t in self.instance.instrument_types.all()
            ]


class MeasurementStandardForm(ServiceModelForm[MeasurementStandard]):
    """Enter or edit a measurement standard and the higher standard it is calibrated against."""

    class Meta:
        model = MeasurementStandard
        fields = STANDARD_ENTRY
        widgets = {"group2_certified_until": DATE}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["holder"].queryset = organisations(user)  # type: ignore[attr-defined]
        # A higher standard may be held anywhere (national standards sit in national institutes).
        parents = MeasurementStandard.objects.select_related("holder").order_by("level", "name")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]


class StandardCalibrationForm(ServiceModelForm[StandardCalibration]):
    """Record a calibration of a standard."""

    class Meta:
        model = StandardCalibration
        fields = CALIBRATION_ENTRY
        widgets = {"calibrated_on": DATE, "valid_until": DATE}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["laboratory"].queryset = organisation_of_kinds(  # type: ignore[attr-defined]
            OrganisationKind.VERIFICATION_ORG, OrganisationKind.TESTING_LAB
        )


class MarketForm(PlaceMixin, ServiceModelForm[Market]):
    """Enter or edit a market."""

    class Meta:
        model = Market
        fields = MARKET_EDITABLE

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["management_board"].queryset = organisations(user)
        self.setup_places(user)


class ReferenceWeightForm(ServiceModelForm[ReferenceWeight]):
    """Add a reference weight or scale to a market."""

    class Meta:
        model = ReferenceWeight
        fields = REFERENCE_WEIGHT_ENTRY
        widgets = {"last_verified_on": DATE, "verification_valid_until": DATE}


class MarketCheckForm(ServiceModelForm[MarketCheck]):
    """Record a check of a market's scales and reference weights."""

    class Meta:
        model = MarketCheck
        fields = MARKET_CHECK_ENTRY
        widgets = {"checked_on": DATE}
