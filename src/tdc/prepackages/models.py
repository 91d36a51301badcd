"""Prepackaged goods: quantity inspections of lots, and the quantity mark (V).

The regulation's arithmetic is in ``rules/`` (pure functions over versioned data files); these
models keep what an inspection found, which rules version it used, and the registers of Group 1
self-declarations and Group 2 certificates (TT 21/2014/TT-BKHCN).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import AuditedModel, VersionedReference
from tdc.core.plausibility import Plausible
from tdc.core.roles import Role
from tdc.core.scoping import ScopedQuerySet, ScopeSpec
from tdc.prepackages.choices import (
    CertificationStatus,
    DeadlineUnit,
    DeclarationStatus,
    InspectionStatus,
    LotDecision,
    PackerRole,
    ProcedureStep,
    ProductCategory,
    QuantityKindChoice,
    RulesSource,
    TareMethodChoice,
    UnitChoice,
)

_PROVINCE_STAFF = {Role.PROVINCIAL_LEADER, Role.PROVINCIAL_OFFICER, Role.SYSTEM_ADMIN}
_FIELD_STAFF = {Role.PROVINCIAL_OFFICER, Role.INSPECTOR, Role.COMMUNE_OFFICER, Role.SYSTEM_ADMIN}
_SIGNERS = {Role.PROVINCIAL_LEADER, Role.SYSTEM_ADMIN}
#: Who reads the records: the province's staff and inspectors, national users, the commune's
#: officers (their commune) and the business the record is about.
_VIEWERS = {
    *_PROVINCE_STAFF,
    Role.NATIONAL_USER,
    Role.INSPECTOR,
    Role.COMMUNE_OFFICER,
    Role.BUSINESS_USER,
}


def _register_scope(party: str, *, archive: Iterable[str]) -> ScopeSpec:
    """Jurisdiction and roles of a quantity-mark register entry filed by ``party`` (the
    declarant or the applicant): the province's staff keep the register, its signers stamp or
    certify (``approve``)."""
    return ScopeSpec(
        province="province_id",
        commune=f"{party}__commune_id",
        organisation=f"{party}_id",
        roles={
            "view": _VIEWERS,
            "export": {*_PROVINCE_STAFF, Role.NATIONAL_USER},
            "create": _PROVINCE_STAFF,
            "change": _PROVINCE_STAFF,
            "approve": _SIGNERS,
            "archive": archive,
        },
    )


def _quantity(verbose_name: str | object, **kwargs: object) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=18, decimal_places=9, **kwargs)  # type: ignore[arg-type]


class ProvinceRulesSetting(AuditedModel):
    """The quantity-rules version a province's authority applies, overriding the deployment's
    default (``TDC_PREPACKAGE_RULES_VERSION``) for inspections started from then on."""

    province = models.OneToOneField(
        "places.Province",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="prepackage_rules_setting",
    )
    rules_version = models.CharField(
        _("rules version"),
        max_length=64,
        help_text=_("Id of a quantity-rules version (see the list of versions)."),
    )
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why this province applies this version.")
    )

    scope = ScopeSpec(
        province="province_id",
        roles={
            # Province-level configuration: commune officers have no province jurisdiction.
            "view": {*_PROVINCE_STAFF, Role.NATIONAL_USER, Role.INSPECTOR},
            "export": {*_PROVINCE_STAFF, Role.NATIONAL_USER},
            "create": _SIGNERS,
            "change": _SIGNERS,
        },
    )
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("province quantity-rules setting")
        verbose_name_plural = _("province quantity-rules settings")
        ordering = ["province_id"]

    def __str__(self) -> str:
        return f"{self.province}: {self.rules_version}"

    def get_absolute_url(self) -> str:
        return reverse("prepackages:rulessetting_detail", args=[self.pk])


class ProcedureDeadline(VersionedReference):
    """A time limit of the quantity-mark procedures (e.g. 5 working days to return the stamped
    declaration), with its legal basis, in force over a period."""

    step = models.CharField(_("procedure step"), max_length=48, choices=ProcedureStep.choices)
    amount = models.PositiveSmallIntegerField(_("amount"))
    unit = models.CharField(_("unit"), max_length=16, choices=DeadlineUnit.choices)
    count_from_receipt_day = models.BooleanField(
        _("count the day of receipt"),
        default=False,
        help_text=_("Whether the day the file arrives is day one (working days only)."),
    )

    class Meta(VersionedReference.Meta):
        verbose_name = _("quantity-mark procedure deadline")
        verbose_name_plural = _("quantity-mark procedure deadlines")
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
        return f"{self.get_step_display()}: {self.amount} {self.get_unit_display()}"


class QuantityInspection(AuditedModel):
    """A check of the quantity of one lot of prepackaged goods (TT 21/2014, OIML R 87 model).

    Stands alone or belongs to an inspection of the inspections module
    (``parent_inspection_ref``). Measurements are saved one by one while the inspector works;
    the decision is computed by the rules module once the sample is complete and stored with
    the version of the rules it used.
    """

    minutes_number = models.CharField(_("minutes number"), max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=InspectionStatus.choices, default=InspectionStatus.DRAFT
    )
    inspected_on = models.DateField(_("date of inspection"))
    # Product
    product_name = models.CharField(_("product"), max_length=255)
    product_category = models.CharField(
        _("product category"), max_length=32, choices=ProductCategory.choices
    )
    brand = models.CharField(_("brand"), max_length=150, blank=True)
    gtin = models.CharField(
        _("GTIN (barcode)"),
        max_length=14,
        blank=True,
        help_text=_("8, 12, 13 or 14 digits, as printed under the barcode; optional."),
    )
    # Packer or importer
    packer = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("packer or importer"),
        on_delete=models.PROTECT,
        related_name="quantity_inspections",
    )
    packer_role = models.CharField(
        _("role of the organisation"),
        max_length=16,
        choices=PackerRole.choices,
        default=PackerRole.PACKER,
    )
    # Place
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="quantity_inspections",
    )
    commune = models.ForeignKey(
        "places.Commune",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="quantity_inspections",
    )
    address = models.CharField(_("place of inspection"), max_length=255, blank=True)
    # Lot
    lot_code = models.CharField(_("lot code"), max_length=64, blank=True)
    production_date = models.DateField(_("production date"), null=True, blank=True)
    lot_size = models.PositiveIntegerField(
        _("lot size N"), help_text=_("Units in the lot (at a packer: one hour's output).")
    )
    quantity_kind = models.CharField(
        _("quantity stated"), max_length=16, choices=QuantityKindChoice.choices
    )
    nominal_quantity = _quantity(_("nominal quantity Qn"))
    unit = models.CharField(_("unit"), max_length=8, choices=UnitChoice.choices)
    tare_method = models.CharField(
        _("measurement"),
        max_length=16,
        choices=TareMethodChoice.choices,
        default=TareMethodChoice.NET,
    )
    tare_values = models.JSONField(
        _("tare sample"),
        default=list,
        blank=True,
        help_text=_("Tare readings of the tare sample (average-tare method), as decimal strings."),
    )
    # Rules and sample
    rules_version = models.CharField(_("rules version"), max_length=64)
    rules_source = models.CharField(
        _("rules version chosen by"), max_length=16, choices=RulesSource.choices
    )
    sample_size = models.PositiveIntegerField(_("sample size n"))
    sample_seed = models.BigIntegerField(
        _("random seed"), help_text=_("Draws the same sample positions again.")
    )
    sample_positions = models.JSONField(_("sample positions"), default=list)
    # Result
    decision = models.CharField(
        _("decision"), max_length=8, choices=LotDecision.choices, blank=True
    )
    tolerable_deficiency = _quantity(_("tolerable deficiency T"), null=True, blank=True)
    q_min = _quantity(_("Qmin = Qn − T"), null=True, blank=True)
    t1_count = models.PositiveIntegerField(_("units below Qmin (T1)"), null=True, blank=True)
    t2_count = models.PositiveIntegerField(_("units below Qn − 2T (T2)"), null=True, blank=True)
    mean = _quantity(_("mean"), null=True, blank=True)
    shortfall_percent = models.DecimalField(
        _("mean shortfall (% of Qn)"),
        max_digits=9,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("How far the mean is below Qn, in per cent; 0 when it reaches Qn."),
    )
    result = models.JSONField(_("evaluation"), default=dict, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    parent_inspection_ref = models.CharField(
        _("part of inspection"),
        max_length=100,
        blank=True,
        help_text=_("The inspection this check belongs to, as app.Model:pk; empty if alone."),
    )
    notes = models.TextField(_("notes"), blank=True)

    plausible = Plausible(
        positive=("nominal_quantity", "lot_size"), not_in_future=("inspected_on",)
    )

    scope = ScopeSpec(
        province="province_id",
        commune="commune_id",
        organisation="packer_id",
        roles={
            "view": _VIEWERS,
            "export": {*_PROVINCE_STAFF, Role.NATIONAL_USER, Role.INSPECTOR, Role.COMMUNE_OFFICER},
            "create": _FIELD_STAFF,
            "change": _FIELD_STAFF,
            "archive": _PROVINCE_STAFF,
        },
    )
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("quantity inspection")
        verbose_name_plural = _("quantity inspections")
        ordering = ["-inspected_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["minutes_number"],
                condition=~Q(minutes_number=""),
                name="%(app_label)s_%(class)s_unique_minutes_number",
                violation_error_message=_("Another inspection already has this minutes number."),
            ),
            models.CheckConstraint(
                condition=Q(lot_size__gte=1) & Q(sample_size__gte=1),
                name="%(app_label)s_%(class)s_positive_lot",
                violation_error_message=_("The lot and the sample must hold at least one unit."),
            ),
            models.CheckConstraint(
                condition=Q(nominal_quantity__gt=0),
                name="%(app_label)s_%(class)s_positive_nominal",
                violation_error_message=_("The nominal quantity must be greater than zero."),
            ),
        ]
        indexes = [
            # Inspection list of one province, newest first.
            models.Index(fields=["province", "-inspected_on"], name="prepack_insp_prov_date_idx"),
            # Trends and a packer's history panel: decided lots per packer by month.
            models.Index(fields=["packer", "inspected_on"], name="prepack_insp_packer_date_idx"),
        ]

    def __str__(self) -> str:
        label = self.minutes_number or _("draft no. {pk}").format(pk=self.pk)
        return f"{label} · {self.product_name}"

    def get_absolute_url(self) -> str:
        return reverse("prepackages:inspection_detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == InspectionStatus.DRAFT


class QuantityMeasurement(models.Model):
    """The reading of one sampled unit, saved as soon as the inspector enters it."""

    id = models.BigAutoField(primary_key=True)
    inspection = models.ForeignKey(
        QuantityInspection,
        verbose_name=_("inspection"),
        on_delete=models.CASCADE,
        related_name="measurements",
    )
    position = models.PositiveIntegerField(
        _("sample no."), help_text=_("1 to n, in the order of the sample positions.")
    )
    unit_position = models.PositiveIntegerField(_("unit position in the lot"))
    value = _quantity(_("reading"))
    tare = _quantity(_("tare of this unit"), null=True, blank=True)
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("quantity measurement")
        verbose_name_plural = _("quantity measurements")
        ordering = ["inspection", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "position"],
                name="%(app_label)s_%(class)s_unique_position",
                violation_error_message=_("This sample unit already has a reading."),
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="%(app_label)s_%(class)s_non_negative",
                violation_error_message=_("A reading cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.position}: {self.value}"


class MarkDeclaration(AuditedModel):
    """A Group 1 self-declaration of the quantity mark (Mẫu 1. CBDĐL), as kept in the
    authority's receipt register: received, checked within 3 working days, stamped and
    returned within 5 working days."""

    receipt_number = models.CharField(_("receipt number"), max_length=64, blank=True)
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
        related_name="mark_declarations",
    )
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("receiving authority's province"),
        on_delete=models.PROTECT,
        related_name="mark_declarations",
    )
    products = models.TextField(
        _("goods declared"),
        help_text=_("One line per product: name and nominal quantity (e.g. “Nước mắm 500 mL”)."),
    )
    received_on = models.DateField(_("received on"))
    notice_due = models.DateField(_("incomplete-file notice due"), null=True, blank=True)
    stamp_due = models.DateField(_("stamped receipt due"), null=True, blank=True)
    completion_due = models.DateField(_("declarant to complete by"), null=True, blank=True)
    deadline_versions = models.JSONField(_("deadline rules used"), default=list, blank=True)
    notice_sent_on = models.DateField(_("incomplete-file notice sent on"), null=True, blank=True)
    missing_items = models.TextField(_("missing items"), blank=True)
    completed_on = models.DateField(_("file completed on"), null=True, blank=True)
    accepted_on = models.DateField(_("stamped on"), null=True, blank=True)
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("re-declaration of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="redeclarations",
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    close_reason = models.TextField(_("reason"), blank=True)

    scope = _register_scope("declarant", archive=_PROVINCE_STAFF)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("quantity-mark declaration")
        verbose_name_plural = _("quantity-mark declarations")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["receipt_number"],
                condition=~Q(receipt_number=""),
                name="%(app_label)s_%(class)s_unique_receipt_number",
                violation_error_message=_("Another declaration already has this receipt number."),
            ),
        ]
        indexes = [
            # Receipt register of one province, newest first.
            models.Index(fields=["province", "-received_on"], name="prepack_decl_prov_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.receipt_number or '—'} · {self.declarant_id and self.declarant}"

    def get_absolute_url(self) -> str:
        return reverse("prepackages:declaration_detail", args=[self.pk])


class MarkCertification(AuditedModel):
    """A Group 2 certification file and the certificate it leads to (Mẫu 2. ĐNCN → Mẫu 4.GCN):
    valid 5 years, re-certification requested at least 3 months before expiry, suspension up to
    6 months, revocation."""

    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CertificationStatus.choices,
        default=CertificationStatus.RECEIVED,
    )
    applicant = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="mark_certifications",
    )
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("certifying authority's province"),
        on_delete=models.PROTECT,
        related_name="mark_certifications",
    )
    products = models.TextField(_("goods"), help_text=_("One line per product and Qn."))
    received_on = models.DateField(_("file received on"))
    notice_due = models.DateField(_("incomplete-file notice due"), null=True, blank=True)
    completion_due = models.DateField(_("applicant to complete by"), null=True, blank=True)
    notice_sent_on = models.DateField(_("incomplete-file notice sent on"), null=True, blank=True)
    missing_items = models.TextField(_("missing items"), blank=True)
    completed_on = models.DateField(_("file complete on"), null=True, blank=True)
    team_due = models.DateField(_("assessment team due"), null=True, blank=True)
    issue_due = models.DateField(_("certificate due"), null=True, blank=True)
    deadline_versions = models.JSONField(_("deadline rules used"), default=list, blank=True)
    assessment_team = models.JSONField(
        _("assessment team"),
        default=list,
        blank=True,
        help_text=_("At least two trained assessors: name and role of each."),
    )
    team_set_on = models.DateField(_("team set up on"), null=True, blank=True)
    assessed_on = models.DateField(_("assessed on site on"), null=True, blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=64, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    reminder_sent_on = models.DateField(
        _("re-certification reminder sent on"), null=True, blank=True
    )
    suspended_until = models.DateField(_("suspended until"), null=True, blank=True)
    renewal_of = models.ForeignKey(
        "self",
        verbose_name=_("re-certification of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="renewals",
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    close_reason = models.TextField(_("reason"), blank=True)

    scope = _register_scope("applicant", archive=_SIGNERS)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("quantity-mark certification")
        verbose_name_plural = _("quantity-mark certifications")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate_number"],
                condition=~Q(certificate_number=""),
                name="%(app_label)s_%(class)s_unique_certificate_number",
                violation_error_message=_("Another certificate already has this number."),
            ),
        ]
        indexes = [
            # Daily reminder run: certificates in force by expiry date.
            models.Index(
                fields=["valid_until"],
                condition=Q(status="certified"),
                name="prepack_cert_valid_until_idx",
            ),
        ]

    def __str__(self) -> str:
        number = self.certificate_number or _("file no. {pk}").format(pk=self.pk)
        return f"{number} · {self.applicant_id and self.applicant}"

    def get_absolute_url(self) -> str:
        return reverse("prepackages:certification_detail", args=[self.pk])
