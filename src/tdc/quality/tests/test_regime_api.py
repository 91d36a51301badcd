"""POST /api/v1/quality/regime/ over the reference lists loaded from data/reference."""

from __future__ import annotations

from typing import Any

import pytest

from tdc.core.roles import Role
from tdc.testing.factories import PROVINCE_A, make_user
from tdc.testing.fixtures import api_client_for

pytestmark = pytest.mark.django_db

URL = "/api/v1/quality/regime/"


@pytest.fixture
def api(officer_a: Any) -> Any:
    return api_client_for(officer_a)


def test_it_answers_group2_for_a_rice_cooker_on_30_june_2026(api: Any) -> None:
    response = api.post(URL, {"hs_code": "8516.60.10", "date": "2026-06-30"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["regime"] == "group2"
    assert body["risk_class"] is None
    assert "import_inspection" in body["measures"]
    assert "QCVN 4:2009/BKHCN" in body["qcvn"]
    assert "2711" in body["legal_basis"]
    assert body["confidence"] == "unconfirmed"


def test_it_answers_high_risk_for_a_rice_cooker_on_1_july_2026(api: Any) -> None:
    response = api.post(URL, {"hs_code": "8516.60.10", "date": "2026-07-01"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["regime"], body["risk_class"]) == ("risk_based", "high")
    assert body["measures"] == ["declaration_designated_cert", "import_inspection"]
    assert "36/2026" in body["legal_basis"]
    assert body["confidence"] == "reported"
    assert any(v.startswith("quality.productlistentry@2026-07-01#") for v in body["versions"])


def test_it_answers_medium_risk_for_led_bulbs_by_their_6_digit_prefix(api: Any) -> None:
    body = api.post(URL, {"hs_code": "8539.52.90", "date": "2026-12-01"}, format="json").json()
    assert (body["risk_class"], body["qcvn"]) == ("medium", ["QCVN 19:2025/BKHCN"])


@pytest.mark.vietnamese
def test_it_refuses_a_malformed_code_with_a_vietnamese_message(api: Any) -> None:
    response = api.post(
        URL, {"hs_code": "85-16-6X", "date": "2026-07-01"}, format="json", HTTP_ACCEPT_LANGUAGE="vi"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert "không phải là mã HS" in error["fields"]["hs_code"][0]


@pytest.mark.vietnamese
def test_it_refuses_a_code_on_no_legacy_list(api: Any) -> None:
    response = api.post(URL, {"hs_code": "0101.21.00", "date": "2025-03-01"}, format="json")
    assert response.status_code == 400
    assert "không thuộc danh mục" in response.json()["error"]["fields"]["hs_code"][0]


@pytest.mark.parametrize("role", list(Role.values))
def test_it_lets_every_signed_in_role_resolve(role: str) -> None:
    user = make_user(role) if role == Role.SYSTEM_ADMIN else make_user(role, province_id=PROVINCE_A)
    response = api_client_for(user).post(
        URL, {"hs_code": "6506.10.10", "date": "2026-07-02"}, format="json"
    )
    assert response.status_code == 200


def test_it_turns_away_anonymous_callers(client: Any) -> None:
    response = client.post(URL, {"hs_code": "8516", "date": "2026-07-01"})
    assert response.status_code in (401, 403)


def test_it_follows_a_corrected_reference_row(api: Any, admin_user: Any) -> None:
    from tdc.core.refdata import reference_row_update
    from tdc.quality.models import ProductListEntry

    row = ProductListEntry.objects.get(regime="risk_based", hs_prefix="853952")
    reference_row_update(row=row, by=admin_user, expected_version=row.version, risk_class="high")
    body = api.post(URL, {"hs_code": "8539.52.90", "date": "2026-12-01"}, format="json").json()
    assert body["risk_class"] == "high"


def test_it_shows_the_product_lists_on_the_reference_screens(admin_user: Any) -> None:
    from django.urls import reverse

    from tdc.testing.fixtures import client_for

    response = client_for(admin_user).get(
        reverse("core:reference_table", args=["quality.productlistentry"])
    )
    assert response.status_code == 200
    assert "85166010" in response.content.decode()
