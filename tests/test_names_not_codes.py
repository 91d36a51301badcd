"""Names, not codes (issue 12, point 3), across every module.

- Every filter of an HTML list that references a place, an organisation, an instrument type, a
  verifier, a standard or a user is a searchable picker (it shows names), not a box for a code.
- Records offered in plain selects come in Vietnamese alphabetical order of their names.
- No form asks for a model path (``app.Model:pk``) or ``name=value`` text.
"""

from __future__ import annotations

import re
from typing import Any

import django_filters
import pytest
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import get_resolver, resolve, reverse

from tdc.core.forms import style_form
from tdc.core.pickers import is_picker
from tdc.core.text import vn_fold
from tdc.core.viewregistry import scoped_entries

get_resolver().url_patterns  # noqa: B018 - import every urls.py so that the registry is complete

#: Models whose records people know by name: a filter or field referencing them is a picker.
NAMED = {
    "places.Province",
    "places.Commune",
    "registry.Organisation",
    "accounts.User",
    "metrology.Verifier",
    "metrology.MeasurementStandard",
}
#: Filter names that carry a reference without a foreign key on the filtered model.
REFERENCE_WORDS = (
    "commune",
    "province",
    "organisation",
    "tax_code",
    "type_code",
    "packer",
    "declarant",
    "applicant",
    "owner",
    "holder",
    "verifier",
    "standard",
)


def _list_filtersets() -> dict[str, type[django_filters.FilterSet]]:
    found = {}
    for name, entry in scoped_entries().items():
        if entry.kind != "list":
            continue
        view = getattr(resolve(reverse(name)).func, "view_class", None)
        filterset = getattr(view, "filterset_class", None)
        if filterset is not None:
            found[name] = filterset
    return found


def _references_a_named_record(model: type[models.Model], filt: Any) -> bool:
    path = (filt.field_name or "").split("__")
    try:
        first = model._meta.get_field(path[0].removesuffix("_id"))
    except FieldDoesNotExist:  # a method filter named after no field
        first = None
    related = getattr(first, "related_model", None)
    if first is not None and first.is_relation and related is not None:
        return related._meta.label in NAMED
    if first is not None and not first.is_relation:
        # The record's own attribute (an organisation's tax code) is no reference, except the
        # instrument type, which records carry by its code.
        return first.name.endswith("type_code")
    if isinstance(filt, django_filters.ChoiceFilter) or filt.lookup_expr in {"icontains"}:
        return False  # a list of names, or a search by part of a name
    return any(word in filt.field_name or word in (filt.method or "") for word in REFERENCE_WORDS)


def test_it_walks_the_lists_of_every_module() -> None:
    found = _list_filtersets()
    names = {f.__name__ for f in found.values()}
    assert {"InstrumentFilterSet", "OrganisationFilterSet", "InspectionFilterSet"} <= names
    assert "DueFilterSet" in names and "ComplaintFilterSet" in names


@pytest.mark.parametrize(("url_name", "filterset"), sorted(_list_filtersets().items()))
def test_no_list_filter_asks_for_a_code(url_name: str, filterset: Any) -> None:
    model = filterset._meta.model
    typed = []
    for name, filt in filterset.base_filters.items():
        if not isinstance(filt, (django_filters.CharFilter, django_filters.NumberFilter)):
            continue
        filt.field_name = filt.field_name or name
        if _references_a_named_record(model, filt) and not is_picker(filt.extra.get("widget")):
            typed.append(f"{name} ({filt.label})")
    assert not typed, f"{url_name}: filters that make people type a code: {typed}"


def test_it_checks_a_code_filter_without_a_picker() -> None:
    """The check itself: a filter like the old ``Commune code`` box is caught."""

    class Old(django_filters.FilterSet):
        commune = django_filters.CharFilter(label="Commune code", field_name="commune_id")

        class Meta:
            from tdc.metrology.models import Instrument

            model = Instrument
            fields = ["commune"]

    filt = Old.base_filters["commune"]
    assert _references_a_named_record(Old._meta.model, filt)
    assert not is_picker(filt.extra.get("widget"))


@pytest.mark.django_db
def test_records_in_plain_selects_are_in_vietnamese_alphabetical_order() -> None:
    from tdc.inspections.forms import PlanForm
    from tdc.testing.factories import make_user

    admin = make_user("system_admin")
    form = style_form(PlanForm(user=admin), admin)
    labels = re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', str(form["province"]))
    assert len(labels) == 34
    assert labels == sorted(labels, key=lambda t: (vn_fold(t), t))
    # Binary order puts "Đồng Tháp" after "Vĩnh Long"; folded order puts it among the D's.
    assert labels.index("Tỉnh Đồng Tháp") < labels.index("Tỉnh Gia Lai")


@pytest.mark.django_db
def test_communes_of_the_dependent_select_are_in_vietnamese_alphabetical_order() -> None:
    from tdc.testing.factories import PROVINCE_A, make_user
    from tdc.testing.fixtures import client_for

    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    html = client_for(officer).get(reverse("places:commune_options")).content.decode()
    labels = re.findall(r"<option[^>]*value=\"\d+\"[^>]*>([^<]+)</option>", html)
    assert len(labels) > 20
    assert labels == sorted(labels, key=lambda t: (vn_fold(t), t))


def test_no_form_asks_for_a_model_path_or_name_value_text() -> None:
    from tdc.metrology.forms import VerificationForm
    from tdc.prepackages.forms import QuantityInspectionForm

    assert "params" not in VerificationForm.base_fields
    widget = QuantityInspectionForm.Meta.widgets["parent_inspection_ref"]
    assert isinstance(widget, forms.HiddenInput)
