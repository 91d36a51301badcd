"""Conformity declarations (công bố hợp chuẩn / hợp quy)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import AuditedModel
from tdc.core.roles import Role
from tdc.core.scoping import ScopedQuerySet, ScopeSpec
from tdc.quality.choices import (
    DeclarationBasis,
    DeclarationKind,
    DeclarationStatus,
    RegimeChoice,
    RiskClassChoice,
)
from tdc.quality.models.bodies import ConformityBody
from tdc.quality.models.common import PROVINCE_STAFF, SIGNERS


class Declaration(AuditedModel):
    """A conformity declaration (công bố hợp chuẩn / hợp quy) received by the authority, under
    the regime in force on its declaration date, and its receipt notice (Thông báo tiếp nhận)."""

    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=DeclarationKind.choices,
        default=DeclarationKind.REGULATION,
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=DeclarationStatus.choices,
        default=DeclarationStatus.RECEIVED,
    )
    declarant = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("declarant"),
        on_delete=models.PROTECT,
        related_name="quality_declarations",
    )
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="quality_declarations",
    )
    product = models.CharField(_("product"), max_length=255)
    brand = models.CharField(_("brand"), max_length=150, blank=True)
    model_type = models.CharField(_("type or model"), max_length=150, blank=True)
    origin = models.CharField(_("origin"), max_length=150, blank=True)
    hs_code = models.CharField(_("HS code"), max_length=10)
    qcvn = models.CharField(_("technical regulation or standard"), max_length=100)
    declared_on = models.DateField(_("declaration date"))
    regime = models.CharField(_("regime"), max_length=16, choices=RegimeChoice.choices)
    risk_class = models.CharField(
        _("risk class"), max_length=8, choices=RiskClassChoice.choices, blank=True
    )
    basis = models.CharField(_("basis"), max_length=16, choices=DeclarationBasis.choices)
    body = models.ForeignKey(
        ConformityBody,
        verbose_name=_("certification body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certified_declarations",
    )
    certificate_number = models.CharField(_("certificate number"), max_length=64, blank=True)
    certificate_valid_until = models.DateField(_("certificate valid until"), null=True, blank=True)
    lab = models.ForeignKey(
        ConformityBody,
        verbose_name=_("laboratory"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tested_declarations",
    )
    lab_report_number = models.CharField(_("lab report number"), max_length=64, blank=True)
    lab_report_date = models.DateField(_("lab report date"), null=True, blank=True)
    assessment_signed_on = models.DateField(
        _("self-assessment report signed on"), null=True, blank=True
    )
    check_due = models.DateField(_("check due by"), null=True, blank=True)
    receipt_number = models.CharField(_("receipt notice number"), max_length=64, blank=True)
    accepted_on = models.DateField(_("receipt notice date"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    rule_versions = models.JSONField(_("reference rows used"), default=list, blank=True)

    scope = ScopeSpec(
        province="province_id",
        commune="declarant__commune_id",
        organisation="declarant_id",
        roles={
            "view": {
                *PROVINCE_STAFF,
                Role.NATIONAL_USER,
                Role.INSPECTOR,
                Role.COMMUNE_OFFICER,
                Role.BUSINESS_USER,
            },
            "export": {*PROVINCE_STAFF, Role.NATIONAL_USER},
            "create": {*PROVINCE_STAFF, Role.BUSINESS_USER},
            "change": PROVINCE_STAFF,
            "approve": SIGNERS,
        },
    )
    objects = ScopedQuerySet.as_manager()

    #: The one field list of what a declarant files, reused by form, serializer and detail.
    FIELDS = (
        "kind",
        "product",
        "brand",
        "model_type",
        "origin",
        "hs_code",
        "qcvn",
        "declared_on",
        "basis",
        "body",
        "certificate_number",
        "certificate_valid_until",
        "lab",
        "lab_report_number",
        "lab_report_date",
        "assessment_signed_on",
    )

    class Meta:
        verbose_name = _("conformity declaration")
        verbose_name_plural = _("conformity declarations")
        ordering = ["-declared_on", "-id"]
        indexes = [
            models.Index(fields=["province", "status"], name="quality_decl_prov_status_idx"),
            models.Index(fields=["status", "valid_until"], name="quality_decl_valid_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.receipt_number or _('(not numbered)')} {self.product}"

    def get_absolute_url(self) -> str:
        return reverse("quality:declaration_detail", args=[self.pk])
