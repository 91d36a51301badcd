"""Forms of the library's screens, on the model's one field list."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tdc.registry.selectors import organisation_all
from tdc.standards.choices import EventKind
from tdc.standards.models import Enquiry, ExporterInterest, Standard, TbtNotification
from tdc.standards.selectors import organisation_choices_for, standard_choices

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StandardForm(forms.ModelForm[Standard]):
    ics_codes = forms.CharField(
        label=_("ICS codes"),
        required=False,
        help_text=_("Separated by spaces or commas, e.g. 13.220.20 97.200.50."),
    )

    class Meta:
        model = Standard
        fields = list(Standard.FIELDS)
        widgets = {
            "issued_on": _DATE,
            "effective_from": _DATE,
            "scope_text": forms.Textarea(attrs={"rows": 3}),
            "source": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The designation is read in any spelling and checked by the service (its own
        # uniqueness check knows every spelling); the model's exact-match check is not enough.
        self.fields["designation"].validators = []
        if self.instance.pk:
            self.initial["ics_codes"] = self.instance.ics_codes

    def validate_unique(self) -> None:
        """Uniqueness is the service's: it compares canonical designations."""

    def clean_ics_codes(self) -> list[str]:
        raw = str(self.cleaned_data.get("ics_codes") or "")
        return [c for c in raw.replace(",", " ").split() if c]


class StandardEventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Event"), choices=EventKind.choices)
    on = forms.DateField(label=_("On"), widget=_DATE)
    successor = forms.ModelChoiceField(
        label=_("Replaced by"), queryset=Standard.objects.none(), required=False
    )
    reference = forms.CharField(
        label=_("Amendment"), required=False, help_text=_("e.g. Sửa đổi 1:2016.")
    )
    decision = forms.CharField(label=_("Deciding instrument"), required=False, max_length=200)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, standard: Standard, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["successor"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = standard_choices().exclude(pk=standard.pk)


class PublicSearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=120)
    kind = forms.CharField(required=False, max_length=16)
    status = forms.CharField(required=False, max_length=16)
    ics = forms.CharField(required=False, max_length=9)
    year = forms.IntegerField(required=False, min_value=1900, max_value=2100)


class TbtNotificationForm(forms.ModelForm[TbtNotification]):
    hs_codes = forms.CharField(
        label=_("HS codes"),
        required=False,
        help_text=_("Separated by spaces or commas, e.g. 8516.60 8509.40."),
    )

    class Meta:
        model = TbtNotification
        fields = list(TbtNotification.FIELDS)
        widgets = {
            "distributed_on": _DATE,
            "comment_deadline": _DATE,
            "products": forms.Textarea(attrs={"rows": 2}),
            "objective": forms.Textarea(attrs={"rows": 2}),
            "links": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["symbol"].validators = []

    def validate_unique(self) -> None:
        """Uniqueness is the service's (it normalises the symbol first)."""

    def clean_hs_codes(self) -> list[str]:
        return str(self.cleaned_data.get("hs_codes") or "").replace(",", " ").split()


class ExporterInterestForm(forms.ModelForm[ExporterInterest]):
    organisation = forms.ModelChoiceField(label=_("Exporter"), queryset=organisation_all().none())
    hs_codes = forms.CharField(
        label=_("HS codes"), help_text=_("Separated by spaces or commas, e.g. 8516.60 8509.40.")
    )

    class Meta:
        model = ExporterInterest
        fields = ["organisation", *ExporterInterest.FIELDS]

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisation_choices_for(user)
        if self.instance.pk:
            self.initial["hs_codes"] = " ".join(self.instance.hs_codes)
            field.disabled = True

    def clean_hs_codes(self) -> list[str]:
        return str(self.cleaned_data.get("hs_codes") or "").replace(",", " ").split()


class EnquiryForm(forms.ModelForm[Enquiry]):
    class Meta:
        model = Enquiry
        fields = list(Enquiry.FIELDS)
        widgets = {"received_on": _DATE, "question": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class EnquiryAnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 5}))
    answered_on = forms.DateField(label=_("Answered on"), widget=_DATE)
