"""Names, not codes, in metrology: the instrument-type, verifier and standard pickers, the
filters that use them, and the verification form's parameters as structured fields."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

from tdc.metrology.forms import VerificationForm, type_code_choices
from tdc.metrology.tests.factories import InstrumentFactory, LabFactory
from tdc.testing.factories import PROVINCE_A, PROVINCE_B, OrganisationFactory, make_user
from tdc.testing.fixtures import client_for

pytestmark = pytest.mark.django_db


def _options(user: Any, kind: str, **params: Any) -> list[dict[str, str]]:
    response = client_for(user).get(reverse(f"core:picker_{kind.replace('-', '_')}"), params)
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def test_it_finds_instrument_types_by_their_vietnamese_name_without_marks() -> None:
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    rows = _options(officer, "instrument-type", q="xang")
    assert rows[0] == {"id": "fuel-dispenser", "label": "Cột đo xăng dầu", "hint": "Item 19"}
    assert all("xăng" in r["label"].lower() for r in rows)
    # The code still finds it (as typed from a paper list) and names a chosen value.
    assert _options(officer, "instrument-type", q="fuel-disp")[0]["id"] == "fuel-dispenser"
    named = _options(officer, "instrument-type", id="fuel-dispenser")
    assert [r["label"] for r in named] == ["Cột đo xăng dầu"]


def test_it_keeps_verifiers_and_standards_within_the_organisation() -> None:
    lab = LabFactory()
    other = LabFactory(province_id=PROVINCE_B, batch__prefix="CT")
    mine = {r["id"] for r in _options(lab.staff, "verifier", q="")}
    assert mine == {str(lab.verifier.pk)}
    standards = {r["id"] for r in _options(lab.staff, "standard", q="")}
    assert standards == {str(lab.standard.pk)}
    assert _options(lab.staff, "verifier", id=str(other.verifier.pk)) == []
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    assert str(other.verifier.pk) not in {r["id"] for r in _options(officer, "verifier", q="")}


def test_the_instrument_list_shows_the_chosen_filters_by_name() -> None:
    owner = OrganisationFactory(name="Cửa hàng Xăng dầu Số 5", province_id=PROVINCE_A)
    InstrumentFactory(owner=owner)
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    page = client_for(officer).get(
        reverse("metrology:instrument_list"),
        {"type_code": "fuel-dispenser", "owner_tax_code": owner.tax_code},
    )
    body = page.content.decode()
    assert 'data-picker-label="Cột đo xăng dầu"' in body
    assert 'data-picker-label="Cửa hàng Xăng dầu Số 5"' in body
    assert 'data-picker="/chon/organisation/?value=tax_code"' in body
    # The API keeps taking the codes.
    assert "Instrument type code" not in body and "Owner tax code" not in body


def test_instrument_type_choices_are_in_vietnamese_alphabetical_order() -> None:
    from tdc.core.text import vn_fold

    labels = [label for _, label in type_code_choices()]
    assert len(labels) > 50
    assert labels == sorted(labels, key=lambda t: (vn_fold(t), t))


def test_it_takes_the_verification_parameters_as_structured_fields() -> None:
    lab = LabFactory()
    form = VerificationForm(
        {
            "params-0-name": "temperature_c",
            "params-0-value": "20,5",
            "params-1-name": "quantity",
            "params-1-value": "distance",
            "points-0-reference": "2",
            "points-0-indication": "2.01",
            "points-0-condition": "q",
            "points-0-condition_value": "2,5",
        },
        user=lab.staff,
    )
    form.is_valid()
    assert form.cleaned_data["params"] == {
        "temperature_c": Decimal("20.5"),
        "quantity": "distance",
    }
    assert form.points()[0].conditions == {"q": Decimal("2.5")}
    assert "params" not in form.fields  # no free-text name=value box any more
    refused = VerificationForm(
        {"params-0-name": "temperature_c=20", "params-0-value": "1"}, user=lab.staff
    )
    assert not refused.is_valid()
    assert "Choose the parameter from the list." in refused.non_field_errors()


def test_the_verification_form_offers_parameters_by_name(lab_page: str) -> None:
    assert "temperature_c=20" not in lab_page
    assert 'name="params-0-name"' in lab_page
    assert ">temperature (°C)</option>" in lab_page


@pytest.fixture
def lab_page() -> str:
    lab = LabFactory()
    client = client_for(lab.staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.get(reverse("metrology:verification_create")).content.decode()
