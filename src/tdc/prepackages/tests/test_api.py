"""The quantity calculator and the rules-versions list over the API."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from tdc.core.roles import Role
from tdc.testing.factories import PROVINCE_A, make_user
from tdc.testing.fixtures import api_client_for

pytestmark = pytest.mark.django_db

EVALUATE = "/api/v1/prepackages/evaluate/"
VERSIONS = "/api/v1/prepackages/rules-versions/"


@pytest.fixture
def api(officer_a: Any) -> APIClient:
    return api_client_for(officer_a)


def _lot(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "nominal_quantity": "500",
        "unit": "g",
        "lot_size": 200,
        "measurements": ["501", "499.5"] * 25,
    }
    body.update(overrides)
    return body


def test_it_evaluates_a_lot_and_answers_numbers_as_decimal_strings(api: APIClient) -> None:
    response = api.post(EVALUATE, _lot(), format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["tolerable_deficiency"] == "15"
    assert body["q_min"] == "485"
    assert body["sample_size_required"] == 50
    assert (body["t1_count"], body["t1_allowed"], body["t2_count"]) == (0, 3, 0)
    assert body["mean"] == "500.25"
    assert body["std_dev"] == "0.757614"
    assert body["correction_factor"] == "0.379"
    assert body["mean_criterion_met"] is True
    assert body["decision"] == "accept"
    assert body["rules_version"] == "vn-tt21-2014"
    assert [r["code"] for r in body["reasons"]] == ["t2", "t1", "mean", "decision"]
    assert body["reasons"][-1]["vi"] == "Lô hàng đạt yêu cầu về định lượng."


@pytest.mark.parametrize("role", [r for r in Role.values])
def test_it_lets_every_signed_in_role_use_the_calculator(role: str) -> None:
    user = make_user(role, province_id=PROVINCE_A) if role != Role.SYSTEM_ADMIN else make_user(role)
    assert api_client_for(user).post(EVALUATE, _lot(), format="json").status_code == 200


def test_it_turns_away_anonymous_callers() -> None:
    client = APIClient()
    assert client.post(EVALUATE, _lot(), format="json").status_code == 401
    assert client.get(VERSIONS).status_code == 401


def test_it_rejects_a_lot_with_a_unit_under_qn_minus_2t(api: APIClient) -> None:
    measurements = ["469"] + ["505"] * 49
    body = api.post(EVALUATE, _lot(measurements=measurements), format="json").json()
    assert body["decision"] == "reject"
    assert body["t2_count"] == 1
    assert body["reasons"][0]["met"] is False


def test_it_applies_an_explicit_rules_version(api: APIClient) -> None:
    body = api.post(EVALUATE, _lot(rules_version="oiml-r87-2016"), format="json").json()
    assert "error" in body  # R 87:2016 draws 64 units from a lot of 200
    assert "64" in body["error"]["fields"]["measurements"][0]
    body = api.post(
        EVALUATE,
        _lot(rules_version="oiml-r87-2016", measurements=["501"] * 64),
        format="json",
    ).json()
    assert (body["rules_version"], body["correction_factor"]) == ("oiml-r87-2016", "0.27")


def test_it_uses_the_deployments_default_version(api: APIClient, settings: Any) -> None:
    settings.TDC_PREPACKAGE_RULES_VERSION = "oiml-r87-2004"
    assert api.post(EVALUATE, _lot(), format="json").json()["rules_version"] == "oiml-r87-2004"
    rows = api.get(VERSIONS).json()
    assert [r["id"] for r in rows if r["is_default"]] == ["oiml-r87-2004"]


def test_it_evaluates_gross_readings_with_an_average_tare(api: APIClient) -> None:
    body = api.post(
        EVALUATE,
        _lot(
            lot_size=2,
            measurements=["0.52", "0.521"],
            unit="kg",
            nominal_quantity="0.5",
            tare={"method": "average", "values": ["0.02", "0.02"]},
        ),
        format="json",
    ).json()
    assert body["unit"] == "kg"
    assert body["tolerable_deficiency"] == "0.015"
    assert body["mean"] == "0.5005"
    assert body["decision"] == "accept"


@pytest.mark.vietnamese
def test_it_says_in_vietnamese_how_many_more_units_to_measure(api: APIClient) -> None:
    response = api.post(EVALUATE, _lot(measurements=["500"] * 45), format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["fields"]["measurements"] == [
        "Lô 200 đơn vị cần 50 kết quả đo (50 đơn vị lấy mẫu ngẫu nhiên); đã nhập 45: "
        "đo thêm 5 đơn vị."
    ]


def test_it_answers_in_english_when_asked(api: APIClient) -> None:
    response = api.post(EVALUATE, _lot(lot_size=100_001), format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "split it into smaller lots" in response.json()["error"]["fields"]["lot_size"][0]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"unit": "mL", "quantity_kind": "mass"}, "unit"),
        ({"unit": "lb"}, "unit"),
        ({"nominal_quantity": "60000"}, "nominal_quantity"),
        ({"nominal_quantity": "-1"}, "nominal_quantity"),
        ({"measurements": ["-1"] + ["500"] * 49}, "measurements"),
        ({"measurements": ["5001"] + ["500"] * 49}, "measurements"),
        ({"measurements": []}, "measurements"),
        ({"measurements": "500"}, "measurements"),
        ({"lot_size": 0}, "lot_size"),
        ({"lot_size": "many"}, "lot_size"),
        ({"rules_version": "draft"}, "rules_version"),
        ({"tare": {"method": "individual", "values": ["20"]}}, "tare"),
        ({"tare": {"method": "guess", "values": ["20"]}}, "tare"),
    ],
)
def test_it_answers_400_with_the_field_for_input_it_cannot_evaluate(
    api: APIClient, overrides: dict[str, Any], field: str
) -> None:
    response = api.post(EVALUATE, _lot(**overrides), format="json")
    assert response.status_code == 400, response.content
    fields = response.json()["error"]["fields"]
    assert any(key == field or key.startswith(f"{field}.") for key in fields), fields


def test_it_names_nested_fields_by_their_dotted_path(api: APIClient) -> None:
    response = api.post(EVALUATE, _lot(measurements=["500", "abc"], lot_size=2), format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["measurements.1"]


def test_it_lists_the_versions_with_source_confidence_and_tables(api: APIClient) -> None:
    response = api.get(VERSIONS)
    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()}
    assert set(rows) == {"vn-tt21-2014", "oiml-r87-2004", "oiml-r87-2016"}
    tt21 = rows["vn-tt21-2014"]
    assert tt21["is_default"] is True
    assert tt21["confidence"] == "unconfirmed"
    assert "21/2014" in tt21["legal_basis"]
    assert tt21["source"]
    assert [r["sample_size"] for r in tt21["sampling_plan"]] == [None, 50, 80, 125]
    mass = next(r for r in tt21["tolerable_deficiency"] if r["quantity_kind"] == "mass")
    assert mass["bands"][1] == {"up_to": "100", "percent": None, "absolute": "4.5"}
    assert len(rows["oiml-r87-2016"]["sampling_plan"]) == 13


def test_it_documents_both_operations_in_the_schema(api: APIClient) -> None:
    schema = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    text = schema.content.decode()
    assert "/api/v1/prepackages/evaluate/" in text
    assert "/api/v1/prepackages/rules-versions/" in text
