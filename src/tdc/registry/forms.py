from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.pickers import use_picker
from tdc.places.selectors import communes_for, provinces_for
from tdc.registry.models import Organisation
from tdc.registry.validators import normalise_tax_code


class OrganisationForm(forms.ModelForm[Organisation]):
    """Create or edit an organisation; place choices limited to the user's jurisdiction."""

    class Meta:
        model = Organisation
        fields = [
            "kind",
            "name",
            "short_name",
            "english_name",
            "tax_code",
            "province",
            "commune",
            "address",
            "legacy_address",
            "legal_representative",
            "phone",
            "email",
        ]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["province"].queryset = provinces_for(user)  # type: ignore[attr-defined]
        only = self.fields["province"].queryset  # type: ignore[attr-defined]
        if not self.instance.pk and only.count() == 1:
            self.fields["province"].initial = only.first()
        province_code = (
            self.data.get(self.add_prefix("province"))
            or getattr(self.instance, "province_id", None)
            or getattr(self.fields["province"].initial, "pk", None)
        )
        self.fields["commune"].queryset = communes_for(user, province_code)  # type: ignore[attr-defined]
        self.fields["province"].widget.attrs.update(
            {
                "hx-get": reverse("places:commune_options"),
                "hx-target": "#id_commune",
                "hx-trigger": "change",
                "hx-include": "this",
                "hx-swap": "innerHTML",
            }
        )

    def clean_tax_code(self) -> str | None:
        value = (self.cleaned_data.get("tax_code") or "").strip()
        if not value:
            return None
        return normalise_tax_code(value)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        commune = cleaned.get("commune")
        province = cleaned.get("province")
        if commune and province and commune.province_id != province.pk:
            raise ValidationError(
                {"commune": _("This commune is not in the chosen province; choose again.")}
            )
        return cleaned

    def validate_unique(self) -> None:
        # Uniqueness is checked by the service with a message naming the existing record.
        pass


class OrganisationMergeForm(forms.Form):
    duplicate = forms.ModelChoiceField(
        label=_("Duplicate to merge into this organisation"), queryset=Organisation.objects.none()
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, user: Any, keep: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["duplicate"].queryset = (  # type: ignore[attr-defined]
            Organisation.objects.for_user(user, "change")
            .filter(merged_into__isnull=True)
            .exclude(pk=keep.pk)
        )
        use_picker(self.fields["duplicate"], "organisation", user=user)
