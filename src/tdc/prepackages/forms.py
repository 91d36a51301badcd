"""Forms of the prepackaged-goods screens; choices limited to the user's jurisdiction."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.places.selectors import communes_for, provinces_for
from tdc.prepackages.choices import TareMethodChoice
from tdc.prepackages.models import (
    MarkCertification,
    MarkDeclaration,
    ProvinceRulesSetting,
    QuantityInspection,
)
from tdc.prepackages.rules import all_versions
from tdc.registry.selectors import organisation_list

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_DECIMAL = {"inputmode": "decimal", "autocomplete": "off", "class": "form-control-lg"}
_WHOLE = {"inputmode": "numeric", "autocomplete": "off", "class": "form-control-lg"}


def _place_fields(form: forms.ModelForm[Any], user: Any) -> None:
    form.fields["province"].queryset = provinces_for(user)  # type: ignore[attr-defined]
    only = form.fields["province"].queryset  # type: ignore[attr-defined]
    if not form.instance.pk and only.count() == 1:
        form.fields["province"].initial = only.first()
    if "commune" not in form.fields:
        return
    province_code = (
        form.data.get(form.add_prefix("province"))
        or getattr(form.instance, "province_id", None)
        or getattr(form.fields["province"].initial, "pk", None)
    )
    form.fields["commune"].queryset = communes_for(user, province_code)  # type: ignore[attr-defined]
    form.fields["province"].widget.attrs.update(
        {
            "hx-get": reverse("places:commune_options"),
            "hx-target": "#id_commune",
            # The edit form swaps outerHTML; the options go inside the commune picker.
            "hx-swap": "innerHTML",
            "hx-trigger": "change",
            "hx-include": "this",
        }
    )


class QuantityInspectionForm(forms.ModelForm[QuantityInspection]):
    """Open (or correct) the inspection of one lot: product, packer, place and lot details."""

    tare_values = forms.CharField(
        label=_("Tare sample"),
        required=False,
        help_text=_("Average-tare method only: the tare readings, separated by spaces."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )

    class Meta:
        model = QuantityInspection
        fields = [
            "inspected_on",
            "product_name",
            "product_category",
            "brand",
            "gtin",
            "packer",
            "packer_role",
            "province",
            "commune",
            "address",
            "lot_code",
            "production_date",
            "lot_size",
            "quantity_kind",
            "nominal_quantity",
            "unit",
            "tare_method",
            "tare_values",
            "parent_inspection_ref",
            "notes",
        ]
        widgets = {
            "inspected_on": _DATE,
            "production_date": _DATE,
            "lot_size": forms.TextInput(attrs=_WHOLE),
            "nominal_quantity": forms.TextInput(attrs=_DECIMAL),
            "gtin": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["packer"].queryset = organisation_list(user=user).order_by("name")  # type: ignore[attr-defined]
        _place_fields(self, user)
        if self.instance.pk and self.instance.tare_values:
            self.initial["tare_values"] = " ".join(self.instance.tare_values)
        if not self.instance.pk:
            from django.utils import timezone

            self.fields["inspected_on"].initial = timezone.localdate()
            self.fields["tare_method"].initial = TareMethodChoice.NET

    def clean_tare_values(self) -> list[str]:
        raw = self.cleaned_data.get("tare_values") or ""
        return [v for v in raw.replace(";", " ").split() if v]

    def clean_nominal_quantity(self) -> Any:
        return self.cleaned_data.get("nominal_quantity")


class RulesSettingForm(forms.ModelForm[ProvinceRulesSetting]):
    rules_version = forms.ChoiceField(label=_("Rules version"), choices=())

    class Meta:
        model = ProvinceRulesSetting
        fields = ["province", "rules_version", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rules_version"].choices = [  # type: ignore[attr-defined]
            (v.id, f"{v.id} — {v.title_en}") for v in all_versions().values()
        ]
        _place_fields(self, user)
        if self.instance.pk:
            self.fields["province"].disabled = True

    def validate_unique(self) -> None:
        # One setting per province: the service updates the existing row instead.
        pass


class MarkDeclarationForm(forms.ModelForm[MarkDeclaration]):
    class Meta:
        model = MarkDeclaration
        fields = ["declarant", "province", "products", "received_on", "supersedes"]
        widgets = {"received_on": _DATE, "products": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["declarant"].queryset = organisation_list(user=user).order_by("name")  # type: ignore[attr-defined]
        self.fields["supersedes"].queryset = MarkDeclaration.objects.for_user(  # type: ignore[attr-defined]
            user, "view"
        ).filter(status="accepted")
        _place_fields(self, user)


class MarkCertificationForm(forms.ModelForm[MarkCertification]):
    class Meta:
        model = MarkCertification
        fields = ["applicant", "province", "products", "received_on", "renewal_of"]
        widgets = {"received_on": _DATE, "products": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["applicant"].queryset = organisation_list(user=user).order_by("name")  # type: ignore[attr-defined]
        self.fields["renewal_of"].queryset = MarkCertification.objects.for_user(  # type: ignore[attr-defined]
            user, "view"
        ).filter(status__in=["certified", "expired"])
        _place_fields(self, user)


class TransitionForm(forms.Form):
    """The inputs of a register transition; which ones apply depends on the action."""

    on = forms.DateField(label=_("Date"), required=False, widget=_DATE)
    until = forms.DateField(label=_("Suspended until"), required=False, widget=_DATE)
    assessed_on = forms.DateField(label=_("Assessed on site on"), required=False, widget=_DATE)
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    missing_items = forms.CharField(
        label=_("Missing items"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    assessors = forms.CharField(
        label=_("Assessors"),
        required=False,
        help_text=_("One per line: name — role."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def assessor_list(self) -> list[dict[str, str]]:
        rows = []
        for line in (self.cleaned_data.get("assessors") or "").splitlines():
            name, _sep, role = line.replace("—", "-").partition(" - ")
            if name.strip():
                rows.append({"name": name.strip(), "role": role.strip()})
        return rows
