"""Annual inspection plans and their campaigns, targets and teams."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import AuditedModel
from tdc.core.scoping import ScopedQuerySet, ScopeSpec
from tdc.inspections.choices import CampaignKind, InspectionArea, PlanStatus
from tdc.inspections.models.base import (
    APPROVERS,
    PLANNERS,
    READERS,
    TeamMember,
    one_membership,
    team_officer,
)


class InspectionPlan(AuditedModel):
    """The province's annual inspection plan: drafted by officers, approved by a leader."""

    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="inspection_plans",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title"), max_length=255)
    legal_basis = models.TextField(
        _("legal basis"),
        blank=True,
        help_text=_("The laws, decrees and directives the plan carries out."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope = ScopeSpec(
        province="province_id",
        roles={
            "view": READERS,
            "export": READERS,
            "create": PLANNERS,
            "change": PLANNERS,
            "archive": PLANNERS,
            "approve": APPROVERS,
        },
    )
    objects = ScopedQuerySet.as_manager()

    #: What the officers write (form, API, service); the approval steps set the rest.
    EDIT_FIELDS: ClassVar = ("province", "year", "title", "legal_basis")
    #: What the plan's page shows.
    DETAIL_FIELDS: ClassVar = (
        *EDIT_FIELDS,
        "status",
        "return_reason",
        "approved_by",
        "approved_at",
    )

    class Meta:
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")
        ordering = ["-year", "title", "id"]
        indexes = [
            # Plan list of one province, newest year first.
            models.Index(fields=["province", "-year"], name="insp_plan_prov_year_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    def get_absolute_url(self) -> str:
        return reverse("inspections:plan_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in {PlanStatus.DRAFT, PlanStatus.RETURNED}


class Campaign(AuditedModel):
    """A thematic or surprise campaign of a plan: one area, its targets, its team, its dates."""

    plan = models.ForeignKey(
        InspectionPlan,
        verbose_name=_("plan"),
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(
        _("kind"), max_length=16, choices=CampaignKind.choices, default=CampaignKind.THEMATIC
    )
    area = models.CharField(_("area"), max_length=32, choices=InspectionArea.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    notes = models.TextField(_("notes"), blank=True)

    scope = ScopeSpec(
        province="plan__province_id",
        roles={
            "view": READERS,
            "export": READERS,
            "create": PLANNERS,
            "change": PLANNERS,
            "archive": PLANNERS,
        },
    )
    objects = ScopedQuerySet.as_manager()

    #: What the officers write (form, API, service).
    EDIT_FIELDS: ClassVar = ("title", "kind", "area", "start_date", "end_date", "notes")

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="%(app_label)s_%(class)s_dates_in_order",
                violation_error_message=_(
                    "The campaign ends before it starts: correct one of the dates."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("inspections:campaign_detail", args=[self.pk])


class CampaignTarget(models.Model):
    """An organisation a campaign will inspect, with why it was chosen."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="targets"
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="campaign_targets",
    )
    reason = models.CharField(
        _("reason for choosing"),
        max_length=255,
        blank=True,
        help_text=_("E.g. the risk score and its main factors, or a verified complaint."),
    )
    risk_score = models.DecimalField(
        _("risk score"), max_digits=9, decimal_places=3, null=True, blank=True
    )
    risk_weights_version = models.CharField(_("risk weights version"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("campaign target")
        verbose_name_plural = _("campaign targets")
        ordering = ["organisation__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "organisation"],
                name="%(app_label)s_%(class)s_unique_target",
                violation_error_message=_("This organisation is already a target of the campaign."),
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class CampaignTeamMember(TeamMember):
    """A member of a campaign's team and their role (head or member)."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="team"
    )
    user = team_officer("campaign_memberships")

    class Meta(TeamMember.Meta):
        verbose_name = _("campaign team member")
        verbose_name_plural = _("campaign team members")
        constraints = [one_membership("campaign")]
