"""State inspection of imported goods (kiểm tra nhà nước về chất lượng hàng hóa nhập khẩu):
the registration of one lot, its numbered notices, what happens to the goods after clearance,
and the versioned reference values (time limits, reduced-inspection parameters, origins under a
warning) the rules in ``rules/imports.py`` compute with."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import AuditedModel, VersionedReference
from tdc.core.roles import Role
from tdc.core.scoping import ScopedQuerySet, ScopeSpec
from tdc.quality.choices import (
    CertificateKind,
    ExemptionGround,
    ImportNoticeKind,
    ImportStatus,
    InspectionLevel,
    RegimeChoice,
    RiskClassChoice,
    SurveillanceKind,
)
from tdc.quality.models.bodies import ConformityBody
from tdc.quality.models.common import PROVINCE_STAFF, SIGNERS


class ImportPeriod(VersionedReference):
    """A reference value of import inspection in force over a period: a time limit in working
    days (confirmation 1, certificate 15 after clearance, completion 7, label fix 5, result 1…),
    or a parameter of reduced and stepped-up inspection (3 lots, 24 months…)."""

    key = models.CharField(_("key"), max_length=48)
    amount = models.PositiveIntegerField(_("amount"))
    unit = models.CharField(_("unit"), max_length=16)

    class Meta(VersionedReference.Meta):
        verbose_name = _("import inspection time limit")
        verbose_name_plural = _("import inspection time limits")
        ordering = ["key", "effective_from"]
        constraints = [
            *VersionedReference.Meta.constraints,
            models.UniqueConstraint(
                fields=["key", "effective_from"],
                name="%(app_label)s_%(class)s_unique_version",
                violation_error_message=_(
                    "This key already has a version starting on that day; edit that version."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.amount} {self.unit}"


class ImportOriginWarning(VersionedReference):
    """A country of origin on a high-risk warning list: its goods get stepped-up inspection
    (NĐ 37/2026 Art. 84)."""

    country = models.CharField(_("country of origin"), max_length=100)
    goods = models.CharField(_("goods concerned"), max_length=255, blank=True)

    class Meta(VersionedReference.Meta):
        verbose_name = _("origin under a risk warning")
        verbose_name_plural = _("origins under a risk warning")
        ordering = ["country", "effective_from"]

    def __str__(self) -> str:
        return self.country


_SCOPE_ROLES = {
    "view": {*PROVINCE_STAFF, Role.NATIONAL_USER, Role.INSPECTOR, Role.BUSINESS_USER},
    "export": {*PROVINCE_STAFF, Role.NATIONAL_USER},
    "create": {*PROVINCE_STAFF, Role.BUSINESS_USER},
    "change": PROVINCE_STAFF,
    "approve": SIGNERS,
}


class ImportRegistration(AuditedModel):
    """One import lot registered for state quality inspection, under the regime and risk class
    in force on its registration date; its deadlines are stored as computed, with the reference
    rows that produced them (``rule_versions``)."""

    number = models.CharField(_("registration number"), max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.REGISTERED
    )
    inspection_level = models.CharField(
        _("inspection level"),
        max_length=16,
        choices=InspectionLevel.choices,
        default=InspectionLevel.NORMAL,
    )
    level_reasons = models.JSONField(_("why this level"), default=list, blank=True)
    importer = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("importer"),
        on_delete=models.PROTECT,
        related_name="quality_import_registrations",
    )
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="quality_import_registrations",
    )
    customs_declaration = models.CharField(_("customs declaration number"), max_length=32)
    product = models.CharField(_("goods"), max_length=255)
    brand = models.CharField(_("brand"), max_length=150, blank=True)
    model_type = models.CharField(_("type or model"), max_length=150, blank=True)
    manufacturer = models.CharField(_("manufacturer"), max_length=255, blank=True)
    origin = models.CharField(_("origin"), max_length=100)
    hs_code = models.CharField(_("HS code"), max_length=10)
    qcvn = models.CharField(_("technical regulation"), max_length=100)
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=3)
    unit = models.CharField(_("unit"), max_length=32)
    gtin = models.CharField(_("GTIN"), max_length=14, blank=True)
    goods_key = models.CharField(_("goods key"), max_length=40, editable=False)
    certificate_kind = models.CharField(
        _("certificate kind"),
        max_length=8,
        choices=CertificateKind.choices,
        default=CertificateKind.LOT,
    )
    certificate_number = models.CharField(_("certificate of conformity number"), max_length=64)
    certificate_body = models.ForeignKey(
        ConformityBody,
        verbose_name=_("certificate issued by"),
        on_delete=models.PROTECT,
        related_name="import_certificates",
    )
    certificate_issued_on = models.DateField(_("certificate issued on"), null=True, blank=True)
    certificate_valid_until = models.DateField(_("certificate valid until"), null=True, blank=True)
    certificate_qcvn = models.CharField(_("regulation on the certificate"), max_length=100)
    certificate_model = models.CharField(_("type on the certificate"), max_length=150, blank=True)
    certificate_origin = models.CharField(
        _("origin on the certificate"), max_length=100, blank=True
    )
    certificate_quantity = models.DecimalField(
        _("quantity on the certificate"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    registered_on = models.DateField(_("registration date"))
    cleared_on = models.DateField(_("customs clearance date"), null=True, blank=True)
    regime = models.CharField(_("regime"), max_length=16, choices=RegimeChoice.choices)
    risk_class = models.CharField(
        _("risk class"), max_length=8, choices=RiskClassChoice.choices, blank=True
    )
    confirmed_on = models.DateField(_("registration confirmed on"), null=True, blank=True)
    complete_on = models.DateField(_("dossier complete on"), null=True, blank=True)
    decided_on = models.DateField(_("result date"), null=True, blank=True)
    first_passed = models.BooleanField(
        _("passed at the first assessment"),
        null=True,
        blank=True,
        help_text=_("What counts towards reduced inspection: a remedied lot stays a fail."),
    )
    confirm_due = models.DateField(_("confirmation due by"), null=True, blank=True)
    dossier_due = models.DateField(_("dossier due by"), null=True, blank=True)
    label_fix_due = models.DateField(_("label fix due by"), null=True, blank=True)
    result_due = models.DateField(_("result due by"), null=True, blank=True)
    missed_notice_due = models.DateField(_("missed-deadline notice due by"), null=True, blank=True)
    missing_items = models.TextField(_("missing documents"), blank=True)
    result_reason = models.TextField(_("reasons of the result"), blank=True)
    exemption_ground = models.CharField(
        _("exemption ground"), max_length=16, choices=ExemptionGround.choices, blank=True
    )
    remediation = models.TextField(_("remediation"), blank=True)
    rule_versions = models.JSONField(_("reference rows used"), default=list, blank=True)

    scope = ScopeSpec(
        province="province_id",
        commune="importer__commune_id",
        organisation="importer_id",
        roles=_SCOPE_ROLES,
    )
    objects = ScopedQuerySet.as_manager()

    #: What the importer registers, reused by form, serializer, import and detail.
    FIELDS = (
        "customs_declaration",
        "product",
        "brand",
        "model_type",
        "manufacturer",
        "origin",
        "hs_code",
        "qcvn",
        "quantity",
        "unit",
        "gtin",
        "certificate_kind",
        "certificate_number",
        "certificate_body",
        "certificate_issued_on",
        "certificate_valid_until",
        "certificate_qcvn",
        "certificate_model",
        "certificate_origin",
        "certificate_quantity",
        "registered_on",
        "cleared_on",
    )

    class Meta:
        verbose_name = _("import inspection registration")
        verbose_name_plural = _("import inspection registrations")
        ordering = ["-registered_on", "-id"]
        indexes = [
            models.Index(fields=["province", "status"], name="quality_imp_prov_status_idx"),
            models.Index(
                fields=["importer", "goods_key", "decided_on"], name="quality_imp_goods_idx"
            ),
            models.Index(fields=["importer", "decided_on"], name="quality_imp_importer_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.number or _('(not numbered)')} {self.product}"

    def get_absolute_url(self) -> str:
        return reverse("quality:import_detail", args=[self.pk])


class ImportNotice(AuditedModel):
    """A numbered notice of the inspection body on a lot (Mẫu 1–3 of NĐ 37/2026 Phụ lục VII,
    or a "không đáp ứng" / "không hoàn thiện đầy đủ hồ sơ" notice), with the structured data
    sent to customs as it was on the day of issue."""

    registration = models.ForeignKey(
        ImportRegistration,
        verbose_name=_("registration"),
        on_delete=models.PROTECT,
        related_name="notices",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ImportNoticeKind.choices)
    number = models.CharField(_("number"), max_length=64)
    issued_on = models.DateField(_("issued on"))
    data = models.JSONField(_("structured data for customs"), default=dict)

    scope = ScopeSpec(
        province="registration__province_id",
        commune="registration__importer__commune_id",
        organisation="registration__importer_id",
        roles=_SCOPE_ROLES,
    )
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("import inspection notice")
        verbose_name_plural = _("import inspection notices")
        ordering = ["registration", "issued_on", "id"]

    def __str__(self) -> str:
        return f"{self.number} {self.get_kind_display()}"


class ImportSurveillanceEvent(AuditedModel):
    """After clearance: the importer's quarterly report, or a stop condition of reduced
    inspection (goods in circulation failing, a verified complaint, a failed post-check), for
    the goods of one importer (NĐ 37/2026 Art. 86(3))."""

    importer = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("importer"),
        on_delete=models.PROTECT,
        related_name="quality_import_events",
    )
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="quality_import_events",
    )
    goods_key = models.CharField(_("goods key"), max_length=40)
    kind = models.CharField(_("kind"), max_length=20, choices=SurveillanceKind.choices)
    day = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)

    scope = ScopeSpec(
        province="province_id",
        commune="importer__commune_id",
        organisation="importer_id",
        roles=_SCOPE_ROLES,
    )
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("import surveillance event")
        verbose_name_plural = _("import surveillance events")
        ordering = ["-day", "-id"]
        indexes = [
            models.Index(fields=["importer", "goods_key", "day"], name="quality_impev_goods_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.day:%d/%m/%Y}"
