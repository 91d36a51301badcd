"""Administrative units in force since 1 July 2025 (34 provinces, 3,321 communes).

Reference data seeded by ``tdc load_reference``; keyed by the official code so that the API and
imports speak the codes of the national register.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tdc.core.scoping import ScopedQuerySet, ScopeSpec
from tdc.places.choices import CommuneKind, ProvinceKind


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
