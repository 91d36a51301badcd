"""API: inspections created, measured one reading at a time, decided; declarations and
certificates through their transitions; scoping."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from tdc.prepackages.tests.factories import QuantityInspectionFactory
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, PROVINCE_B, OrganisationFactory, make_user
from tdc.testing.fixtures import api_client_for

pytestmark = pytest.mark.django_db

BASE = "/api/v1/prepackages"


def test_it_runs_a_whole_inspection_through_the_api(org_a: Any) -> None:
    inspector = make_user("inspector", province_id=PROVINCE_A)
    api = api_client_for(inspector)
    created = api.post(
        f"{BASE}/inspections/",
        {
            "inspected_on": "2026-03-10",
            "product_name": "Dầu ăn",
            "product_category": "cooking_oil",
            "packer": org_a.pk,
            "province": PROVINCE_A,
            "commune": COMMUNE_A,
            "lot_code": "API-1",
            "lot_size": 10,
            "quantity_kind": "volume",
            "nominal_quantity": "1",
            "unit": "L",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    data = created.json()
    assert data["rules_version"] == "vn-tt21-2014" and data["sample_size"] == 10
    pk = data["id"]
    for position in range(1, 11):
        answer = api.post(
            f"{BASE}/inspections/{pk}/measurements/",
            {"position": position, "value": "1.002"},
            format="json",
        )
        assert answer.status_code == 201
    assert answer.json()["entered"] == 10 and answer.json()["complete"] is True
    assert len(api.get(f"{BASE}/inspections/{pk}/measurements/").json()) == 10
    decided = api.post(f"{BASE}/inspections/{pk}/decision/")
    assert decided.status_code == 200, decided.json()
    assert decided.json()["decision"] == "accept"
    assert decided.json()["result"]["rules_version"] == "vn-tt21-2014"
    pdf = api.get(f"{BASE}/inspections/{pk}/minutes/")
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "API-1" in text


def test_it_answers_bad_readings_with_the_error_body(org_a: Any) -> None:
    inspector = make_user("inspector", province_id=PROVINCE_A)
    insp = QuantityInspectionFactory(packer=org_a, by=inspector)
    api = api_client_for(inspector)
    answer = api.post(
        f"{BASE}/inspections/{insp.pk}/measurements/",
        {"position": 1, "value": "-1"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert answer.status_code == 400
    assert "value" in answer.json()["error"]["fields"]
    too_early = api.post(f"{BASE}/inspections/{insp.pk}/decision/", HTTP_ACCEPT_LANGUAGE="en")
    assert too_early.status_code == 400
    assert "measurements" in too_early.json()["error"]["fields"]


def test_it_filters_like_the_list_and_hides_other_provinces(org_a: Any) -> None:
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    QuantityInspectionFactory(packer=org_a, by=officer, product_category="food")
    QuantityInspectionFactory(packer=org_a, by=officer, product_category="dairy")
    org_b = OrganisationFactory(province_id=PROVINCE_B, commune_id=None)
    QuantityInspectionFactory(packer=org_b, province_id=PROVINCE_B, commune_id=None)
    api = api_client_for(officer)
    rows = api.get(f"{BASE}/inspections/?product_category=dairy").json()["results"]
    assert [r["product_category"] for r in rows] == ["dairy"]
    assert len(api.get(f"{BASE}/inspections/").json()["results"]) == 2


def test_it_takes_a_declaration_through_the_register(org_a: Any) -> None:
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    leader = make_user("provincial_leader", province_id=PROVINCE_A)
    api = api_client_for(officer)
    created = api.post(
        f"{BASE}/declarations/",
        {
            "declarant": org_a.pk,
            "province": PROVINCE_A,
            "products": "Nước mắm 500 mL",
            "received_on": "2026-02-13",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["stamp_due"] == "2026-02-27"
    # The officer cannot stamp; the leader can.
    assert api.get(f"{BASE}/declarations/{pk}/transition/").json()["actions"] == ["incomplete"]
    signer = api_client_for(leader)
    assert "accept" in signer.get(f"{BASE}/declarations/{pk}/transition/").json()["actions"]
    stamped = signer.post(
        f"{BASE}/declarations/{pk}/transition/",
        {"action": "accept", "on": "2026-02-25"},
        format="json",
    )
    assert stamped.status_code == 200, stamped.json()
    assert stamped.json()["status"] == "accepted"
    refused = signer.post(
        f"{BASE}/declarations/{pk}/transition/", {"action": "drop"}, format="json"
    )
    assert refused.status_code == 400


def test_it_pins_the_api_list_queries(org_a: Any, django_assert_max_num_queries: Any) -> None:
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    for _ in range(8):
        QuantityInspectionFactory(packer=OrganisationFactory(), by=officer)
    api = api_client_for(officer)
    with django_assert_max_num_queries(6):
        assert api.get(f"{BASE}/inspections/").status_code == 200
