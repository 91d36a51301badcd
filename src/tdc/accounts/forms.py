from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.accounts.models import User
from tdc.places.selectors import communes_of_province


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "The user name or password is not right. Check Caps Lock and try again; after "
            "several failures the account is locked for a while."
        ),
        "inactive": _("This account is disabled. Ask your system administrator."),
    }


class TotpForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*"}
        ),
    )


class UserForm(forms.ModelForm[User]):
    password = forms.CharField(
        label=_("Initial password"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("At least 10 characters, not only digits. Leave empty when editing."),
    )

    class Meta:
        model = User
        fields = [
            "username",
            "first_name",
            "last_name",
            "email",
            "phone",
            "role",
            "province",
            "commune",
            "organisation",
            "is_active",
            "otp_exempt",
        ]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        province_code = self.data.get(self.add_prefix("province")) or self.instance.province_id
        self.fields["commune"].queryset = communes_of_province(  # type: ignore[attr-defined]
            province_code
        )
        self.fields["commune"].help_text = _("Choose the province first; its communes appear here.")
        self.fields["province"].widget.attrs.update(
            {
                "hx-get": reverse("places:commune_options"),
                "hx-target": "#id_commune",
                "hx-include": "this",
                "hx-swap": "innerHTML",
            }
        )

    def validate_unique(self) -> None:
        pass
