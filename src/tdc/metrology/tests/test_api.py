"""The stateless MPE calculator: POST /api/v1/metrology/mpe/evaluate/."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tdc.core.viewregistry import open_entries
from tdc.testing.factories import PROVINCE_A, make_user
from tdc.testing.fixtures import api_client_for

pytestmark = pytest.mark.django_db

URL = "/api/v1/metrology/mpe/evaluate/"
SCALE: dict[str, Any] = {
    "scheme": "nawi",
    "accuracy_class": "III",
    "stage": "initial",
    "e": "5",
    "max": "15000",
    "min": "100",
    "unit": "g",
    "points": [
        {"reference": "0", "indication": "0"},
        {"reference": "2500", "indication": "2502.5"},
        {"reference": "10005", "indication": "10013"},
    ],
}


@pytest.fixture
def api(db: None) -> APIClient:
    return api_client_for(make_user("business_user", province_id=PROVINCE_A))


def post(client: APIClient, body: Any, **extra: Any) -> Any:
    return client.post(URL, body, format="json", **extra)


def test_it_is_registered_as_a_calculator_for_signed_in_users() -> None:
    assert reverse("api:metrology-mpe-evaluate") == URL
    assert "signed-in" in open_entries()["api:metrology-mpe-evaluate"].reason


def test_it_turns_away_anonymous_callers() -> None:
    response = post(APIClient(), SCALE)
    assert response.status_code in {401, 403}
    assert "error" in response.json()


@pytest.mark.parametrize(
    "role", ["business_user", "verification_staff", "commune_officer", "national_user"]
)
def test_it_answers_any_signed_in_role(role: str) -> None:
    user = make_user(role, province_id=PROVINCE_A)
    assert post(api_client_for(user), SCALE).status_code == 200


def test_it_evaluates_a_scale_with_decimal_strings(api: APIClient) -> None:
    response = post(api, SCALE)
    assert response.status_code == 200
    body = response.json()
    assert [(p["mpe"], p["error"], p["pass"]) for p in body["points"]] == [
        ("2.5", "0", True),
        ("2.5", "2.5", True),
        ("7.5", "8", False),
    ]
    assert body["pass"] is False
    assert body["rules_version"] == "oiml-r76:2006/t3+oiml-r76:2006/t6"
    assert body["reasons"][0]["code"] == "point_exceeds_mpe"
    assert "Test point 3" in body["reasons"][0]["en"]
    assert "Điểm thử 3" in body["reasons"][0]["vi"]
    assert {t["confidence"] for t in body["tables"]} == {"REPORTED"}


def test_it_doubles_the_mpe_in_service(api: APIClient) -> None:
    body = post(api, {**SCALE, "stage": "in_service"}).json()
    assert [p["mpe"] for p in body["points"]] == ["5", "5", "15"]
    assert body["pass"] is True
    # The factor is the editable rule setting (issue 11), named by its row's label.
    assert "metrology.rulesetting@2006-01-01#" in body["rules_version"]


def test_it_takes_per_point_conditions(api: APIClient) -> None:
    body = post(
        api,
        {
            "scheme": "water_meter",
            "accuracy_class": "2",
            "stage": "initial",
            "q3": "2.5",
            "r": "100",
            "temperature_c": "20",
            "points": [
                {"reference": "10", "indication": "10.5", "q": "0.03"},
                {"reference": "100", "indication": "102.5", "q": "2.5"},
            ],
        },
    ).json()
    assert [(p["mpe"], p["pass"]) for p in body["points"]] == [("0.5", True), ("2", False)]


def test_it_flags_unconfirmed_tables_in_the_notices(api: APIClient) -> None:
    body = post(
        api,
        {
            "scheme": "electricity_meter",
            "accuracy_class": "1",
            "stage": "initial",
            "ib": "5",
            "points": [{"reference": "1", "indication": "1.012", "current": "0.25"}],
        },
    ).json()
    assert body["points"][0]["mpe"] == "0.015"
    assert body["pass"] is True
    assert [n["code"] for n in body["notices"]] == ["unconfirmed_table"]
    assert body["tables"][0]["confidence"] == "UNCONFIRMED"


def test_it_takes_a_taximeter_without_accuracy_class(api: APIClient) -> None:
    body = post(
        api,
        {
            "scheme": "taximeter",
            "stage": "initial",
            "quantity": "distance",
            "unit": "m",
            "points": [{"reference": "1000", "indication": "1003"}],
        },
    ).json()
    assert body["points"][0] == {
        "reference": "1000",
        "indication": "1003",
        "error": "3",
        "mpe": "4",
        "pass": True,
        "band": "distance: ±0.2 %, min 4 m",
    }


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"points": []}, "points"),
        ({"points": "none"}, "points"),
        ({"points": [{"reference": "NaN", "indication": "1"}]}, "points.0.reference"),
        ({"points": [{"reference": "Infinity", "indication": "1"}]}, "points.0.reference"),
        ({"points": [{"reference": "1e40", "indication": "1"}]}, "points.0.reference"),
        (
            {"points": [{"reference": "10", "indication": "10"}, {"indication": "1"}]},
            "points.1.reference",
        ),
        ({"e": "1e30"}, "e"),
        ({"scheme": "gas_meter"}, "scheme"),
        ({"stage": "periodic"}, "stage"),
        ({"accuracy_class": "V"}, "accuracy_class"),
        ({"unit": "L"}, "unit"),  # unit does not match a weighing instrument
        ({"max": "100000"}, "max"),  # n = 20 000 > 10 000 for class III
        ({"points": [{"reference": "-5", "indication": "-5"}]}, "points.0.reference"),
        ({"points": [{"reference": "100", "indication": "99999"}]}, "points.0.indication"),
        ({"zone": "upper"}, "zone"),  # a water-meter parameter on a scale
    ],
)
def test_it_answers_bad_input_with_field_messages(
    api: APIClient, change: dict[str, Any], field: str
) -> None:
    response = post(api, {**SCALE, **change})
    assert response.status_code == 400, response.json()
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert field in error["fields"], error
    assert all(isinstance(m, str) and m for m in error["fields"][field])


def test_it_refuses_a_body_that_is_not_an_object(api: APIClient) -> None:
    response = post(api, ["nawi"])
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


@pytest.mark.vietnamese
def test_it_speaks_the_callers_language(api: APIClient) -> None:
    bad = {**SCALE, "accuracy_class": "V"}
    vi = post(api, bad).json()["error"]["fields"]["accuracy_class"][0]
    en = post(api, bad, HTTP_ACCEPT_LANGUAGE="en").json()["error"]["fields"]["accuracy_class"][0]
    assert vi.startswith("Cấp chính xác")
    assert en.startswith("Accuracy class")


def test_it_documents_request_and_answer_in_the_schema(api: APIClient) -> None:
    admin = api_client_for(make_user("system_admin"))
    schema = admin.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    text = schema.content.decode()
    assert "/api/v1/metrology/mpe/evaluate/" in text
    for name in ("MpeEvaluateRequest", "MpeEvaluation", "MpePointResult"):
        assert name in text


# --- the limit of a verification kind, from the reference data (issue 11) ---------------------

_AT_500E = {
    **{k: v for k, v in SCALE.items() if k != "stage"},
    "points": [{"reference": "2500", "indication": "2504"}],  # 500 e, error 0.8 e
}


def test_a_periodic_verification_uses_the_initial_limit_under_the_default_data(
    api: APIClient,
) -> None:
    body = post(api, {**_AT_500E, "verification_kind": "periodic", "date": "2026-06-01"}).json()
    assert body["pass"] is False
    assert body["stage"] == "initial"
    assert body["points"][0]["mpe"] == "2.5"
    limit = body["limit"]
    assert limit["verification_kind"] == "periodic" and limit["stage"] == "initial"
    assert limit["confidence"] == "unconfirmed"
    assert limit["version"].startswith("metrology.verificationlimit@")
    # An inspection of an instrument in use applies the in-service MPE (2 × initial).
    in_use = post(api, {**_AT_500E, "verification_kind": "in_use_inspection"}).json()
    assert (in_use["pass"], in_use["stage"], in_use["points"][0]["mpe"]) == (
        True,
        "in_service",
        "5",
    )
    # Giving the stage directly still works and says no limit row was used.
    direct = post(api, {**_AT_500E, "stage": "in_service"}).json()
    assert direct["pass"] is True and direct["limit"] is None


@pytest.mark.parametrize(
    "change",
    [{}, {"stage": "initial", "verification_kind": "periodic"}, {"verification_kind": "annual"}],
)
def test_it_wants_exactly_one_of_stage_or_a_known_verification_kind(
    api: APIClient, change: dict[str, Any]
) -> None:
    response = post(api, {**_AT_500E, **change})
    assert response.status_code == 400, response.json()
    fields = response.json()["error"]["fields"]
    assert "stage" in fields or "verification_kind" in fields
