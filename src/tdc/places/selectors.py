"""Reads of places for pickers: limited to the user's jurisdiction."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from tdc.places.models import Commune, Province

if TYPE_CHECKING:
    from tdc.places.resolver import Resolution


def provinces_for(user: Any) -> QuerySet[Province]:
    """Provinces a user may place records in: their own, or all for nation-wide roles."""
    qs = Province.objects.order_by("code")
    if getattr(user, "province_id", None):
        return qs.filter(pk=user.province_id)
    return qs


def communes_for(user: Any, province_code: str | None) -> QuerySet[Commune]:
    """Communes of one province (the one chosen) within the user's jurisdiction."""
    qs = Commune.objects.select_related("province").order_by("name")
    if getattr(user, "commune_id", None):
        return qs.filter(pk=user.commune_id)
    if getattr(user, "province_id", None):
        return qs.filter(province_id=user.province_id)
    if province_code:
        return qs.filter(province_id=province_code)
    return qs.none()


def province_list_with_counts() -> QuerySet[Province]:
    """The 34 provinces with how many communes they have and which old provinces formed them."""
    from django.db.models import Count, Prefetch

    from tdc.places.models import LegacyProvince

    return (
        Province.objects.annotate(commune_count=Count("communes"))
        .prefetch_related(
            Prefetch("legacy_provinces", queryset=LegacyProvince.objects.order_by("name"))
        )
        .order_by("code")
    )


def province_communes(province: Province) -> QuerySet[Commune]:
    """Communes of one province, each with the old communes it was formed from."""
    from django.db.models import Prefetch

    from tdc.places.models import LegacyCommune

    return (
        Commune.objects.filter(province=province)
        .prefetch_related(
            Prefetch(
                "legacy_communes",
                queryset=LegacyCommune.objects.select_related("district").order_by("name"),
            )
        )
        .order_by("name")
    )


# --- For other apps: places are read only through these (public surface, ADR 0009) -----------


def province_all() -> QuerySet[Province]:
    """Every province (for API fields that take a province code)."""
    return Province.objects.all()


def commune_all() -> QuerySet[Commune]:
    """Every commune (for API fields that take a commune code)."""
    return Commune.objects.all()


def province_get(code: str) -> Province:
    return Province.objects.get(pk=code)


def commune_get(code: str) -> Commune:
    return Commune.objects.get(pk=code)


def province_codes() -> set[str]:
    """The codes of every province (imports check references against them)."""
    return set(Province.objects.values_list("code", flat=True))


def commune_provinces() -> dict[str, str]:
    """Commune code → its province's code, for every commune."""
    return dict(Commune.objects.values_list("code", "province_id"))


def communes_of_province(code: str | None) -> QuerySet[Commune]:
    """Communes of one province by name (a form's second dropdown); none without a code."""
    if not code:
        return Commune.objects.none()
    return Commune.objects.filter(province_id=code).select_related("province").order_by("name")


def province_by_name() -> QuerySet[Province]:
    """Every province by name (the public forms' first dropdown)."""
    return Province.objects.order_by("name")


def resolve_address(text_or_codes: str | Mapping[str, Any]) -> Resolution:
    """The commune an address names, old or new units (``tdc.places.resolver``)."""
    from tdc.places.resolver import resolve_address as resolve

    return resolve(text_or_codes)


def commune_seats(province_code: str) -> dict[str, tuple[float, float]]:
    """``{commune code: (latitude, longitude)}`` of the vendored commune seats (may be empty)."""
    from tdc.places.geo import commune_centres

    return commune_centres(province_code)


def commune_area_map(
    values: dict[str, dict[str, Any]], provinces: set[str] | None = None
) -> dict[str, Any]:
    """The approximate commune areas of ``provinces`` (else of the provinces of the communes in
    ``values``) as GeoJSON, each with its name and the properties ``values`` gives for it."""
    from tdc.places.geo import commune_areas

    if not provinces:
        provinces = set(
            Commune.objects.filter(pk__in=list(values)).values_list("province_id", flat=True)
        )
    features: list[dict[str, Any]] = []
    for province in sorted(provinces):
        names = dict(Commune.objects.filter(province_id=province).values_list("pk", "name"))
        filled = {code: {"name": name, **values.get(code, {})} for code, name in names.items()}
        features += commune_areas(province, filled)["features"]
    return {"type": "FeatureCollection", "features": features}
