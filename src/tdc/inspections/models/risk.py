"""Risk-scoring weights (versioned reference data) and other agencies' inspections."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import AuditedModel
from tdc.core.roles import Role
from tdc.core.scoping import ScopedQuerySet, ScopeSpec
from tdc.inspections.models.base import FIELD_READERS, FIELD_STAFF, PLANNERS, CodedRule


def _weight(label: Any, default: str, help_text: Any = "") -> Any:
    return models.DecimalField(
        label, max_digits=9, decimal_places=3, default=Decimal(default), help_text=help_text
    )


class RiskWeights(CodedRule):
    """One version of the weights of the risk score used to choose inspection targets.

    The score of an organisation is the sum of weight × factor; the ranked list shows each
    contribution and the ``version_label`` of the weights used. A system administrator corrects
    a version or starts a new one from a date (audited, ``tdc.core.refdata``).
    """

    complaint_weight = _weight(_("weight per verified complaint"), "3")
    violation_weight = _weight(
        _("weight per past violation"),
        "5",
        _("Each violation counts 0.5^(age / half-life): recent ones weigh more."),
    )
    violation_half_life_days = models.PositiveIntegerField(
        _("half-life of a violation (days)"), default=365
    )
    overdue_instrument_weight = _weight(_("weight per overdue instrument"), "1")
    rejected_check_weight = _weight(_("weight per rejected quantity check"), "4")
    years_since_inspection_weight = _weight(
        _("weight per year since the last inspection"),
        "1",
        _("Years are capped (below); never inspected counts as the cap."),
    )
    years_since_inspection_cap = _weight(_("cap on years since the last inspection"), "5")
    size_weight = _weight(
        _("weight of size"), "0.5", _("Multiplies log2(1 + number of instruments registered).")
    )
    referral_weight = _weight(
        _("weight per open referral"),
        "6",
        _(
            "A referral is a business another module proposes as a target, e.g. after a "
            "non-conforming survey sample."
        ),
    )
    lookback_days = models.PositiveIntegerField(
        _("look-back period (days)"),
        default=1095,
        help_text=_("Complaints, violations and quantity checks older than this are ignored."),
    )

    class Meta(CodedRule.Meta):
        verbose_name = _("risk-score weights")
        verbose_name_plural = _("risk-score weights")


class ExternalInspection(AuditedModel):
    """An inspection of a business by another agency (market management, police, health…),
    recorded so that plans do not duplicate it (de-confliction)."""

    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("organisation inspected"),
        on_delete=models.PROTECT,
        related_name="external_inspections",
    )
    agency = models.CharField(_("agency"), max_length=255)
    inspected_on = models.DateField(_("date of inspection"))
    subject = models.CharField(_("subject"), max_length=255)
    reference = models.CharField(
        _("reference"), max_length=100, blank=True, help_text=_("Decision or record number.")
    )
    notes = models.TextField(_("notes"), blank=True)

    scope = ScopeSpec(
        province="organisation__province_id",
        commune="organisation__commune_id",
        roles={
            "view": FIELD_READERS,
            "export": FIELD_READERS,
            "create": FIELD_STAFF,
            "change": PLANNERS | {Role.INSPECTOR},
            "archive": PLANNERS,
        },
    )
    objects = ScopedQuerySet.as_manager()

    #: What the officers write (form, API, service) and the record's page shows.
    EDIT_FIELDS: ClassVar = (
        "organisation",
        "agency",
        "inspected_on",
        "subject",
        "reference",
        "notes",
    )

    class Meta:
        verbose_name = _("other agency's inspection")
        verbose_name_plural = _("other agencies' inspections")
        ordering = ["-inspected_on", "-id"]
        indexes = [
            # De-confliction panel: inspections of one organisation in the last 12 months.
            models.Index(fields=["organisation", "-inspected_on"], name="insp_ext_org_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.inspected_on:%d/%m/%Y} · {self.organisation}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:external_detail", args=[self.pk])


class TargetReferral(models.Model):
    """A business another module proposes as an inspection target, with the finding behind it
    (e.g. a survey sample that failed its QCVN limits). Open referrals raise the business's risk
    score; planners take them into a campaign or close them."""

    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="target_referrals",
    )
    source = models.CharField(
        _("source record"), max_length=100, help_text=_("The finding's record, ``app.Model:pk``.")
    )
    source_label = models.CharField(_("finding"), max_length=255)
    reason = models.TextField(_("reason"))
    raised_on = models.DateField(_("raised on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    scope = ScopeSpec(
        province="organisation__province_id",
        commune="organisation__commune_id",
        roles={"view": FIELD_READERS, "export": FIELD_READERS, "create": PLANNERS},
    )
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection target referral")
        verbose_name_plural = _("inspection target referrals")
        ordering = ["-raised_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source"],
                name="%(app_label)s_%(class)s_one_per_finding",
                violation_error_message=_("This finding has already been referred."),
            )
        ]
        indexes = [
            # Risk ranking: open referrals of many organisations at once.
            models.Index(fields=["organisation", "raised_on"], name="insp_referral_org_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.source_label}"
