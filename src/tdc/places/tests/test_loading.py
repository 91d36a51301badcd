"""Seeding the old and new administrative units and their successions."""

from __future__ import annotations

import pytest

from tdc.places.loading import load_places
from tdc.places.models import (
    CommuneSuccession,
    LegacyCommune,
    LegacyDistrict,
    LegacyProvince,
    PlacesDataset,
)

pytestmark = pytest.mark.django_db


def test_it_loads_the_pre_2025_units_and_the_mapping() -> None:
    assert LegacyProvince.objects.count() == 63
    assert LegacyDistrict.objects.count() == 696
    assert LegacyCommune.objects.count() > 10_000
    long_an = LegacyProvince.objects.get(name="Tỉnh Long An")
    assert list(long_an.successors.values_list("code", flat=True)) == ["80"]
    phuoc_ly = LegacyCommune.objects.get(pk="28162")
    assert phuoc_ly.name_folded == "xa phuoc ly"
    assert phuoc_ly.district.name == "Huyện Cần Giuộc"
    split = CommuneSuccession.objects.filter(legacy_commune_id="00016")
    assert sorted(split.values_list("commune_id", flat=True)) == ["00004", "00008"]


def test_it_skips_a_second_load_of_unchanged_data(django_assert_max_num_queries) -> None:
    with django_assert_max_num_queries(12):
        counts = load_places()

    assert counts["legacy_communes"] == LegacyCommune.objects.count()
    assert PlacesDataset.objects.get().counts == counts


def test_it_reloads_when_the_data_changed() -> None:
    PlacesDataset.objects.update(checksum="older")
    CommuneSuccession.objects.filter(legacy_commune_id="28162").delete()

    load_places()

    assert CommuneSuccession.objects.filter(legacy_commune_id="28162").exists()
    assert PlacesDataset.objects.get().checksum != "older"
