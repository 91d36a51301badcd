"""Product quality: the product lists of both legal regimes, conformity bodies, conformity
declarations and public quality warnings.

The regulation's arithmetic is in ``rules/`` (pure functions); the lists and the regime periods
are versioned reference rows (``data/reference/*.yaml``, loaded by ``tdc load_reference``), each
with its legal basis, source and confidence, so that an unconfirmed row stays editable data.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import AuditedModel, VersionedReference
from tdc.core.roles import Role
from tdc.core.scoping import ScopedQuerySet, ScopeSpec
from tdc.quality.choices import (
    BodyKind,
    BodyStatus,
    DeclarationBasis,
    DeclarationKind,
    DeclarationStatus,
    Hazard,
    RegimeChoice,
    RiskClassChoice,
    WarningSource,
)

_PROVINCE_STAFF = {Role.PROVINCIAL_LEADER, Role.PROVINCIAL_OFFICER, Role.SYSTEM_ADMIN}
_SIGNERS = {Role.PROVINCIAL_LEADER, Role.SYSTEM_ADMIN}


class RegimePeriod(VersionedReference):
    """A span of days governed by one legal regime (quality-facts §0): the legacy "nhóm 2"
    lists until 30/06/2026, the risk classes from 01/07/2026 (NĐ 37/2026, Art. 97)."""

    regime = models.CharField(_("regime"), max_length=16, choices=RegimeChoice.choices)

    class Meta(VersionedReference.Meta):
        verbose_name = _("legal regime period")
        verbose_name_plural = _("legal regime periods")
        ordering = ["effective_from"]
        constraints = [
            *VersionedReference.Meta.constraints,
            models.UniqueConstraint(
                fields=["regime", "effective_from"],
                name="%(app_label)s_%(class)s_unique_version",
                violation_error_message=_(
                    "This regime already has a period starting on that day; edit that row."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_regime_display()} ({self.effective_from:%d/%m/%Y})"


class ProductListEntry(VersionedReference):
    """One row of a managed-product list: an HS code prefix (4, 6 or 8 digits) under a regime,
    with its risk class (risk-based lists), the measures it requires and the governing QCVN."""

    regime = models.CharField(_("regime"), max_length=16, choices=RegimeChoice.choices)
    list_name = models.CharField(
        _("list"), max_length=255, help_text=_("The instrument and annex the row comes from.")
    )
    hs_prefix = models.CharField(
        _("HS code prefix"),
        max_length=8,
        help_text=_("4, 6 or 8 digits without dots; the row covers every code starting so."),
    )
    product = models.CharField(_("product"), max_length=255)
    category = models.CharField(
        _("product category"), max_length=64, blank=True, help_text=_("A short key, e.g. helmet.")
    )
    risk_class = models.CharField(
        _("risk class"), max_length=8, choices=RiskClassChoice.choices, blank=True
    )
    measures = models.JSONField(
        _("measures"), default=list, blank=True, help_text=_("Keys of the measures required.")
    )
    qcvn = models.JSONField(_("technical regulations"), default=list, blank=True)

    class Meta(VersionedReference.Meta):
        verbose_name = _("managed-product list row")
        verbose_name_plural = _("managed-product list rows")
        ordering = ["regime", "hs_prefix", "effective_from"]
        constraints = [
            *VersionedReference.Meta.constraints,
            models.UniqueConstraint(
                fields=["regime", "hs_prefix", "effective_from"],
                name="%(app_label)s_%(class)s_unique_version",
                violation_error_message=_(
                    "This HS prefix already has a row of this regime from that day; edit it."
                ),
            ),
        ]

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        super().clean()
        if not (self.hs_prefix.isdigit() and len(self.hs_prefix) in (4, 6, 8)):
            raise ValidationError(
                {"hs_prefix": _("Write the HS prefix as 4, 6 or 8 digits without dots.")}
            )

    def __str__(self) -> str:
        return f"{self.hs_prefix} {self.product}"


class TimeLimit(VersionedReference):
    """A time limit of the declaration procedure in working days (e.g. 5 working days to check
    a complete file and issue the receipt notice, TT 28/2012), in force over a period."""

    step = models.CharField(_("procedure step"), max_length=48)
    working_days = models.PositiveSmallIntegerField(_("working days"))

    class Meta(VersionedReference.Meta):
        verbose_name = _("declaration time limit")
        verbose_name_plural = _("declaration time limits")
        ordering = ["step", "effective_from"]
        constraints = [
            *VersionedReference.Meta.constraints,
            models.UniqueConstraint(
                fields=["step", "effective_from"],
                name="%(app_label)s_%(class)s_unique_version",
                violation_error_message=_(
                    "This step already has a version starting on that day; edit that version."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.step}: {self.working_days}"


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
            "view": {*_PROVINCE_STAFF, Role.NATIONAL_USER, Role.INSPECTOR},
            "export": {*_PROVINCE_STAFF, Role.NATIONAL_USER},
            "create": _PROVINCE_STAFF,
            "change": _PROVINCE_STAFF,
            "approve": _SIGNERS,
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
                *_PROVINCE_STAFF,
                Role.NATIONAL_USER,
                Role.INSPECTOR,
                Role.COMMUNE_OFFICER,
                Role.BUSINESS_USER,
            },
            "export": {*_PROVINCE_STAFF, Role.NATIONAL_USER},
            "create": {*_PROVINCE_STAFF, Role.BUSINESS_USER},
            "change": _PROVINCE_STAFF,
            "approve": _SIGNERS,
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
            "view": {*_PROVINCE_STAFF, Role.NATIONAL_USER, Role.INSPECTOR},
            "export": {*_PROVINCE_STAFF, Role.NATIONAL_USER},
            "create": _PROVINCE_STAFF,
            "change": _PROVINCE_STAFF,
            "approve": _SIGNERS,
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
