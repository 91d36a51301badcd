"""Forms, filters and tables of the verification, certificate and sticker-stock screens."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any, cast

import django_filters
import django_tables2 as tables
from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from tdc.core.roles import Role
from tdc.metrology.choices import (
    CertificateStatus,
    StampKind,
    VerificationKind,
    VerificationPlace,
    VerificationResult,
)
from tdc.metrology.models import (
    Certificate,
    MeasurementStandard,
    StampBatch,
    Verification,
    Verifier,
)
from tdc.metrology.selectors import instrument_types_in_force
from tdc.metrology.services_verification import PointInput
from tdc.registry.choices import OrganisationKind
from tdc.registry.selectors import organisation_all, organisation_list, organisation_of_kinds

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
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


def verification_organisations(user: Any) -> Any:
    """Organisations the user may record verifications for: their own, or (administrators)
    every verification organisation."""
    if getattr(user, "role", None) == Role.SYSTEM_ADMIN:
        return organisation_of_kinds(OrganisationKind.VERIFICATION_ORG)
    return organisation_all().filter(pk=getattr(user, "organisation_id", None) or 0)


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
        organisations = verification_organisations(user)
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = organisations
        first = organisations.first()
        if first is not None:
            self.fields["organisation"].initial = first.pk
        cast(forms.ModelChoiceField, self.fields["verifier"]).queryset = Verifier.objects.filter(
            organisation__in=organisations
        ).order_by("full_name")
        cast(
            forms.ModelMultipleChoiceField,
            self.fields["standards"],
        ).queryset = MeasurementStandard.objects.filter(holder__in=organisations).order_by("name")
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
        fields = (
            "organisation",
            "kind",
            "prefix",
            "first_number",
            "last_number",
            "number_width",
            "issued_on",
            "notes",
        )
        widgets = {"issued_on": DATE, "notes": forms.Textarea({"rows": 2})}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = (
            organisation_list(user=user)
            .filter(kind=OrganisationKind.VERIFICATION_ORG)
            .order_by("name")
        )
        self.fields["issued_on"].initial = timezone.localdate()


class StampVoidForm(forms.Form):
    first_number = forms.IntegerField(label=_("First number"), min_value=0)
    last_number = forms.IntegerField(
        label=_("Last number"), min_value=0, required=False, help_text=_("Empty: one serial.")
    )
    reason = forms.CharField(label=_("Reason"), max_length=255, widget=forms.Textarea({"rows": 2}))


class CertificateReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=255,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("Shown on the certificate's public page."),
    )


# --- filters (shared by the screens and the API) ----------------------------------------------


class VerificationFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=VerificationKind.choices)
    result = django_filters.ChoiceFilter(label=_("Result"), choices=VerificationResult.choices)
    type_code = django_filters.CharFilter(label=_("Instrument type code"))
    serial = django_filters.CharFilter(
        label=_("Serial number"), field_name="instrument__serial_number", lookup_expr="iexact"
    )
    certificate_number = django_filters.CharFilter(
        label=_("Certificate number"), lookup_expr="icontains"
    )
    verified_from = django_filters.DateFilter(
        label=_("From"), field_name="verified_on", lookup_expr="gte"
    )
    verified_to = django_filters.DateFilter(
        label=_("To"), field_name="verified_on", lookup_expr="lte"
    )

    class Meta:
        model = Verification
        fields = ("kind", "result", "type_code")


class CertificateFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CertificateStatus.choices)
    number = django_filters.CharFilter(label=_("Number"), lookup_expr="icontains")
    serial_number = django_filters.CharFilter(label=_("Serial number"), lookup_expr="iexact")

    class Meta:
        model = Certificate
        fields = ("status",)


class StampBatchFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=StampKind.choices)
    organisation = django_filters.NumberFilter(label=_("Organisation id"))

    class Meta:
        model = StampBatch
        fields = ("kind",)


# --- tables -----------------------------------------------------------------------------------

_ATTRS = {"class": "table table-sm table-hover align-middle"}


class VerificationTable(tables.Table):
    verified_on = tables.DateColumn(verbose_name=_("Date"), format="d/m/Y", linkify=True)
    instrument = tables.Column(verbose_name=_("Instrument"), order_by=("type_code",))
    kind = tables.Column(verbose_name=_("Kind"))
    organisation = tables.Column(verbose_name=_("Organisation"), order_by=("organisation__name",))
    result = tables.Column(verbose_name=_("Result"))
    certificate_number = tables.Column(verbose_name=_("Certificate"))
    valid_until = tables.DateColumn(verbose_name=_("Valid until"), format="d/m/Y")

    class Meta:
        model = Verification
        fields = (
            "verified_on",
            "instrument",
            "kind",
            "organisation",
            "result",
            "certificate_number",
            "valid_until",
        )
        attrs = _ATTRS
        order_by = ("-verified_on",)


class CertificateTable(tables.Table):
    number = tables.Column(verbose_name=_("Number"), linkify=True)
    issued_on = tables.DateColumn(verbose_name=_("Date of issue"), format="d/m/Y")
    instrument_name = tables.Column(verbose_name=_("Instrument"))
    serial_number = tables.Column(verbose_name=_("Serial number"))
    owner_name = tables.Column(verbose_name=_("Owner"))
    valid_until = tables.DateColumn(verbose_name=_("Valid until"), format="d/m/Y")
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Certificate
        fields = (
            "number",
            "issued_on",
            "instrument_name",
            "serial_number",
            "owner_name",
            "valid_until",
            "status",
        )
        attrs = _ATTRS
        order_by = ("-issued_on",)


class StampBatchTable(tables.Table):
    range = tables.Column(verbose_name=_("Serials"), empty_values=(), orderable=False)
    organisation = tables.Column(verbose_name=_("Organisation"), order_by=("organisation__name",))
    kind = tables.Column(verbose_name=_("Kind"))
    issued_on = tables.DateColumn(verbose_name=_("Date issued"), format="d/m/Y")

    class Meta:
        model = StampBatch
        fields = ("range", "organisation", "kind", "issued_on")
        attrs = _ATTRS
        order_by = ("-issued_on",)

    def render_range(self, record: StampBatch) -> str:
        return format_html(
            '<a href="{}">{}</a>', record.get_absolute_url(), self.value_range(record)
        )

    def value_range(self, record: StampBatch) -> str:
        return f"{record.serial(record.first_number)}–{record.serial(record.last_number)}"
