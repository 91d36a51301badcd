"""TBT notifications: symbols and HS codes written the WTO's way, malformed input refused in
Vietnamese, and the province's exporters a notification concerns."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tdc.standards.models import TbtNotification
from tdc.standards.rules.tbt import TbtError, hs_overlap, normalise_hs, normalise_symbol
from tdc.standards.services import exporter_interest_save
from tdc.standards.tests.factories import make_tbt
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, PROVINCE_B, OrganisationFactory


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("G/TBT/N/VNM/123", "G/TBT/N/VNM/123"),
        ("g/tbt/n/usa/1234/add.1", "G/TBT/N/USA/1234/Add.1"),
        ("G/TBT/N/EU/0987/Rev.2/Corr.1", "G/TBT/N/EU/987/Rev.2/Corr.1"),
    ],
)
def test_it_writes_symbols_the_wto_way(written: str, expected: str) -> None:
    assert normalise_symbol(written) == expected


@pytest.mark.parametrize("bad", ["G/SPS/N/VNM/1", "G/TBT/N/VIETNAM/1", "TBT 123", ""])
def test_it_refuses_a_malformed_symbol_in_vietnamese(bad: str) -> None:
    with pytest.raises(TbtError) as exc:
        normalise_symbol(bad)
    assert "Ký hiệu thông báo" in exc.value.message_vi


def test_it_reads_hs_codes_and_matches_by_prefix() -> None:
    assert normalise_hs("8516.60") == "851660"
    with pytest.raises(TbtError):
        normalise_hs("85166")
    assert hs_overlap(["851660", "9405"], ["8516"]) == ["851660"]
    assert hs_overlap(["8516"], ["85166010"]) == ["8516"]
    assert hs_overlap(["8516"], ["8509"]) == []


@given(st.text(alphabet="0123456789", min_size=2, max_size=10).filter(lambda s: len(s) % 2 == 0))
def test_a_code_always_concerns_an_exporter_of_its_own_heading(code: str) -> None:
    assert hs_overlap([code], [code[:2]]) == [code]
    assert normalise_hs(normalise_hs(code)) == code


@pytest.mark.django_db
def test_it_refuses_a_malformed_notification_and_writes_nothing() -> None:
    with pytest.raises(ValidationError) as exc:
        make_tbt(PROVINCE_A, symbol="G/TBT/VNM/1")
    assert "Ký hiệu" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        make_tbt(PROVINCE_A, hs_codes=["85.1"])
    assert "Mã HS" in str(exc.value)
    make_tbt(PROVINCE_A, symbol="G/TBT/N/JPN/77")
    with pytest.raises(ValidationError):
        make_tbt(PROVINCE_A, symbol="g/tbt/n/jpn/077")
    assert TbtNotification.objects.count() == 1


@pytest.mark.django_db
def test_it_shows_the_exporters_a_notification_concerns(officer_client: Any) -> None:
    cooker = OrganisationFactory(
        name="Điện gia dụng Phước Lý", province_id=PROVINCE_A, commune_id=COMMUNE_A
    )
    other_market = OrganisationFactory(
        name="Xuất khẩu Nhật", province_id=PROVINCE_A, commune_id=COMMUNE_A
    )
    elsewhere = OrganisationFactory(name="Cần Thơ Điện", province_id=PROVINCE_B)
    furniture = OrganisationFactory(
        name="Gỗ Tây Ninh", province_id=PROVINCE_A, commune_id=COMMUNE_A
    )
    exporter_interest_save(by=None, organisation=cooker, hs_codes=["8516"], markets="usa eu")  # type: ignore[arg-type]
    exporter_interest_save(by=None, organisation=other_market, hs_codes=["8516"], markets="JPN")  # type: ignore[arg-type]
    exporter_interest_save(by=None, organisation=elsewhere, hs_codes=["8516"])  # type: ignore[arg-type]
    exporter_interest_save(by=None, organisation=furniture, hs_codes=["9403"])  # type: ignore[arg-type]
    notification = make_tbt(PROVINCE_A, symbol="G/TBT/N/USA/2001")
    body = officer_client.get(
        reverse("standards:tbt_detail", args=[notification.pk])
    ).content.decode()
    assert "Điện gia dụng Phước Lý" in body
    assert "Xuất khẩu Nhật" not in body
    assert "Cần Thơ Điện" not in body
    assert "Gỗ Tây Ninh" not in body


@pytest.mark.django_db
def test_an_officer_records_a_notification_on_screen(officer_client: Any) -> None:
    response = officer_client.post(
        reverse("standards:tbt_create"),
        {
            "symbol": "g/tbt/n/eu/1100",
            "title": "Toy safety regulation",
            "products": "Đồ chơi trẻ em",
            "hs_codes": "9503.00",
            "distributed_on": "2026-11-01",
            "comment_deadline": "2026-12-31",
        },
    )
    assert response.status_code == 302
    notification = TbtNotification.objects.get(symbol="G/TBT/N/EU/1100")
    assert notification.member == "EU" and notification.hs_codes == ["950300"]


@pytest.mark.django_db
def test_the_api_records_a_notification_and_lists_the_exporters_it_concerns(
    officer_a: Any,
) -> None:
    from tdc.testing.fixtures import api_client_for

    org = OrganisationFactory(name="Đồ chơi Tây Ninh", province_id=PROVINCE_A, commune_id=COMMUNE_A)
    exporter_interest_save(by=None, organisation=org, hs_codes=["9503"])  # type: ignore[arg-type]
    api = api_client_for(officer_a)
    bad = api.post(
        reverse("api:standards-tbt-list"),
        {"symbol": "G/TBT/N/EU", "title": "x", "products": "x", "distributed_on": "2026-11-01"},
        format="json",
    )
    assert bad.status_code == 400 and "Ký hiệu" in str(bad.json())
    created = api.post(
        reverse("api:standards-tbt-list"),
        {
            "symbol": "G/TBT/N/EU/1200",
            "title": "Toy safety",
            "products": "Đồ chơi",
            "hs_codes": ["9503.00"],
            "distributed_on": "2026-11-01",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    detail = api.get(reverse("api:standards-tbt-detail", args=[created.json()["id"]])).json()
    assert detail["matches"][0]["organisation"] == "Đồ chơi Tây Ninh"
