"""Form helpers shared by every app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from tdc.core.pickers import bind_pickers, is_picker, sorted_choices

#: The empty choice of every select box (model fields, forms and filters): translated, unlike
#: Django's "- Select an option -" and django-filter's "---------". Set as Django's
#: ``BLANK_CHOICE_LABEL`` by ``CoreConfig.ready`` and as ``FILTERS_EMPTY_CHOICE_LABEL``.
EMPTY_CHOICE_LABEL = gettext_lazy("— Choose —")


def style_form(form: forms.BaseForm, user: Any = None) -> forms.BaseForm:
    """Give widgets Bootstrap classes and link help texts and errors for screen readers; with
    ``user``, let its searchable pickers show the chosen values by name (``bind_pickers``)."""
    if user is not None:
        bind_pickers(form, user)
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(field, forms.ModelChoiceField) and not is_picker(widget):
            # Records offered in a plain select (provinces, campaigns, bodies…) in Vietnamese
            # alphabetical order of their names, whatever order the queryset has.
            # (The widget's choices only: the field keeps its queryset, which validates.)
            widget.choices = sorted_choices(list(field.choices))  # type: ignore[attr-defined,arg-type]
        if isinstance(
            widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple, forms.RadioSelect)
        ):
            css = "form-check-input"
        elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
            css = "form-select"
        else:
            css = "form-control"
        existing = widget.attrs.get("class", "")
        widget.attrs["class"] = f"{existing} {css}".strip()
        bound = form[name]
        described = []
        if field.help_text:
            described.append(f"{bound.id_for_label}-help")
        described.append(f"errors-{bound.html_name}")
        widget.attrs["aria-describedby"] = " ".join(described)
        if form.is_bound and name in form.errors:
            widget.attrs["aria-invalid"] = "true"
    return form
