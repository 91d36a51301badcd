"""Forms of the verification, certificate and sticker-stock screens."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tdc.core.pickers import sorted_choices, use_picker
from tdc.metrology.choices import VerificationKind, VerificationPlace, VerificationResult
from tdc.metrology.fields import STAMP_BATCH_ENTRY
from tdc.metrology.forms.common import DATE, ReasonForm, organisations
from tdc.metrology.models import MeasurementStandard, StampBatch, Verifier
from tdc.metrology.rules.common import label, parameter_names
from tdc.metrology.selectors import instrument_types_in_force, verification_organisations
from tdc.metrology.services import PointInput
from tdc.registry.choices import OrganisationKind
from tdc.registry.selectors import organisation_all

POINT_ROWS = 6
#: Rows of scheme parameters that hold for every point (temperature, measured quantity, unit…).
PARAM_ROWS = 3


def _value(text: str) -> Decimal | str:
    """A parameter's value: a number where it reads as one (a decimal comma accepted)."""
    text = text.strip()
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        return text


def parameter_choices() -> list[tuple[str, str]]:
    """The rule parameters by their name in the interface language, alphabetically (folded)."""
    vietnamese = (get_language() or "vi").startswith("vi")
    return sorted_choices((name, label(name)[0 if vietnamese else 1]) for name in parameter_names())


def parse_parameters(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """``[{"name": "q", "value": "2,5"}, …]`` → ``{"q": Decimal("2.5")}``; rows without a
    name or a value are skipped, an unknown name is refused."""
    known = set(parameter_names())
    found: dict[str, Any] = {}
    for row in rows:
        name, value = row.get("name", ""), (row.get("value") or "").strip()
        if not name or not value:
            continue
        if name not in known:
            raise forms.ValidationError(_("Choose the parameter from the list."))
        found[name] = _value(value)
    return found


class VerificationForm(forms.Form):
    """A verification as entered by the verifier; the test points come as numbered rows."""

    type_code = forms.ChoiceField(label=_("Instrument type"), required=False)
    serial = forms.CharField(label=_("Serial number"), max_length=64, required=False)
    instrument = forms.IntegerField(
        label=_("Instrument"),
        error_messages={"required": _("Find the instrument by type and serial and choose it.")},
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=VerificationKind.choices)
    verified_on = forms.DateField(label=_("Verification date"), widget=DATE)
    organisation = forms.ModelChoiceField(
        label=_("Verification organisation"), queryset=organisation_all().none()
    )
    verifier = forms.ModelChoiceField(label=_("Verifier"), queryset=Verifier.objects.none())
    standards = forms.ModelMultipleChoiceField(
        label=_("Standards used"),
        queryset=MeasurementStandard.objects.none(),
        required=False,
        widget=forms.SelectMultiple({"size": 4}),
    )
    place = forms.ChoiceField(
        label=_("Place"), choices=VerificationPlace.choices, initial=VerificationPlace.ON_SITE
    )
    place_address = forms.CharField(label=_("Address of the verification"), required=False)
    stamp_serial = forms.CharField(
        label=_("Sticker serial"),
        max_length=64,
        required=False,
        help_text=_("Taken from your organisation's stock; each serial is used once."),
    )
    result = forms.ChoiceField(
        label=_("Result"),
        required=False,
        choices=[("", _("From the test points")), *VerificationResult.choices],
    )
    failure_reason = forms.CharField(
        label=_("Reason for failing"), required=False, widget=forms.Textarea({"rows": 2})
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea({"rows": 2}))
    signatory_name = forms.CharField(label=_("Signed by"), required=False, max_length=150)
    signatory_title = forms.CharField(
        label=_("Title of the signatory"), required=False, max_length=150
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        type_field = cast(forms.ChoiceField, self.fields["type_code"])
        type_field.choices = [("", "—")] + sorted_choices(
            (t.code, t.name_vi) for t in instrument_types_in_force(today)
        )
        use_picker(type_field, "instrument-type", user=user)
        self.fields["verified_on"].initial = today
        mine = verification_organisations(user)
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = mine
        first = mine.first()
        if first is not None:
            self.fields["organisation"].initial = first.pk
        cast(forms.ModelChoiceField, self.fields["verifier"]).queryset = Verifier.objects.filter(
            organisation__in=mine
        ).order_by("full_name")
        cast(
            forms.ModelMultipleChoiceField,
            self.fields["standards"],
        ).queryset = MeasurementStandard.objects.filter(holder__in=mine).order_by("name")
        use_picker(self.fields["verifier"], "verifier", user=user)
        use_picker(self.fields["standards"], "standard", user=user)
        self.parameter_choices = parameter_choices()
        self.point_rows: list[dict[str, Any]] = [
            {"index": i, "reference": "", "indication": "", "condition": "", "condition_value": ""}
            for i in range(POINT_ROWS)
        ]
        self.param_rows: list[dict[str, Any]] = [
            {"index": i, "name": "", "value": ""} for i in range(PARAM_ROWS)
        ]
        if self.is_bound:
            for row in self.point_rows:
                for name in ("reference", "indication", "condition", "condition_value"):
                    row[name] = self.data.get(f"points-{row['index']}-{name}", "")
            for row in self.param_rows:
                for name in ("name", "value"):
                    row[name] = self.data.get(f"params-{row['index']}-{name}", "")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        try:
            cleaned["params"] = parse_parameters(self.param_rows)
        except forms.ValidationError as error:
            self.add_error(None, error)
        return cleaned

    def points(self) -> list[PointInput]:
        """The filled-in rows as test points; rows left empty are skipped."""
        points: list[PointInput] = []
        errors: list[str] = []
        for number, row in enumerate(self.point_rows, start=1):
            reference, indication = row["reference"].strip(), row["indication"].strip()
            if not reference and not indication:
                continue
            try:
                points.append(
                    PointInput(
                        reference=Decimal(reference.replace(",", ".")),
                        indication=Decimal(indication.replace(",", ".")),
                        conditions=parse_parameters(
                            [{"name": row["condition"], "value": row["condition_value"]}]
                        ),
                    )
                )
            except (InvalidOperation, forms.ValidationError):
                errors.append(
                    str(
                        _("Row {n}: enter the reference and the indication as numbers.").format(
                            n=number
                        )
                    )
                )
        if errors:
            raise forms.ValidationError(errors)
        return points


class StampBatchForm(forms.ModelForm[StampBatch]):
    """Issue a range of sticker or stamp serials to a verification organisation."""

    class Meta:
        model = StampBatch
        fields = STAMP_BATCH_ENTRY
        widgets = {"issued_on": DATE, "notes": forms.Textarea({"rows": 2})}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = organisations(
            user, kind=OrganisationKind.VERIFICATION_ORG
        )
        self.fields["issued_on"].initial = timezone.localdate()


class StampVoidForm(ReasonForm):
    """Void unused serials of a batch, with the reason."""

    first_number = forms.IntegerField(label=_("First number"), min_value=0)
    last_number = forms.IntegerField(
        label=_("Last number"), min_value=0, required=False, help_text=_("Empty: one serial.")
    )
    field_order = ["first_number", "last_number", "reason"]


class CertificateReasonForm(ReasonForm):
    """Revoke, suspend or reinstate a certificate, with the reason shown publicly."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = _("Shown on the certificate's public page.")
