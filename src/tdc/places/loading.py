"""Seeding the administrative units from the data of the ``vietnam-provinces`` package."""

from __future__ import annotations

from django.db import transaction

from tdc.core.text import vn_fold
from tdc.places.choices import CommuneKind, ProvinceKind
from tdc.places.models import Commune, Province

_PROVINCE_KIND = {"tỉnh": ProvinceKind.PROVINCE}
_COMMUNE_KIND = {"xã": CommuneKind.COMMUNE, "phường": CommuneKind.WARD, "đặc khu": CommuneKind.SPECIAL_ZONE}


@transaction.atomic
def load_places() -> dict[str, int]:
    """Insert or update the 34 provinces and 3,321 communes; idempotent."""
    from vietnam_provinces import Province as VpProvince
    from vietnam_provinces import Ward as VpWard

    provinces = [
        Province(
            code=f"{int(p.code):02d}",
            name=p.name,
            kind=_PROVINCE_KIND.get(p.division_type.value, ProvinceKind.CITY),
            name_folded=vn_fold(p.name),
        )
        for p in VpProvince.iter_all()
    ]
    Province.objects.bulk_create(
        provinces,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "kind", "name_folded"],
    )
    communes = [
        Commune(
            code=f"{int(w.code):05d}",
            name=w.name,
            kind=_COMMUNE_KIND.get(w.division_type.value, CommuneKind.COMMUNE),
            province_id=f"{int(w.province_code):02d}",
            name_folded=vn_fold(w.name),
        )
        for w in VpWard.iter_all()
    ]
    Commune.objects.bulk_create(
        communes,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "kind", "province", "name_folded"],
    )
    return {"provinces": len(provinces), "communes": len(communes)}
