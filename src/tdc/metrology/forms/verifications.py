"""Forms of the verification, certificate and sticker-stock screens."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdc.metrology.choices import VerificationKind, VerificationPlace, VerificationResult
from tdc.metrology.fields import STAMP_BATCH_ENTRY
from tdc.metrology.forms.common import DATE, ReasonForm, organisations
from tdc.metrology.models import MeasurementStandard, StampBatch, Verifier
from tdc.metrology.selectors import instrument_types_in_force, verification_organisations
from tdc.metrology.services import PointInput
from tdc.registry.choices import OrganisationKind
from tdc.registry.selectors import organisation_all

POINT_ROWS = 6


def parse_conditions(text: str) -> dict[str, Any]:
    """``"q=2.5; zone=upper"`` → ``{"q": Decimal("2.5"), "zone": "upper"}``."""
    found: dict[str, Any] = {}
    for part in (text or "").replace(",", ";").split(";"):
        if not part.strip():
            continue
        if "=" not in part:
            raise forms.ValidationError(
                _("Write conditions as name=value separated by semicolons, e.g. q=2.5; zone=upper.")
            )
        name, value = (s.strip() for s in part.split("=", 1))
        try:
            found[name] = Decimal(value)
        except InvalidOperation:
            found[name] = value
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
    params = forms.CharField(
        label=_("Parameters"),
        required=False,
        help_text=_(
            "Extra rule parameters for all points, e.g. temperature_c=20 (water meters) or "
            "quantity=distance; unit=m (taximeters). e, Max, Min and the unit come from the "
            "register."
        ),
    )
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
        type_field.choices = [("", "—")] + [
            (t.code, f"{t.item_no} · {t.name_vi}") for t in instrument_types_in_force(today)
        ]
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
        self.point_rows: list[dict[str, Any]] = [
            {"index": i, "reference": "", "indication": "", "conditions": ""}
            for i in range(POINT_ROWS)
        ]
        if self.is_bound:
            for row in self.point_rows:
                for name in ("reference", "indication", "conditions"):
                    row[name] = self.data.get(f"points-{row['index']}-{name}", "")

    def clean_params(self) -> dict[str, Any]:
        return parse_conditions(self.cleaned_data.get("params", ""))

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
                        conditions=parse_conditions(row["conditions"]),
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
