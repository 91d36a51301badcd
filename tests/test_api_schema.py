"""Schemathesis against the OpenAPI schema the application serves at /api/v1/schema/.

Every operation is exercised with a system administrator's token and with a provincial
officer's token (taking turns): no answer may be a server error, and every answer must match
the documented status codes and body schema (including the shared error body).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tdc.testing.factories import COMMUNE_A, PROVINCE_A, PROVINCE_B, OrganisationFactory, make_user

pytestmark = [
    pytest.mark.schema,
    pytest.mark.django_db,
    pytest.mark.usefixtures("wsgi_keeps_test_connection"),
]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api_tokens(db: None) -> dict[str, str]:
    """One token per persona, and an organisation inside and outside the officer's province."""
    from tdc.testing.fixtures import api_token_for

    OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)
    OrganisationFactory(province_id=PROVINCE_B)
    admin = make_user("system_admin")
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    return {
        "system_admin": api_token_for(admin),
        "provincial_officer": api_token_for(officer),
    }


def _load_schema() -> Any:
    """The schema as the application serves it (generated without touching the database)."""
    from django.core.wsgi import get_wsgi_application

    return schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())


schema = _load_schema()


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)
def test_it_answers_every_operation_as_documented(case: Any, api_tokens: dict[str, str]) -> None:
    # The personas take turns, so each sees about half of every operation's generated requests.
    token = next(_TURNS[tuple(api_tokens.values())])
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)


class _Turns(dict[tuple[str, ...], Iterator[str]]):
    def __missing__(self, tokens: tuple[str, ...]) -> Iterator[str]:
        self[tokens] = itertools.cycle(tokens)
        return self[tokens]


_TURNS = _Turns()


def test_it_answers_a_number_too_large_for_the_database_as_a_bad_request() -> None:
    from tdc.core.api.errors import exception_handler

    response = exception_handler(OverflowError("Python int too large"), {})

    assert response is not None
    assert response.status_code == 400
    assert response.data["error"]["code"] == "invalid"
