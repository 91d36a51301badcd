"""Forms of the prepackaged-goods screens; choices limited to the user's jurisdiction."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdc.core.pickers import use_picker
from tdc.core.roles import Action
from tdc.core.scoping import scoped_all
from tdc.places.selectors import communes_for, provinces_for
from tdc.prepackages.choices import REDECLARABLE, RENEWABLE, TareMethodChoice
from tdc.prepackages.fields import CERTIFICATION_INPUT, DECLARATION_INPUT, INSPECTION_INPUT
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


def _organisation_field(form: forms.ModelForm[Any], name: str, user: Any) -> None:
    """Limit the organisation field ``name`` to the organisations the user may see, chosen by
    name in a searchable picker."""
    form.fields[name].queryset = organisation_list(user=user).order_by("name")  # type: ignore[attr-defined]
    use_picker(form.fields[name], "organisation", user=user)


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


#: How a quantity check names the inspection it belongs to (``tdc.inspections.sources``).
PARENT_INSPECTION = re.compile(r"inspections\.Inspection:[1-9][0-9]{0,18}")


def parent_inspection_initial(query: Any) -> dict[str, str]:
    """The initial reference of a new check opened from an inspection (``?inspection=<pk>``)."""
    pk = str(query.get("inspection", ""))
    if pk.isdigit() and len(pk) < 19 and int(pk) > 0:
        return {"parent_inspection_ref": f"inspections.Inspection:{int(pk)}"}
    return {}


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
        fields = INSPECTION_INPUT
        widgets = {
            "inspected_on": _DATE,
            "production_date": _DATE,
            "lot_size": forms.TextInput(attrs=_WHOLE),
            "nominal_quantity": forms.TextInput(attrs=_DECIMAL),
            "gtin": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "notes": forms.Textarea(attrs={"rows": 2}),
            # Set from the inspection the check was opened from, never typed.
            "parent_inspection_ref": forms.HiddenInput(),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        _organisation_field(self, "packer", user)
        _place_fields(self, user)
        if self.instance.pk and self.instance.tare_values:
            self.initial["tare_values"] = " ".join(self.instance.tare_values)
        if not self.instance.pk:
            self.fields["inspected_on"].initial = timezone.localdate()
            self.fields["tare_method"].initial = TareMethodChoice.NET

    def clean_parent_inspection_ref(self) -> str:
        """Only an inspection's own reference (``inspections.Inspection:<pk>``), as the
        inspection screen's link puts it; a correction keeps the one the check has."""
        value = (self.cleaned_data.get("parent_inspection_ref") or "").strip()
        if value and not PARENT_INSPECTION.fullmatch(value):
            return self.instance.parent_inspection_ref if self.instance.pk else ""
        return value

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


class _MarkFileForm[M: MarkDeclaration | MarkCertification](forms.ModelForm[M]):
    """Registering a quantity-mark file: the declarant or applicant, the province and the earlier
    file it renews, each limited to what the user may see."""

    #: The organisation that files, and the field naming the earlier file it renews.
    party: ClassVar[str]
    renews: ClassVar[str]
    #: States of the earlier files that may be renewed.
    renewable: ClassVar[frozenset[str]]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _organisation_field(self, self.party, user)
        self.fields[self.renews].queryset = (  # type: ignore[attr-defined]
            scoped_all(self._meta.model)
            .for_user(user, Action.VIEW)
            .filter(status__in=self.renewable)
        )
        _place_fields(self, user)


class MarkDeclarationForm(_MarkFileForm[MarkDeclaration]):
    party, renews, renewable = "declarant", "supersedes", REDECLARABLE

    class Meta:
        model = MarkDeclaration
        fields = DECLARATION_INPUT
        widgets = {"received_on": _DATE, "products": forms.Textarea(attrs={"rows": 3})}


class MarkCertificationForm(_MarkFileForm[MarkCertification]):
    party, renews, renewable = "applicant", "renewal_of", RENEWABLE

    class Meta:
        model = MarkCertification
        fields = CERTIFICATION_INPUT
        widgets = {"received_on": _DATE, "products": forms.Textarea(attrs={"rows": 3})}


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


class InspectionCancelForm(forms.Form):
    """Why a draft inspection is cancelled (kept in its history)."""

    reason = forms.CharField(
        label=_("Reason for cancelling"),
        help_text=_("E.g. opened by mistake, or the lot was not on sale."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
