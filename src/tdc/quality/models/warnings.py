"""Public quality warnings."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import AuditedModel
from tdc.core.roles import Role
from tdc.core.scoping import ScopedQuerySet, ScopeSpec
from tdc.quality.choices import (
    Hazard,
    WarningSource,
)
from tdc.quality.models.common import PROVINCE_STAFF, SIGNERS


class QualityWarning(AuditedModel):
    """A public warning about unsafe or non-conforming goods: from this province's surveys or
    entered from a national or foreign source; shown on ``/tra-cuu/canh-bao/`` once published."""

    title = models.CharField(_("title"), max_length=255)
    product = models.CharField(_("product"), max_length=255)
    brand = models.CharField(_("brand"), max_length=150, blank=True)
    batch = models.CharField(_("batch or lot"), max_length=100, blank=True)
    gtin = models.CharField(_("GTIN (barcode)"), max_length=14, blank=True)
    hazard = models.CharField(_("hazard"), max_length=16, choices=Hazard.choices)
    description = models.TextField(_("description"))
    measure = models.TextField(_("measure taken or advised"))
    source = models.CharField(_("source"), max_length=16, choices=WarningSource.choices)
    source_reference = models.CharField(_("source reference"), max_length=255, blank=True)
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="quality_warnings",
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)

    scope = ScopeSpec(
        province="province_id",
        roles={
            "view": {*PROVINCE_STAFF, Role.NATIONAL_USER, Role.INSPECTOR},
            "export": {*PROVINCE_STAFF, Role.NATIONAL_USER},
            "create": PROVINCE_STAFF,
            "change": PROVINCE_STAFF,
            "approve": SIGNERS,
        },
    )
    objects = ScopedQuerySet.as_manager()

    FIELDS = (
        "title",
        "product",
        "brand",
        "batch",
        "gtin",
        "hazard",
        "description",
        "measure",
        "source",
        "source_reference",
    )

    class Meta:
        verbose_name = _("quality warning")
        verbose_name_plural = _("quality warnings")
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("quality:warning_detail", args=[self.pk])
