"""Seeding the administrative units from the data of the ``vietnam-provinces`` package.

Loads the 34 provinces and 3,321 communes in force since 1 July 2025, the 63 provinces,
696 districts and ~10,000 communes in force before, and the old→new successions (a commune split
between several new communes keeps one row per candidate). A second run with the same package
data is skipped: the data set's checksum is stored in :class:`PlacesDataset`.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import transaction

from tdc.core.text import vn_fold
from tdc.places.choices import (
    CommuneKind,
    LegacyCommuneKind,
    LegacyDistrictKind,
    LegacyProvinceKind,
    ProvinceKind,
)
from tdc.places.models import (
    Commune,
    CommuneSuccession,
    LegacyCommune,
    LegacyDistrict,
    LegacyProvince,
    PlacesDataset,
    Province,
    ProvinceSuccession,
)

#: Bump when the loader itself changes what it writes, so that the next run reloads.
LOADER_VERSION = "2"
DATASET_KEY = "vietnam-provinces"

_PROVINCE_KIND = {"tỉnh": ProvinceKind.PROVINCE}
_COMMUNE_KIND = {
    "xã": CommuneKind.COMMUNE,
    "phường": CommuneKind.WARD,
    "đặc khu": CommuneKind.SPECIAL_ZONE,
}
_LEGACY_PROVINCE_KIND = {"tỉnh": LegacyProvinceKind.PROVINCE}
_LEGACY_DISTRICT_KIND = {
    "huyện": LegacyDistrictKind.RURAL_DISTRICT,
    "quận": LegacyDistrictKind.URBAN_DISTRICT,
    "thị xã": LegacyDistrictKind.TOWN,
    "thành phố": LegacyDistrictKind.CITY,
}
_LEGACY_COMMUNE_KIND = {
    "xã": LegacyCommuneKind.COMMUNE,
    "phường": LegacyCommuneKind.WARD,
    "thị trấn": LegacyCommuneKind.TOWNSHIP,
}
_BATCH = 2000


def _code(value: Any, width: int) -> str:
    return f"{int(value):0{width}d}"


def dataset_checksum() -> str:
    """Checksum of the package data and of this loader: equal checksums mean nothing to do."""
    import vietnam_provinces

    text = f"{vietnam_provinces.__version__}|{vietnam_provinces.__data_version__}|{LOADER_VERSION}"
    return hashlib.sha256(text.encode()).hexdigest()


def _current_counts() -> dict[str, int]:
    return {
        "provinces": Province.objects.count(),
        "communes": Commune.objects.count(),
        "legacy_provinces": LegacyProvince.objects.count(),
        "legacy_districts": LegacyDistrict.objects.count(),
        "legacy_communes": LegacyCommune.objects.count(),
        "province_successions": ProvinceSuccession.objects.count(),
        "commune_successions": CommuneSuccession.objects.count(),
    }


def _upsert(model: Any, objs: list[Any], fields: list[str]) -> None:
    model.objects.bulk_create(
        objs,
        batch_size=_BATCH,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=fields,
    )


def _load_current() -> tuple[set[str], set[str]]:
    from vietnam_provinces import Province as VpProvince
    from vietnam_provinces import Ward as VpWard

    provinces = [
        Province(
            code=_code(p.code, 2),
            name=p.name,
            kind=_PROVINCE_KIND.get(p.division_type.value, ProvinceKind.CITY),
            name_folded=vn_fold(p.name),
        )
        for p in VpProvince.iter_all()
    ]
    _upsert(Province, provinces, ["name", "kind", "name_folded"])
    communes = [
        Commune(
            code=_code(w.code, 5),
            name=w.name,
            kind=_COMMUNE_KIND.get(w.division_type.value, CommuneKind.COMMUNE),
            province_id=_code(w.province_code, 2),
            name_folded=vn_fold(w.name),
        )
        for w in VpWard.iter_all()
    ]
    _upsert(Commune, communes, ["name", "kind", "province", "name_folded"])
    return {p.code for p in provinces}, {c.code for c in communes}


def _load_legacy() -> set[str]:
    from vietnam_provinces import legacy

    _upsert(
        LegacyProvince,
        [
            LegacyProvince(
                code=_code(p.code, 2),
                name=p.name,
                kind=_LEGACY_PROVINCE_KIND.get(p.division_type.value, LegacyProvinceKind.CITY),
                name_folded=vn_fold(p.name),
            )
            for p in legacy.Province.iter_all()
        ],
        ["name", "kind", "name_folded"],
    )
    district_province: dict[str, str] = {}
    districts = []
    for d in legacy.District.iter_all():
        code = _code(d.code, 3)
        district_province[code] = _code(d.province_code, 2)
        districts.append(
            LegacyDistrict(
                code=code,
                name=d.name,
                kind=_LEGACY_DISTRICT_KIND[d.division_type.value],
                province_id=district_province[code],
                name_folded=vn_fold(d.name),
            )
        )
    _upsert(LegacyDistrict, districts, ["name", "kind", "province", "name_folded"])
    communes = [
        LegacyCommune(
            code=_code(w.code, 5),
            name=w.name,
            kind=_LEGACY_COMMUNE_KIND[w.division_type.value],
            district_id=_code(w.district_code, 3),
            province_id=district_province[_code(w.district_code, 3)],
            name_folded=vn_fold(w.name),
        )
        for w in legacy.Ward.iter_all()
    ]
    _upsert(LegacyCommune, communes, ["name", "kind", "district", "province", "name_folded"])
    return {c.code for c in communes}


def _load_successions(
    province_codes: set[str], commune_codes: set[str], legacy_codes: set[str]
) -> None:
    # The package's public API (Ward.search_from_legacy, Province.search_from_legacy) answers
    # one code at a time and leaves out whether a commune was only partly merged; its
    # conversion tables give the whole mapping with that flag in one pass.
    from vietnam_provinces import _province_conversion_2025 as province_conversion
    from vietnam_provinces import _ward_conversion_2025 as ward_conversion

    ProvinceSuccession.objects.all().delete()
    ProvinceSuccession.objects.bulk_create(
        [
            ProvinceSuccession(legacy_province_id=_code(old, 2), province_id=_code(new.code, 2))
            for old, entry in province_conversion.OLD_TO_NEW.items()
            for new in entry.new_provinces
            if _code(new.code, 2) in province_codes
        ],
        batch_size=_BATCH,
    )
    CommuneSuccession.objects.all().delete()
    rows: list[CommuneSuccession] = []
    for old, entry in ward_conversion.OLD_TO_NEW.items():
        legacy_code = _code(old, 5)
        if legacy_code not in legacy_codes:
            continue  # a conversion row for a unit the legacy list does not carry
        new_codes = {_code(new.code, 5) for new in entry.new_wards} & commune_codes
        partial = entry.old_ward.is_partly_merged or len(new_codes) > 1
        rows.extend(
            CommuneSuccession(legacy_commune_id=legacy_code, commune_id=code, partial=partial)
            for code in sorted(new_codes)
        )
    CommuneSuccession.objects.bulk_create(rows, batch_size=_BATCH)


@transaction.atomic
def load_places(*, force: bool = False) -> dict[str, int]:
    """Insert or update every administrative unit and succession; idempotent and skipped
    when the package data has not changed since the last load."""
    checksum = dataset_checksum()
    dataset = PlacesDataset.objects.filter(key=DATASET_KEY).first()
    if not force and dataset is not None and dataset.checksum == checksum:
        counts = _current_counts()
        if counts == dataset.counts:
            return counts
    province_codes, commune_codes = _load_current()
    legacy_codes = _load_legacy()
    _load_successions(province_codes, commune_codes, legacy_codes)
    counts = _current_counts()
    PlacesDataset.objects.update_or_create(
        key=DATASET_KEY, defaults={"checksum": checksum, "counts": counts}
    )
    from tdc.places.resolver import reset_index

    transaction.on_commit(reset_index)
    return counts
