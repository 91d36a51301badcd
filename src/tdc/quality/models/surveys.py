"""Quality surveys and testing: QCVN indicator limits (reference data), survey plans, samples
taken at businesses with their sampling, sealing and hand-over records, lab assignments and
per-indicator results with their verdicts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import AuditedModel, VersionedReference
from tdc.core.roles import Role
from tdc.core.scoping import ScopedQuerySet, ScopeSpec
from tdc.quality.choices import (
    DecisionRuleChoice,
    ProductGroup,
    SampleStatus,
    SurveyStatus,
    VerdictChoice,
)
from tdc.quality.models.bodies import ConformityBody
from tdc.quality.models.common import PROVINCE_STAFF, SIGNERS
from tdc.quality.models.warnings import QualityWarning

_ROLES = {
    "view": {*PROVINCE_STAFF, Role.NATIONAL_USER, Role.INSPECTOR},
    "export": {*PROVINCE_STAFF, Role.NATIONAL_USER},
    "create": PROVINCE_STAFF,
    "change": PROVINCE_STAFF,
    "approve": SIGNERS,
}


class IndicatorLimit(VersionedReference):
    """One indicator's limit in a technical regulation (QCVN), in force over a period: the
    unit, the minimum and/or maximum, and the test method the regulation names."""

    product_group = models.CharField(
        _("product group"), max_length=16, choices=ProductGroup.choices
    )
    qcvn = models.CharField(_("technical regulation"), max_length=100)
    code = models.SlugField(_("indicator code"), max_length=48)
    indicator = models.CharField(_("indicator"), max_length=255)
    unit = models.CharField(_("unit"), max_length=24)
    minimum = models.DecimalField(
        _("minimum"), max_digits=14, decimal_places=6, null=True, blank=True
    )
    maximum = models.DecimalField(
        _("maximum"), max_digits=14, decimal_places=6, null=True, blank=True
    )
    method = models.CharField(_("test method"), max_length=255, blank=True)

    class Meta(VersionedReference.Meta):
        verbose_name = _("QCVN indicator limit")
        verbose_name_plural = _("QCVN indicator limits")
        ordering = ["qcvn", "code", "effective_from"]
        constraints = [
            *VersionedReference.Meta.constraints,
            models.UniqueConstraint(
                fields=["qcvn", "code", "effective_from"],
                name="%(app_label)s_%(class)s_unique_version",
                violation_error_message=_(
                    "This indicator already has a limit from that day; edit that row."
                ),
            ),
            models.CheckConstraint(
                condition=Q(minimum__isnull=False) | Q(maximum__isnull=False),
                name="%(app_label)s_%(class)s_has_a_bound",
                violation_error_message=_("Give a minimum, a maximum or both."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.qcvn} · {self.indicator} ({self.unit})"

    @property
    def bounds(self) -> str:
        low = "" if self.minimum is None else f"≥ {self.minimum.normalize():f}"
        high = "" if self.maximum is None else f"≤ {self.maximum.normalize():f}"
        return " ; ".join(filter(None, [low, high]))


class SurveyPlan(AuditedModel):
    """The province's plan to survey the quality of goods in circulation in a year: which
    product groups, in which communes, on what legal basis, and the decision rule its results
    are judged by; approved by a leader before samples are taken."""

    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="quality_survey_plans",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=255)
    product_groups = models.JSONField(_("product groups"), default=list)
    communes = models.ManyToManyField(
        "places.Commune",
        verbose_name=_("communes"),
        blank=True,
        related_name="quality_survey_plans",
    )
    legal_basis = models.TextField(_("legal basis"))
    decision_rule = models.CharField(
        _("decision rule"),
        max_length=8,
        choices=DecisionRuleChoice.choices,
        default=DecisionRuleChoice.SIMPLE,
        help_text=_("How the laboratory's measurement uncertainty enters the verdict."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)

    scope = ScopeSpec(province="province_id", roles=_ROLES)
    objects = ScopedQuerySet.as_manager()

    FIELDS = ("year", "title", "product_groups", "legal_basis", "decision_rule")

    class Meta:
        verbose_name = _("quality survey plan")
        verbose_name_plural = _("quality survey plans")
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    def get_absolute_url(self) -> str:
        return reverse("quality:survey_detail", args=[self.pk])


class Sample(AuditedModel):
    """A sample taken at a business under a survey plan, with its sampling record (biên bản
    lấy mẫu), its seal (niêm phong) and its hand-over to a laboratory (biên bản bàn giao), and
    the verdict once the laboratory's results are in."""

    plan = models.ForeignKey(
        SurveyPlan, verbose_name=_("survey plan"), on_delete=models.PROTECT, related_name="samples"
    )
    number = models.CharField(_("sampling record number"), max_length=64, blank=True)
    business = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("business sampled"),
        on_delete=models.PROTECT,
        related_name="quality_samples",
    )
    product_group = models.CharField(
        _("product group"), max_length=16, choices=ProductGroup.choices
    )
    qcvn = models.CharField(_("technical regulation"), max_length=100)
    product = models.CharField(_("product"), max_length=255)
    brand = models.CharField(_("brand"), max_length=150, blank=True)
    batch = models.CharField(_("batch or lot"), max_length=100, blank=True)
    gtin = models.CharField(_("GTIN (barcode)"), max_length=14, blank=True)
    place = models.CharField(_("place of sampling"), max_length=255)
    sampled_on = models.DateField(_("sampled on"))
    quantity = models.CharField(_("quantity taken"), max_length=100)
    sampler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sampled by"),
        on_delete=models.PROTECT,
        related_name="quality_samples_taken",
    )
    seal_number = models.CharField(_("seal number"), max_length=64, blank=True)
    sealed_on = models.DateField(_("sealed on"), null=True, blank=True)
    seal_record_number = models.CharField(_("sealing record number"), max_length=64, blank=True)
    handover_record_number = models.CharField(
        _("hand-over record number"), max_length=64, blank=True
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SampleStatus.choices, default=SampleStatus.SAMPLED
    )
    verdict = models.CharField(
        _("verdict"), max_length=16, choices=VerdictChoice.choices, blank=True
    )
    verdict_on = models.DateField(_("verdict given on"), null=True, blank=True)
    decision_rule = models.CharField(
        _("decision rule applied"), max_length=8, choices=DecisionRuleChoice.choices, blank=True
    )
    inspection_referral = models.CharField(
        _("inspection target"),
        max_length=100,
        blank=True,
        help_text=_("The inspections module's referral created from a non-conforming verdict."),
    )
    warning = models.ForeignKey(
        QualityWarning,
        verbose_name=_("quality warning"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="samples",
    )

    scope = ScopeSpec(province="plan__province_id", commune="business__commune_id", roles=_ROLES)
    objects = ScopedQuerySet.as_manager()

    #: What the sampler records on the spot (form, serializer, service).
    FIELDS = (
        "business",
        "product_group",
        "qcvn",
        "product",
        "brand",
        "batch",
        "gtin",
        "place",
        "sampled_on",
        "quantity",
    )

    class Meta:
        verbose_name = _("survey sample")
        verbose_name_plural = _("survey samples")
        ordering = ["-sampled_on", "-id"]
        indexes = [
            # The samples list filtered by status and the risk factor "non-conforming samples".
            models.Index(fields=["status", "verdict"], name="quality_sample_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.number or _('(not numbered)')} {self.product}"

    def get_absolute_url(self) -> str:
        return reverse("quality:sample_detail", args=[self.pk])


class LabAssignment(AuditedModel):
    """The hand-over of a sealed sample to a testing laboratory in scope for its QCVN."""

    sample = models.OneToOneField(
        Sample, verbose_name=_("sample"), on_delete=models.PROTECT, related_name="assignment"
    )
    lab = models.ForeignKey(
        ConformityBody,
        verbose_name=_("laboratory"),
        on_delete=models.PROTECT,
        related_name="survey_assignments",
    )
    handed_over_on = models.DateField(_("handed over on"))
    report_number = models.CharField(_("test report number"), max_length=64, blank=True)
    reported_on = models.DateField(_("test report date"), null=True, blank=True)

    class Meta:
        verbose_name = _("laboratory assignment")
        verbose_name_plural = _("laboratory assignments")

    def __str__(self) -> str:
        return f"{self.sample} → {self.lab.name}"


class LabResult(models.Model):
    """One indicator's measured value with its expanded uncertainty, judged against the limit in
    force on the sampling day under the survey's decision rule (both stated with the result)."""

    sample = models.ForeignKey(
        Sample, verbose_name=_("sample"), on_delete=models.CASCADE, related_name="results"
    )
    limit = models.ForeignKey(
        IndicatorLimit,
        verbose_name=_("limit"),
        on_delete=models.PROTECT,
        related_name="results",
    )
    value = models.DecimalField(_("measured value"), max_digits=14, decimal_places=6)
    unit = models.CharField(_("unit as reported"), max_length=24)
    uncertainty = models.DecimalField(
        _("expanded uncertainty U"), max_digits=14, decimal_places=6, default=0
    )
    value_in_limit_unit = models.DecimalField(
        _("value in the limit's unit"), max_digits=20, decimal_places=8
    )
    decision_rule = models.CharField(
        _("decision rule"), max_length=8, choices=DecisionRuleChoice.choices
    )
    verdict = models.CharField(_("verdict"), max_length=16, choices=VerdictChoice.choices)
    in_guard_band = models.BooleanField(_("in the guard band"), default=False)
    limit_version = models.CharField(_("limit version"), max_length=100)

    class Meta:
        verbose_name = _("laboratory result")
        verbose_name_plural = _("laboratory results")
        ordering = ["sample", "limit__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["sample", "limit"],
                name="%(app_label)s_%(class)s_one_per_indicator",
                violation_error_message=_("This indicator already has a result for the sample."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.limit.indicator}: {self.value} {self.unit}"
