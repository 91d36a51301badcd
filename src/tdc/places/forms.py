from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

_EXAMPLE = "xã Phước Lý, huyện Cần Giuộc, tỉnh Long An"


class ResolveForm(forms.Form):
    """An address to resolve to today's province and commune."""

    address = forms.CharField(
        label=_("Address"),
        max_length=500,
        help_text=_(
            "Written with the old units (xã …, huyện …, tỉnh …) or the new ones (xã …, tỉnh …)."
        ),
        widget=forms.TextInput(attrs={"class": "form-control", "placeholder": _EXAMPLE}),
    )
