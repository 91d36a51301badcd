"""The MPE calculator never answers with a server error, whatever it is sent."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from tdc.testing.factories import make_user
from tdc.testing.fixtures import api_client_for

URL = "/api/v1/metrology/mpe/evaluate/"
SCHEMES = ["nawi", "water_meter", "fuel_dispenser", "taximeter", "electricity_meter"]
PARAMS = [
    "e", "d", "max", "min", "temperature_c", "q", "q1", "q2", "q3", "q4", "r", "volume_l",
    "mmq_l", "fare_digit", "current", "ib", "i_min", "i_tr", "i_max",
]  # fmt: skip
CHOICES = {
    "unit": ["g", "kg", "L", "mL", "m3", "s", "m", "km", "VND", "kWh"],
    "zone": ["lower", "upper"],
    "line": ["A", "B"],
    "quantity": ["time", "distance", "fare"],
    "current_range": ["lower", "upper"],
}
CLASSES = ["", "I", "II", "III", "IIII", "1", "2", "0.5", "1.0", "A", "B", "C", "0.5S", "x"]

numbers = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-1e6, max_value=1e6),
    st.sampled_from(["0", "-0", "1e-12", "1e-13", "999999999999999", "1e15", "NaN", "1e999", ""]),
).map(str)

bodies = st.fixed_dictionaries(
    {
        "scheme": st.sampled_from(SCHEMES),
        "accuracy_class": st.sampled_from(CLASSES),
        "stage": st.sampled_from(["initial", "in_service"]),
        "points": st.lists(
            st.fixed_dictionaries(
                {"reference": numbers, "indication": numbers},
                optional={"q": numbers, "current": numbers, "zone": st.sampled_from(["lower"])},
            ),
            max_size=4,
        ),
    },
    optional={
        **{name: numbers for name in PARAMS},
        **{name: st.sampled_from(values) for name, values in CHOICES.items()},
    },
)


@pytest.fixture
def api(db: None) -> Any:
    return api_client_for(make_user("business_user"))


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=bodies)
def test_it_answers_any_request_without_a_server_error(api: Any, body: dict[str, Any]) -> None:
    response = api.post(URL, body, format="json")
    assert response.status_code in {200, 400}, (body, response.content)
    event(f"status {response.status_code}")
    payload = response.json()
    if response.status_code == 200:
        assert len(payload["points"]) == len(body["points"])
    else:
        assert payload["error"]["code"] == "invalid"


#: One valid request per scheme; the test below perturbs them so that most answers are 200.
TEMPLATES: list[dict[str, Any]] = [
    {"scheme": "nawi", "accuracy_class": "III", "e": "5", "max": "15000", "unit": "g"},
    {"scheme": "nawi", "accuracy_class": "I", "e": "0.001", "max": "220", "unit": "g"},
    {"scheme": "water_meter", "accuracy_class": "2", "q3": "2.5", "r": "100", "q": "1"},
    {"scheme": "water_meter", "accuracy_class": "1", "zone": "lower"},
    {"scheme": "fuel_dispenser", "accuracy_class": "0.5", "mmq_l": "2"},
    {"scheme": "fuel_dispenser", "accuracy_class": "1.0", "line": "B", "unit": "mL"},
    {"scheme": "taximeter", "quantity": "fare", "fare_digit": "1000"},
    {"scheme": "electricity_meter", "accuracy_class": "C", "current_range": "upper"},
    {"scheme": "electricity_meter", "accuracy_class": "2", "ib": "5", "current": "3"},
]
readings = st.decimals(min_value=0, max_value=15000, places=3).map(str)


@settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    template=st.sampled_from(TEMPLATES),
    stage=st.sampled_from(["initial", "in_service"]),
    points=st.lists(
        st.fixed_dictionaries({"reference": readings, "indication": readings}),
        min_size=1,
        max_size=4,
    ),
    changes=st.dictionaries(st.sampled_from(PARAMS), numbers, max_size=1),
)
def test_it_evaluates_plausible_requests_without_a_server_error(
    api: Any,
    template: dict[str, Any],
    stage: str,
    points: list[dict[str, str]],
    changes: dict[str, str],
) -> None:
    body = {**template, **changes, "stage": stage, "points": points}
    response = api.post(URL, body, format="json")
    assert response.status_code in {200, 400}, (body, response.content)
    event(f"status {response.status_code}")
    if response.status_code == 200:
        answer = response.json()
        assert answer["pass"] == all(p["pass"] for p in answer["points"])


def _load_schema() -> Any:
    from django.core.wsgi import get_wsgi_application

    return schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application()).include(
        path=URL
    )


schema = _load_schema()


@pytest.fixture
def _keep_test_connection() -> Iterator[None]:
    """Schemathesis calls the WSGI application directly, whose request signals would close the
    test's database connection (PostgreSQL); keep it open as Django's test client does."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.schema
@pytest.mark.django_db
@pytest.mark.usefixtures("_keep_test_connection")
@schema.parametrize()
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)
def test_it_answers_fuzzed_requests_as_documented(case: Any) -> None:
    from tdc.testing.fixtures import api_token_for

    user = make_user("verification_staff")
    token = api_token_for(user)
    case.call_and_validate(
        headers={"Authorization": f"Token {token}"},
        checks=[not_a_server_error, status_code_conformance, response_schema_conformance],
    )
