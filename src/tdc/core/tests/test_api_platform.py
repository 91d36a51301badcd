"""Platform API conventions: tokens, the error shape, pagination, rate limits, the schema."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from rest_framework.test import APIClient

from tdc.core.api.permissions import PublicRateThrottle
from tdc.testing.factories import PROVINCE_A, OrganisationFactory
from tdc.testing.fixtures import api_client_for

pytestmark = pytest.mark.django_db


def test_it_prints_a_working_token(officer_a: Any) -> None:
    out = io.StringIO()
    call_command("api_token", officer_a.username, stdout=out)
    key = out.getvalue().strip()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    me = client.get("/api/v1/me/").json()
    assert me["username"] == officer_a.username
    assert me["role"] == "provincial_officer" and me["province"] == PROVINCE_A


def test_it_refuses_a_bad_token_in_the_error_shape() -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-key")
    response = client.get("/api/v1/organisations/")
    assert response.status_code == 401
    assert set(response.json()["error"]) == {"code", "message", "fields"}


def test_it_paginates_lists(officer_a: Any) -> None:
    OrganisationFactory.create_batch(7, province_id=PROVINCE_A)
    page = api_client_for(officer_a).get("/api/v1/organisations/", {"page_size": 5}).json()
    assert page["count"] == 7 and len(page["results"]) == 5 and page["next"]


def test_it_rate_limits_public_endpoints(monkeypatch: pytest.MonkeyPatch) -> None:
    cache.clear()
    monkeypatch.setattr(PublicRateThrottle, "THROTTLE_RATES", {"public": "3/min"})
    client = APIClient()
    statuses = [client.get("/api/v1/places/provinces/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    body = client.get("/api/v1/places/provinces/").json()
    assert body["error"]["code"] == "throttled"
    cache.clear()


def test_it_serves_the_openapi_schema_and_docs() -> None:
    client = APIClient()
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert b"/api/v1/organisations/" in schema.content
    assert client.get("/api/v1/docs/").status_code == 200


def test_it_answers_with_a_request_id(client: Any) -> None:
    response = client.get("/healthz", HTTP_X_REQUEST_ID="abc12345-req")
    assert response["X-Request-ID"] == "abc12345-req"
    assert len(client.get("/healthz")["X-Request-ID"]) == 32
