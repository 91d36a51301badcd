"""The register of businesses under management: the compliance commitments businesses sign
(cam kết chất lượng); the rest of a business's quality record is read from the declarations,
surveys and inspections it already has."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import AuditedModel
from tdc.core.roles import Role
from tdc.core.scoping import ScopedQuerySet, ScopeSpec
from tdc.quality.models.common import PROVINCE_STAFF


class ComplianceCommitment(AuditedModel):
    """A business's signed commitment to trade only conforming goods of the listed products
    (asked of businesses under management when a survey or an inspection finds a problem, or
    as part of the province's review of businesses trading managed products)."""

    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("business"),
        on_delete=models.PROTECT,
        related_name="quality_commitments",
    )
    province = models.ForeignKey(
        "places.Province", verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    signed_on = models.DateField(_("signed on"))
    signed_by_name = models.CharField(_("signed by"), max_length=150)
    products = models.CharField(
        _("products covered"),
        max_length=500,
        help_text=_("The managed products the commitment covers, e.g. petrol and diesel."),
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    scope = ScopeSpec(
        province="province_id",
        commune="organisation__commune_id",
        organisation="organisation_id",
        roles={
            "view": {*PROVINCE_STAFF, Role.NATIONAL_USER, Role.INSPECTOR, Role.BUSINESS_USER},
            "export": {*PROVINCE_STAFF, Role.NATIONAL_USER},
            "create": PROVINCE_STAFF,
            "change": PROVINCE_STAFF,
        },
    )
    objects = ScopedQuerySet.as_manager()

    FIELDS = ("organisation", "signed_on", "signed_by_name", "products", "valid_until", "notes")

    class Meta:
        verbose_name = _("compliance commitment")
        verbose_name_plural = _("compliance commitments")
        ordering = ("-signed_on", "-id")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("signed_on")),
                name="quality_commitment_valid_after_signing",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.signed_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("quality:commitment_detail", args=[self.pk])
