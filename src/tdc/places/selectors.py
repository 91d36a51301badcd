"""Reads of places for pickers: limited to the user's jurisdiction."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tdc.places.models import Commune, Province


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
