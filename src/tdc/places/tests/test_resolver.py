"""Resolving old and new addresses to the province and commune in force today."""

from __future__ import annotations

import pytest

from tdc.places.resolver import resolve_address

pytestmark = pytest.mark.django_db


def test_it_resolves_an_old_address_to_the_new_commune() -> None:
    result = resolve_address("xã Phước Lý, huyện Cần Giuộc, tỉnh Long An")

    assert result.found and not result.ambiguous
    assert result.style == "legacy"
    assert (result.province.code, result.province.name) == ("80", "Tỉnh Tây Ninh")
    assert (result.commune.code, result.commune.name) == ("28165", "Xã Phước Lý")
    assert result.legacy_province.name == "Tỉnh Long An"
    assert result.legacy_district.name == "Huyện Cần Giuộc"
    assert result.legacy_commune.code == "28162"


@pytest.mark.parametrize(
    "text",
    [
        "Xa Phuoc Ly huyen Can Giuoc tinh Long An",
        "XÃ PHƯỚC LÝ - H. Cần Giuộc - T. Long An",
        "Ấp Long Thạnh, xã Phước Lý, Cần Giuộc, Long An",
        "Số 12, Tổ 3, X. Phước Lý, H. Cần Giuộc, Long An",
    ],
)
def test_it_tolerates_missing_marks_abbreviations_and_house_numbers(text: str) -> None:
    result = resolve_address(text)

    assert result.commune is not None and result.commune.code == "28165"


def test_it_reads_city_abbreviations() -> None:
    result = resolve_address("123 Lê Lợi, P. Bến Thành, Q.1, TP.HCM")

    assert result.legacy_district.name == "Quận 1"
    assert result.province.code == "79"
    assert result.commune.name == "Phường Bến Thành"


def test_it_keeps_every_candidate_of_a_split_commune() -> None:
    # Phường Ngọc Hà (Ba Đình, Hà Nội) was divided between two new wards.
    result = resolve_address("Phường Ngọc Hà, Quận Ba Đình, Thành phố Hà Nội")

    assert result.ambiguous
    assert result.commune is None
    assert result.province.code == "01"
    assert result.legacy_commune.code == "00016"
    assert {c.commune.code for c in result.candidates} == {"00004", "00008"}
    assert all(c.partial for c in result.candidates)
    assert "candidates" in result.message


def test_it_resolves_an_address_written_with_the_new_units() -> None:
    result = resolve_address("Xã Phước Lý, Tỉnh Tây Ninh")

    assert result.style == "new"
    assert result.commune.code == "28165"
    assert result.province.code == "80"
    assert result.legacy_commune is None


def test_it_resolves_old_codes() -> None:
    result = resolve_address({"province": "80", "district": "807", "commune": "28162"})

    assert result.commune.code == "28165"
    assert result.legacy_district.code == "807"


def test_it_answers_not_found_for_text_with_no_place() -> None:
    result = resolve_address("lorem ipsum dolor 42")

    assert not result.found
    assert result.province is None and result.commune is None and not result.candidates
    assert "Check the spelling" in result.message


def test_it_answers_not_found_for_an_unknown_code() -> None:
    assert not resolve_address({"commune": "99999"}).found
