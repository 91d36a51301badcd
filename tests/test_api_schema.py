"""Schemathesis against the OpenAPI schema the application serves at /api/v1/schema/.

Every operation is exercised with a system administrator's token and with a provincial
officer's token: no answer may be a server error, and every answer must match the documented
status codes and body schema (including the shared error body).
"""

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

from tdc.testing.factories import COMMUNE_A, PROVINCE_A, PROVINCE_B, OrganisationFactory, make_user

pytestmark = [pytest.mark.schema, pytest.mark.django_db]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api_tokens(db: None) -> dict[str, str]:
    """One token per persona, and an organisation inside and outside the officer's province."""
    from rest_framework.authtoken.models import Token

    OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)
    OrganisationFactory(province_id=PROVINCE_B)
    admin = make_user("system_admin")
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    return {
        "system_admin": Token.objects.create(user=admin).key,
        "provincial_officer": Token.objects.create(user=officer).key,
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
    for token in api_tokens.values():
        case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)
