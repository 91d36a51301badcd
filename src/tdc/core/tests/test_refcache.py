"""Public reference lists served from the worker's cache: same body, ETag, 304, invalidation."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import override_settings
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIClient

from tdc.core.api.refcache import invalidate_all
from tdc.places.api.serializers import ProvinceSerializer
from tdc.places.models import Province
from tdc.testing.factories import PROVINCE_A

pytestmark = pytest.mark.django_db

URL = "/api/v1/places/provinces/"


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    invalidate_all()
    yield
    invalidate_all()  # a test's rolled-back changes must not outlive it in the cache


def test_it_serves_the_same_body_as_the_serializer(places: Any) -> None:
    response = APIClient().get(URL)
    expected = JSONRenderer().render(
        ProvinceSerializer(Province.objects.order_by("code"), many=True).data
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.content == expected
    assert len(json.loads(response.content)) == Province.objects.count()


def test_it_sends_etag_and_cache_control_and_answers_304(places: Any) -> None:
    client = APIClient()
    first = client.get(URL)
    etag = first["ETag"]
    assert etag.startswith('"') and first["Cache-Control"].startswith("public, max-age=")
    again = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    assert client.get(URL, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_it_keeps_the_security_headers_on_cached_responses(places: Any) -> None:
    response = APIClient().get(URL)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response
    assert response["X-Request-ID"]


def test_it_serves_changed_reference_data_after_invalidation(places: Any) -> None:
    client = APIClient()
    before = client.get(URL)
    Province.objects.filter(pk=PROVINCE_A).update(name="Tỉnh Đổi Tên")
    assert client.get(URL).content == before.content  # still the cached version
    invalidate_all()
    after = client.get(URL)
    assert "Tỉnh Đổi Tên" in after.content.decode()
    assert after["ETag"] != before["ETag"]


@override_settings(TDC_REFERENCE_CACHE_SECONDS=0)
def test_it_reads_every_time_when_the_cache_is_off(places: Any) -> None:
    client = APIClient()
    client.get(URL)
    Province.objects.filter(pk=PROVINCE_A).update(name="Tỉnh Không Đệm")
    assert "Tỉnh Không Đệm" in client.get(URL).content.decode()
    assert client.get(URL)["Cache-Control"] == "public, max-age=0"


def test_it_still_serves_one_province_from_the_database(places: Any) -> None:
    body = APIClient().get(f"{URL}{PROVINCE_A}/").json()
    assert body["code"] == PROVINCE_A and body["name"] == places["province_a"].name
