"""Conformity bodies: certification bodies and laboratories."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import AuditedModel
from tdc.core.roles import Role
from tdc.core.scoping import ScopedQuerySet, ScopeSpec
from tdc.quality.choices import (
    BodyKind,
    BodyStatus,
)
from tdc.quality.models.common import PROVINCE_STAFF, SIGNERS


class ConformityBody(AuditedModel):
    """A certification body, testing laboratory or inspection body, with its standing
    (registered / accredited / designated), what it may assess and until when."""

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=BodyKind.choices)
    status = models.CharField(_("standing"), max_length=16, choices=BodyStatus.choices)
    registration_number = models.CharField(
        _("registration, accreditation or designation number"), max_length=64
    )
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("province that keeps the record"),
        on_delete=models.PROTECT,
        related_name="conformity_bodies",
    )
    scope_qcvn = models.JSONField(
        _("technical regulations in scope"),
        default=list,
        blank=True,
        help_text=_("QCVN codes the body may assess, e.g. QCVN 4:2009/BKHCN."),
    )
    scope_products = models.TextField(_("products in scope"), blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    suspended_from = models.DateField(_("suspended from"), null=True, blank=True)
    suspended_until = models.DateField(_("suspended until"), null=True, blank=True)
    suspension_reason = models.TextField(_("reason for the suspension"), blank=True)

    #: The register is kept per province; declarants pick a body through the unscoped
    #: ``body_choices`` selector (which bodies exist is public information).
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

    #: The one field list of the body, reused by the form, the serializer and the detail page.
    FIELDS = (
        "name",
        "kind",
        "status",
        "registration_number",
        "scope_qcvn",
        "scope_products",
        "valid_from",
        "valid_until",
    )

    class Meta:
        verbose_name = _("conformity body")
        verbose_name_plural = _("conformity bodies")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")),
                name="quality_body_validity_order",
                violation_error_message=_("The validity ends before it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.registration_number})"

    def get_absolute_url(self) -> str:
        return reverse("quality:body_detail", args=[self.pk])
