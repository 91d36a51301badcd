"""Forms of the metrology register; dropdowns limited to the user's jurisdiction."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdc.core.roles import Action
from tdc.metrology.choices import InstrumentStatus
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
from tdc.metrology.selectors import instrument_types_in_force
from tdc.places.selectors import communes_for, province_all, provinces_for
from tdc.registry.choices import OrganisationKind
from tdc.registry.selectors import organisation_list, organisation_of_kinds

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def type_code_choices() -> list[tuple[str, str]]:
    """Types of the Group 2 list in force today, as “item. name (code)”."""
    rows = instrument_types_in_force(timezone.localdate())
    return [(r.code, f"{r.item_no}. {r.name_vi}") for r in rows]


def _organisations(user: Any, *, kind: str | None = None) -> Any:
    qs = organisation_list(user=user)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("name")


class _PlaceMixin:
    """Province → commune dropdowns limited to the user's jurisdiction (HTMX refresh)."""

    fields: dict[str, Any]
    data: Any
    instance: Any

    def setup_places(self, user: Any) -> None:
        self.fields["province"].queryset = provinces_for(user)
        only = self.fields["province"].queryset
        if not getattr(self.instance, "pk", None) and only.count() == 1:
            self.fields["province"].initial = only.first()
        province_code = (
            self.data.get(self.add_prefix("province"))  # type: ignore[attr-defined]
            or getattr(self.instance, "province_id", None)
            or getattr(self.fields["province"].initial, "pk", None)
        )
        self.fields["commune"].queryset = communes_for(user, province_code)
        self.fields["province"].widget.attrs.update(
            {
                "hx-get": reverse("places:commune_options"),
                "hx-target": "#id_commune",
                "hx-trigger": "change",
                "hx-include": "this",
            }
        )


class InstrumentForm(_PlaceMixin, forms.ModelForm[Instrument]):
    """Register or edit a measuring instrument."""

    type_code = forms.ChoiceField(label=_("Instrument type"), choices=())

    class Meta:
        model = Instrument
        fields = [
            "owner",
            "type_code",
            "manufacturer",
            "manufacturer_country",
            "model_name",
            "serial_number",
            "manufactured_year",
            "type_approval_number",
            "type_approval_valid_from",
            "type_approval_valid_to",
            "accuracy_class",
            "measuring_range",
            "max_capacity",
            "min_capacity",
            "verification_interval",
            "scale_interval",
            "unit",
            "province",
            "commune",
            "address",
            "latitude",
            "longitude",
        ]
        widgets = {"type_approval_valid_from": DATE, "type_approval_valid_to": DATE}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        owners = _organisations(user)
        self.fields["owner"].queryset = owners
        if not self.instance.pk and owners.count() == 1:
            self.fields["owner"].initial = owners.first()
        choices = type_code_choices()
        if self.instance.pk and self.instance.type_code not in {c for c, _ in choices}:
            choices.append((self.instance.type_code, self.instance.type_code))
        self.fields["type_code"].choices = [("", "---------"), *choices]
        self.setup_places(user)

    def validate_unique(self) -> None:
        # The service reports a duplicate by naming the existing record.
        pass

    def _post_clean(self) -> None:
        # Model validation (duplicates, constraints) runs in the service, which names the
        # existing record; the form only converts the input.
        self.instance = forms.models.construct_instance(self, self.instance, self._meta.fields)


class InstrumentStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=InstrumentStatus.choices)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=255,
        help_text=_("Required unless the instrument goes back into use."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=255, widget=forms.Textarea({"rows": 2}))


class SuspendForm(ReasonForm):
    until = forms.DateField(label=_("Suspended until"), required=False, widget=DATE)


class DesignationForm(forms.ModelForm[Designation]):
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
        fields = [
            "organisation",
            "decision_number",
            "decision_date",
            "issued_by",
            "valid_from",
            "valid_to",
            "notes",
        ]
        widgets = {"decision_date": DATE, "valid_from": DATE}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _organisations(  # type: ignore[attr-defined]
            user, kind=OrganisationKind.VERIFICATION_ORG
        )
        self.fields["type_codes"].choices = type_code_choices()  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["type_codes"].initial = [
                t.type_code for t in self.instance.instrument_types.all()
            ]
            self.fields["provinces"].initial = list(self.instance.provinces.all())

    def _post_clean(self) -> None:
        self.instance = forms.models.construct_instance(self, self.instance, self._meta.fields)


class VerifierForm(forms.ModelForm[Verifier]):
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
        fields = [
            "organisation",
            "designation",
            "full_name",
            "birth_year",
            "card_number",
            "decision_number",
            "valid_from",
            "valid_to",
        ]
        widgets = {"valid_from": DATE}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _organisations(  # type: ignore[attr-defined]
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

    def _post_clean(self) -> None:
        self.instance = forms.models.construct_instance(self, self.instance, self._meta.fields)


class MeasurementStandardForm(forms.ModelForm[MeasurementStandard]):
    class Meta:
        model = MeasurementStandard
        fields = [
            "level",
            "name",
            "identifier",
            "quantity",
            "measuring_range",
            "uncertainty",
            "manufacturer",
            "model_name",
            "serial_number",
            "holder",
            "parent",
            "certified_for_group2",
            "group2_certificate_number",
            "group2_certified_until",
        ]
        widgets = {"group2_certified_until": DATE}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = _organisations(user)  # type: ignore[attr-defined]
        # A higher standard may be held anywhere (national standards sit in national institutes).
        parents = MeasurementStandard.objects.select_related("holder").order_by("level", "name")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]

    def _post_clean(self) -> None:
        self.instance = forms.models.construct_instance(self, self.instance, self._meta.fields)


class StandardCalibrationForm(forms.ModelForm[StandardCalibration]):
    class Meta:
        model = StandardCalibration
        fields = [
            "laboratory",
            "laboratory_name",
            "certificate_number",
            "calibrated_on",
            "valid_until",
            "result",
            "notes",
        ]
        widgets = {"calibrated_on": DATE, "valid_until": DATE}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["laboratory"].queryset = organisation_of_kinds(  # type: ignore[attr-defined]
            OrganisationKind.VERIFICATION_ORG, OrganisationKind.TESTING_LAB
        )

    def _post_clean(self) -> None:
        self.instance = forms.models.construct_instance(self, self.instance, self._meta.fields)


class MarketForm(_PlaceMixin, forms.ModelForm[Market]):
    class Meta:
        model = Market
        fields = ["name", "province", "commune", "address", "management_board", "status", "notes"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["management_board"].queryset = _organisations(user)
        self.setup_places(user)

    def validate_unique(self) -> None:
        pass

    def _post_clean(self) -> None:
        self.instance = forms.models.construct_instance(self, self.instance, self._meta.fields)


class ReferenceWeightForm(forms.ModelForm[ReferenceWeight]):
    class Meta:
        model = ReferenceWeight
        fields = [
            "kind",
            "nominal_value",
            "unit",
            "accuracy_class",
            "serial_number",
            "last_verified_on",
            "verification_valid_until",
            "certificate_number",
        ]
        widgets = {"last_verified_on": DATE, "verification_valid_until": DATE}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    def _post_clean(self) -> None:
        self.instance = forms.models.construct_instance(self, self.instance, self._meta.fields)


class MarketCheckForm(forms.ModelForm[MarketCheck]):
    class Meta:
        model = MarketCheck
        fields = ["checked_on", "scales_checked", "scales_failed", "result", "findings"]
        widgets = {"checked_on": DATE}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    def _post_clean(self) -> None:
        self.instance = forms.models.construct_instance(self, self.instance, self._meta.fields)
