"""Forms of the notification centre: preferences and template editing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tdc.notifications.choices import EmailMode
from tdc.notifications.models import NotificationTemplate


class NotificationTemplateForm(forms.ModelForm[NotificationTemplate]):
    """Wording and default channels of one event type."""

    class Meta:
        model = NotificationTemplate
        fields = [
            "name",
            "subject",
            "body",
            "default_in_app",
            "default_email",
            "default_email_mode",
        ]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user


class PreferenceForm(forms.Form):
    """The user's channels for one event type (one row of the preferences page)."""

    in_app = forms.BooleanField(label=_("In the notification centre"), required=False)
    email = forms.BooleanField(label=_("By e-mail"), required=False)
    email_mode = forms.ChoiceField(label=_("E-mail timing"), choices=EmailMode.choices)
