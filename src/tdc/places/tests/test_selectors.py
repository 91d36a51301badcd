"""The places other apps read, through the public selectors only."""

from __future__ import annotations

from typing import Any

import pytest

from tdc.places import selectors
from tdc.testing.factories import COMMUNE_A, COMMUNE_B, PROVINCE_A, PROVINCE_B, make_user

pytestmark = pytest.mark.django_db


def test_it_offers_each_user_the_provinces_and_communes_of_their_jurisdiction() -> None:
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    commune_officer = make_user("commune_officer", commune_id=COMMUNE_A)
    national = make_user("national_user")

    assert list(selectors.provinces_for(officer).values_list("pk", flat=True)) == [PROVINCE_A]
    assert selectors.provinces_for(national).count() == 34
    assert set(selectors.communes_for(commune_officer, None).values_list("pk", flat=True)) == {
        COMMUNE_A
    }
    officer_communes = selectors.communes_for(officer, PROVINCE_B)
    assert officer_communes.filter(pk=COMMUNE_A).exists()
    assert not officer_communes.filter(pk=COMMUNE_B).exists()  # not another province's
    assert selectors.communes_for(national, PROVINCE_B).filter(pk=COMMUNE_B).exists()
    assert not selectors.communes_for(national, None).exists()  # choose a province first


def test_it_maps_codes_for_imports() -> None:
    codes = selectors.province_codes()
    assert {PROVINCE_A, PROVINCE_B} <= codes and len(codes) == 34
    communes = selectors.commune_provinces()
    assert communes[COMMUNE_A] == PROVINCE_A and communes[COMMUNE_B] == PROVINCE_B
    assert selectors.province_get(PROVINCE_A).pk == PROVINCE_A
    assert selectors.commune_get(COMMUNE_B).province_id == PROVINCE_B


def test_it_lists_a_provinces_communes_by_name_and_none_without_a_province() -> None:
    communes = selectors.communes_of_province(PROVINCE_A)
    assert communes.query.order_by == ("name",)
    assert communes.filter(pk=COMMUNE_A).exists() and not communes.filter(pk=COMMUNE_B).exists()
    assert not selectors.communes_of_province(None).exists()
    assert not selectors.communes_of_province("").exists()
    assert selectors.province_by_name().query.order_by == ("name",)
    assert selectors.province_by_name().count() == 34


@pytest.mark.parametrize(
    "address",
    ["xã Phước Lý, huyện Cần Giuộc, tỉnh Long An", "Xa Phuoc Ly, huyen Can Giuoc, Long An"],
)
def test_it_resolves_addresses_for_other_apps(address: Any) -> None:
    resolution = selectors.resolve_address(address)
    assert resolution.commune is not None
    assert resolution.commune.code == COMMUNE_A
