"""Administrative units in force since 1 July 2025 (34 provinces, 3,321 communes).

Reference data seeded by ``tdc load_reference``; keyed by the official code so that the API and
imports speak the codes of the national register.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tdc.core.scoping import ScopedQuerySet, ScopeSpec
from tdc.places.choices import (
    CommuneKind,
    LegacyCommuneKind,
    LegacyDistrictKind,
    LegacyProvinceKind,
    ProvinceKind,
)


class Province(models.Model):
    """A province or centrally-run city (tỉnh / thành phố)."""

    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=ProvinceKind.choices)
    name_folded = models.CharField(_("folded name"), max_length=100, editable=False)

    scope = ScopeSpec(province="code", public_read=True)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Commune(models.Model):
    """A commune, ward or special zone (xã / phường / đặc khu), the lower tier since 2025."""

    code = models.CharField(_("code"), max_length=5, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=CommuneKind.choices)
    province = models.ForeignKey(
        Province, verbose_name=_("province"), on_delete=models.PROTECT, related_name="communes"
    )
    name_folded = models.CharField(_("folded name"), max_length=100, editable=False)

    scope = ScopeSpec(province="province_id", commune="code", public_read=True)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["province_id", "name"]
        indexes = [
            # Commune pickers and /api/v1/places/communes/?province= search by folded name.
            models.Index(fields=["province", "name_folded"], name="places_commune_prov_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class LegacyProvince(models.Model):
    """One of the 63 provinces and centrally-run cities in force until 30 June 2025."""

    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=LegacyProvinceKind.choices)
    name_folded = models.CharField(_("folded name"), max_length=100, editable=False)
    successors = models.ManyToManyField(
        Province,
        verbose_name=_("provinces since 1 July 2025"),
        through="ProvinceSuccession",
        related_name="legacy_provinces",
    )

    class Meta:
        verbose_name = _("province before 1 July 2025")
        verbose_name_plural = _("provinces before 1 July 2025")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class LegacyDistrict(models.Model):
    """A district (huyện / quận / thị xã / thành phố thuộc tỉnh), a tier abolished in 2025."""

    code = models.CharField(_("code"), max_length=3, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=LegacyDistrictKind.choices)
    province = models.ForeignKey(
        LegacyProvince,
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="districts",
    )
    name_folded = models.CharField(_("folded name"), max_length=100, editable=False)

    class Meta:
        verbose_name = _("district before 1 July 2025")
        verbose_name_plural = _("districts before 1 July 2025")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class LegacyCommune(models.Model):
    """A commune, ward or township (xã / phường / thị trấn) in force until 30 June 2025."""

    code = models.CharField(_("code"), max_length=5, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=LegacyCommuneKind.choices)
    district = models.ForeignKey(
        LegacyDistrict,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        related_name="communes",
    )
    province = models.ForeignKey(
        LegacyProvince,
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="communes",
    )
    name_folded = models.CharField(_("folded name"), max_length=100, editable=False)
    successors = models.ManyToManyField(
        Commune,
        verbose_name=_("communes since 1 July 2025"),
        through="CommuneSuccession",
        related_name="legacy_communes",
    )

    class Meta:
        verbose_name = _("commune before 1 July 2025")
        verbose_name_plural = _("communes before 1 July 2025")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class ProvinceSuccession(models.Model):
    """A pre-2025 province whose territory went (wholly or partly) into a new province."""

    legacy_province = models.ForeignKey(
        LegacyProvince,
        verbose_name=_("province before 1 July 2025"),
        on_delete=models.CASCADE,
        related_name="successions",
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("province since 1 July 2025"),
        on_delete=models.CASCADE,
        related_name="predecessions",
    )

    class Meta:
        verbose_name = _("province succession")
        verbose_name_plural = _("province successions")
        constraints = [
            models.UniqueConstraint(
                fields=["legacy_province", "province"],
                name="%(app_label)s_%(class)s_unique_pair",
                violation_error_message=_("This succession is already recorded."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.legacy_province_id} → {self.province_id}"


class CommuneSuccession(models.Model):
    """A pre-2025 commune whose territory went into a new commune.

    A commune split between several new communes has one row per new commune, each marked
    ``partial``: an old address in such a commune resolves to a list of candidates.
    """

    legacy_commune = models.ForeignKey(
        LegacyCommune,
        verbose_name=_("commune before 1 July 2025"),
        on_delete=models.CASCADE,
        related_name="successions",
    )
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune since 1 July 2025"),
        on_delete=models.CASCADE,
        related_name="predecessions",
    )
    partial = models.BooleanField(
        _("partly merged"),
        default=False,
        help_text=_("Only part of the old commune went into this new commune."),
    )

    class Meta:
        verbose_name = _("commune succession")
        verbose_name_plural = _("commune successions")
        constraints = [
            models.UniqueConstraint(
                fields=["legacy_commune", "commune"],
                name="%(app_label)s_%(class)s_unique_pair",
                violation_error_message=_("This succession is already recorded."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.legacy_commune_id} → {self.commune_id}"


class PlacesDataset(models.Model):
    """Which version of the administrative-unit data was last loaded (skips unchanged reloads)."""

    key = models.CharField(_("data set"), max_length=64, primary_key=True)
    checksum = models.CharField(_("checksum"), max_length=64)
    counts = models.JSONField(_("row counts"), default=dict)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)

    class Meta:
        verbose_name = _("places data set")
        verbose_name_plural = _("places data sets")

    def __str__(self) -> str:
        return self.key
