"""Schemathesis on the prepackage calculator: no input may cause a server error, and every answer
matches the documented status codes and bodies."""

from __future__ import annotations

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

from tdc.testing.factories import make_user

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
def token(db: None) -> str:
    from tdc.testing.fixtures import api_token_for

    return api_token_for(make_user("business_user"))


def _load_schema() -> Any:
    from django.core.wsgi import get_wsgi_application

    loaded = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    return loaded.include(path_regex="^/api/v1/prepackages/")


schema = _load_schema()


@schema.parametrize()
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)
def test_it_never_fails_with_a_server_error(case: Any, token: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)
