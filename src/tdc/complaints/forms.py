"""Forms of the complaints module: the public form, handling, notes, reveal, tracking look-up."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.complaints.choices import (
    TRANSITIONS,
    ComplaintCategory,
    ComplaintStatus,
    HandlingLevel,
)
from tdc.complaints.models import Complaint
from tdc.complaints.selectors import assignable_users
from tdc.complaints.tracking import normalise_code
from tdc.places.selectors import communes_of_province, province_by_name
from tdc.registry.validators import normalise_tax_code

#: Name of the honeypot field: people never see it, form-filling robots fill it in.
HONEYPOT = "website"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several files from one ``<input type=file multiple>``; checked by the service."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultiplePhotoField, self).clean(f, initial) for f in files if f]


class ComplaintPublicForm(forms.Form):
    """What a member of the public fills in at /phan-anh/ (no account)."""

    category = forms.ChoiceField(
        label=_("What is the complaint about?"), choices=ComplaintCategory.choices
    )
    province = forms.ModelChoiceField(label=_("Province or city"), queryset=province_by_name())
    commune = forms.ModelChoiceField(
        label=_("Commune or ward"),
        queryset=communes_of_province(None),
        required=False,
        help_text=_("Choose the province first."),
    )
    address = forms.CharField(
        label=_("Where exactly"),
        max_length=255,
        required=False,
        help_text=_("House number and street, or the name of the market or fuel station."),
    )
    business_name = forms.CharField(label=_("Name of the business"), max_length=255, required=False)
    business_tax_code = forms.CharField(
        label=_("Tax code of the business (if you know it)"),
        max_length=20,
        required=False,
        help_text=_("Printed on the receipt or the signboard; 10 or 13 digits."),
    )
    description = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("The goods, the scale or pump, the date and time, what was wrong."),
    )
    photos = MultiplePhotoField(
        label=_("Photos"),
        required=False,
        help_text=_("Up to 5 photos (JPEG, PNG or WebP)."),
    )
    anonymous = forms.BooleanField(
        label=_("Send anonymously (without my name and contacts)"),
        required=False,
        help_text=_(
            "Without contacts we cannot ask you for details; you can still follow the complaint "
            "with its tracking code."
        ),
    )
    reporter_name = forms.CharField(label=_("Your name"), max_length=150, required=False)
    reporter_phone = forms.CharField(label=_("Your phone"), max_length=32, required=False)
    reporter_email = forms.EmailField(label=_("Your e-mail"), required=False)
    reporter_address = forms.CharField(label=_("Your address"), max_length=255, required=False)
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        province_code = self.data.get(self.add_prefix("province")) or self.initial.get("province")
        if province_code:
            self.fields["commune"].queryset = communes_of_province(  # type: ignore[attr-defined]
                str(getattr(province_code, "pk", province_code))
            )
        self.fields["province"].widget.attrs.update(
            {
                "hx-get": reverse("complaints_public:commune_options"),
                "hx-target": "#id_commune",
                "hx-trigger": "change",
                "hx-include": "this",
            }
        )
        self.fields["photos"].help_text = _(
            "Up to {count} photos (JPEG, PNG or WebP), each at most {size} MB."
        ).format(count=_max_photos(), size=_max_photo_mb())

    @property
    def is_bot(self) -> bool:
        """The honeypot was filled in: a robot, answered with a success that stores nothing."""
        return bool((self.data.get(self.add_prefix(HONEYPOT)) or "").strip())

    def clean_business_tax_code(self) -> str:
        value = (self.cleaned_data.get("business_tax_code") or "").strip()
        return normalise_tax_code(value) if value else ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        commune = cleaned.get("commune")
        province = cleaned.get("province")
        if commune and province and commune.province_id != province.pk:
            self.add_error(
                "commune", _("This commune is not in the chosen province; choose it again.")
            )
        return cleaned


def _max_photos() -> int:
    from django.conf import settings

    return int(settings.TDC_COMPLAINT_MAX_PHOTOS)


def _max_photo_mb() -> str:
    from django.conf import settings

    return f"{settings.TDC_COMPLAINT_PHOTO_MAX_BYTES / (1024 * 1024):g}"


class ComplaintForm(forms.ModelForm[Complaint]):
    """Handling a complaint: status, level, assignee, public outcome, inspection reference."""

    class Meta:
        model = Complaint
        fields = Complaint.HANDLING_FIELDS
        widgets = {"outcome": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["assigned_to"].queryset = assignable_users(self.instance, user)  # type: ignore[attr-defined]
        # Only the steps the workflow allows from here: nobody picks a status that saving
        # would refuse (the service still checks).
        current = self.instance.status or ComplaintStatus.RECEIVED
        reachable = {current, *TRANSITIONS.get(current, frozenset())}
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in ComplaintStatus.choices if value in reachable
        ]
        self.fields["status"].help_text = _(
            "The steps possible from here. Resolved and rejected need the outcome below."
        )
        self.fields["handling_level"].choices = HandlingLevel.choices  # type: ignore[attr-defined]

    def validate_unique(self) -> None:
        pass

    def _post_clean(self) -> None:
        # The service validates the workflow and the model; the form only converts input.
        pass


class ComplaintNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class RevealForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need the reporter's identity?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        min_length=5,
        max_length=1000,
        help_text=_("Recorded in the audit trail with your name and the time."),
    )


class TrackingLookupForm(forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=20,
        help_text=_("As shown after you sent the complaint, e.g. PA-7K3M-Q9XT."),
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data.get("code", ""))
        if code is None:
            raise ValidationError(
                _("A tracking code looks like PA-7K3M-Q9XT (eight letters and digits); check it.")
            )
        return code
