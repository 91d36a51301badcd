"""Pieces every metrology form shares: the date widget, the Group 2 type choices, dropdowns
limited to the user's jurisdiction, and model forms that leave validation to the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdc.core.text import vn_fold
from tdc.metrology.selectors import instrument_types_in_force
from tdc.places.selectors import communes_for, provinces_for
from tdc.registry.selectors import organisation_list

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def type_code_choices() -> list[tuple[str, str]]:
    """Types of the Group 2 list in force today by their Vietnamese name, in Vietnamese
    alphabetical order (diacritics folded), which is how people look for them."""
    rows = instrument_types_in_force(timezone.localdate())
    return sorted(((r.code, r.name_vi) for r in rows), key=lambda c: (vn_fold(c[1]), c[1]))


def organisations(user: Any, *, kind: str | None = None) -> QuerySet[Any]:
    """Organisations the user may choose (their jurisdiction), by name."""
    qs = organisation_list(user=user)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("name")


class ServiceModelForm[M: models.Model](forms.ModelForm[M]):
    """A model form that only converts the input: model validation (duplicates, constraints)
    runs in the service, which names the existing record. Takes the signed-in ``user``."""

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def _post_clean(self) -> None:
        self.instance = forms.models.construct_instance(self, self.instance, self._meta.fields)


class PlaceMixin:
    """Province → commune dropdowns limited to the user's jurisdiction (HTMX refresh)."""

    fields: dict[str, Any]
    data: Any
    instance: Any

    def setup_places(self, user: Any) -> None:
        self.fields["province"].queryset = provinces_for(user)
        only = self.fields["province"].queryset
        if not getattr(self.instance, "pk", None) and only.count() == 1:
            self.fields["province"].initial = only.first()
        province_code = (
            self.data.get(self.add_prefix("province"))  # type: ignore[attr-defined]
            or getattr(self.instance, "province_id", None)
            or getattr(self.fields["province"].initial, "pk", None)
        )
        self.fields["commune"].queryset = communes_for(user, province_code)
        self.fields["province"].widget.attrs.update(
            {
                "hx-get": reverse("places:commune_options"),
                "hx-target": "#id_commune",
                "hx-trigger": "change",
                "hx-include": "this",
            }
        )


class ReasonForm(forms.Form):
    """The reason of a status change (suspension, revocation, archiving, voiding)."""

    reason = forms.CharField(label=_("Reason"), max_length=255, widget=forms.Textarea({"rows": 2}))
