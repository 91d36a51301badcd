"""Malformed, oversized or too-deep JSON, wrong content types and undecodable bytes answer
400, 413 or 415 in the API's error shape on every write endpoint — never a server error."""

from __future__ import annotations

import re
from typing import Any

import pytest
from rest_framework.test import APIClient

from tdc.testing.factories import make_user
from tdc.testing.fixtures import api_client_for

pytestmark = pytest.mark.django_db

DEEP = ("[" * 5000 + "]" * 5000).encode()
BODIES: dict[str, tuple[bytes, str]] = {
    "malformed": (b'{"serial_number": "SN-1",', "application/json"),
    "deep": (DEEP, "application/json"),
    "nan": (b'{"max_capacity": NaN}', "application/json"),
    "not-utf8": (b'{"name": "\xff\xfe"}', "application/json"),
    "wrong-type": (b"serial_number=SN-1", "text/plain"),
    "huge": (b'{"notes": "' + b"x" * 20_000 + b'"}', "application/json"),
}


def _write_operations(client: APIClient) -> list[tuple[str, str]]:
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    found = []
    for path, operations in schema["paths"].items():
        for method in ("post", "put", "patch"):
            if method in operations:
                found.append((method, re.sub(r"\{[^}]+\}", "1", path)))
    return sorted(found)


@pytest.fixture
def admin_api() -> APIClient:
    return api_client_for(make_user("system_admin"))


def _assert_error_shape(response: Any, expected: set[int]) -> None:
    assert response.status_code in expected, (response.status_code, response.content[:300])
    body = response.json()
    assert set(body["error"]) == {"code", "message", "fields"}


@pytest.mark.parametrize("kind", sorted(BODIES))
def test_it_answers_every_write_endpoint_without_a_server_error(
    kind: str, admin_api: APIClient, settings: Any
) -> None:
    settings.TDC_API_MAX_BODY_BYTES = 10_000
    operations = _write_operations(admin_api)
    assert len(operations) > 30
    body, content_type = BODIES[kind]
    for method, path in operations:
        response = getattr(admin_api, method)(path, data=body, content_type=content_type)
        assert response.status_code < 500, (method, path, kind, response.content[:300])
        if response.status_code >= 400:
            _assert_error_shape(response, {400, 401, 403, 404, 405, 409, 413, 415, 428, 429})


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        ("malformed", 400),
        ("deep", 400),
        ("nan", 400),
        ("not-utf8", 400),
        ("wrong-type", 415),
        ("huge", 413),
    ],
)
def test_it_names_what_is_wrong_with_the_body(
    kind: str, status: int, admin_api: APIClient, settings: Any
) -> None:
    settings.TDC_API_MAX_BODY_BYTES = 10_000
    body, content_type = BODIES[kind]
    response = admin_api.post(
        "/api/v1/metrology/instruments/", data=body, content_type=content_type
    )
    _assert_error_shape(response, {status})
