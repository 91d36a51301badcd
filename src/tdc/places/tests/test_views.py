"""Places pages and API: provinces, communes, and the address resolver."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tdc.testing.fixtures import client_for

pytestmark = pytest.mark.django_db


def test_it_lists_provinces_with_the_old_ones(officer_a: Any) -> None:
    response = client_for(officer_a).get(reverse("places:province_list"))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Tỉnh Tây Ninh" in body and "Tỉnh Long An" in body


def test_it_lists_a_provinces_communes_with_their_sources(officer_a: Any) -> None:
    response = client_for(officer_a).get(reverse("places:province_detail", args=["80"]))

    body = response.content.decode()
    assert "Xã Phước Lý" in body and "Huyện Cần Giuộc" in body


def test_it_resolves_on_the_resolver_page(officer_a: Any) -> None:
    response = client_for(officer_a).get(
        reverse("places:resolve"), {"address": "xã Phước Lý, huyện Cần Giuộc, tỉnh Long An"}
    )

    assert "28165" in response.content.decode()


def test_it_resolves_through_the_public_api() -> None:
    response = APIClient().get(
        "/api/v1/places/resolve/", {"address": "xã Phước Lý, huyện Cần Giuộc, tỉnh Long An"}
    )

    data = response.json()
    assert response.status_code == 200
    assert data["province"] == {"code": "80", "name": "Tỉnh Tây Ninh"}
    assert data["commune"] == {"code": "28165", "name": "Xã Phước Lý"}
    assert data["legacy"]["district"] == {"code": "807", "name": "Huyện Cần Giuộc"}
    assert data["ambiguous"] is False
    assert [c["code"] for c in data["candidates"]] == ["28165"]


def test_it_lists_candidates_through_the_api() -> None:
    response = APIClient().get("/api/v1/places/resolve/", {"legacy_commune": "16"})

    data = response.json()
    assert data["ambiguous"] is True and data["commune"] is None
    assert {c["code"] for c in data["candidates"]} == {"00004", "00008"}


def test_it_answers_not_found_through_the_api() -> None:
    data = APIClient().get("/api/v1/places/resolve/", {"address": "xyz qwerty"}).json()

    assert data["found"] is False and data["province"] is None
    assert data["message"]


def test_it_asks_for_an_address() -> None:
    response = APIClient().get("/api/v1/places/resolve/")

    assert response.status_code == 400
    assert "address" in response.json()["error"]["fields"]


def test_it_filters_communes_by_province() -> None:
    response = APIClient().get("/api/v1/places/communes/", {"province": "80", "q": "phuoc ly"})

    codes = [row["code"] for row in response.json()["results"]]
    assert "28165" in codes
