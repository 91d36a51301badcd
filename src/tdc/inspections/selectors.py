"""Reads of the inspections module, always scoped to the user."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Prefetch, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.core.models import ReferenceConfidence
from tdc.core.prerequisites import Prerequisite, fix_link
from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet, get_for_user_or_404, user_may
from tdc.inspections import sources
from tdc.inspections.choices import InspectionArea, PaymentStatus, PlanStatus
from tdc.inspections.models import (
    Campaign,
    CampaignTarget,
    CampaignTeamMember,
    ChecklistAnswer,
    ChecklistItem,
    ExternalInspection,
    FineRule,
    Inspection,
    InspectionPlan,
    ProfitFineRule,
    RiskWeights,
    SanctionDecision,
    TargetReferral,
    Violation,
    ViolationType,
)
from tdc.inspections.rules import fines as fine_rules
from tdc.inspections.rules import risk as risk_rules

# --- Plans and campaigns -------------------------------------------------------------------


def plan_base() -> ScopedQuerySet[InspectionPlan]:
    return InspectionPlan.objects.select_related("province", "approved_by")


def plan_list(*, user: Any, action: str = Action.VIEW) -> QuerySet[InspectionPlan]:
    return plan_base().for_user(user, action)


def plan_get_for_user(*, user: Any, pk: Any, action: str = Action.VIEW) -> InspectionPlan:
    return get_for_user_or_404(plan_base(), user, action, pk=pk)


def campaign_base() -> ScopedQuerySet[Campaign]:
    return Campaign.objects.select_related("plan", "plan__province").prefetch_related(
        Prefetch("targets", queryset=CampaignTarget.objects.select_related("organisation")),
        Prefetch("team", queryset=CampaignTeamMember.objects.select_related("user")),
    )


def campaign_get_for_user(*, user: Any, pk: Any, action: str = Action.VIEW) -> Campaign:
    return get_for_user_or_404(campaign_base(), user, action, pk=pk)


def campaign_list(*, user: Any, action: str = Action.VIEW) -> QuerySet[Campaign]:
    return Campaign.objects.select_related("plan", "plan__province").for_user(user, action)


# --- Inspections ---------------------------------------------------------------------------


def inspection_base() -> ScopedQuerySet[Inspection]:
    return Inspection.objects.select_related("organisation", "province", "commune", "campaign")


def inspection_list(*, user: Any, action: str = Action.VIEW) -> QuerySet[Inspection]:
    return inspection_base().for_user(user, action)


def inspection_get_for_user(*, user: Any, pk: Any, action: str = Action.VIEW) -> Inspection:
    return get_for_user_or_404(inspection_base(), user, action, pk=pk)


def user_may_change(user: Any, obj: Any) -> bool:
    return bool(type(obj)._default_manager.filter(pk=obj.pk).for_user(user, Action.CHANGE).exists())


def checklist_items(area: str, on: dt.date) -> list[ChecklistItem]:
    """The checklist of an area in force on a day."""
    return list(ChecklistItem.objects.in_force_on(on).filter(area=area).order_by("order", "code"))


def checklist_rows(inspection: Inspection) -> list[dict[str, Any]]:
    """Each item of the inspection's checklist with its answer (or none yet)."""
    answers = {
        a.item_id: a for a in ChecklistAnswer.objects.filter(inspection=inspection).order_by()
    }
    return [
        {"item": item, "answer": answers.get(item.pk)}
        for item in checklist_items(inspection.area, inspection.inspected_on)
    ]


def violation_list(*, user: Any, action: str = Action.VIEW) -> QuerySet[Violation]:
    """Violations in the user's scope, newest first."""
    return Violation.objects.select_related("violation_type").for_user(user, action).order_by("-id")


def inspection_violations(inspection: Inspection) -> list[Violation]:
    return list(
        Violation.objects.filter(inspection=inspection)
        .select_related("violation_type")
        .order_by("id")
    )


# --- Catalogue -----------------------------------------------------------------------------


def violation_type_in_force(code: str, on: dt.date) -> ViolationType:
    """The catalogue row for ``code`` in force on the violation date, or a clear refusal."""
    row = (
        ViolationType.objects.in_force_on(on).filter(code=code).order_by("-effective_from").first()
    )
    if row is None:
        raise ValidationError(
            {
                "violation_type": _(
                    "The act “{code}” is not in the violations catalogue in force on {day}; "
                    "choose an act from the catalogue or check the date of the violation."
                ).format(code=code, day=on.strftime("%d/%m/%Y"))
            }
        )
    return row


def violation_type_list() -> QuerySet[ViolationType]:
    """Every version of every act of the catalogue."""
    return ViolationType.objects.order_by("article", "clause", "point", "code", "effective_from")


def violation_types_in_force(on: dt.date, area: str | None = None) -> QuerySet[ViolationType]:
    rows = ViolationType.objects.in_force_on(on)
    if area:
        rows = rows.filter(area=area)
    return rows.order_by("article", "clause", "point", "code")


def fine_rule_on(on: dt.date) -> tuple[fine_rules.PositionRule, str]:
    row = FineRule.objects.in_force_on(on).order_by("-effective_from").first()
    if row is None:
        return fine_rules.PositionRule(), ""
    return (
        fine_rules.PositionRule(
            base=row.base_position,
            one_factor=row.one_factor_position,
            two_factors=row.two_factor_position,
            offsetting=row.offsetting,
        ),
        row.version_label,
    )


def profit_fine_rule_on(
    on: dt.date, *, organisation: bool
) -> tuple[fine_rules.ProfitMultipleRule, ProfitFineRule] | None:
    """The fine-above-the-tiers rule in force on ``on`` for the offender's kind, with its row."""
    row = ProfitFineRule.objects.in_force_on(on).order_by("-effective_from").first()
    if row is None:
        return None
    limit = row.max_fine_organisation if organisation else row.max_fine_individual
    rule = fine_rules.ProfitMultipleRule(
        max_fine=limit, multiple_min=row.multiple_min, multiple_max=row.multiple_max
    )
    return rule, row


def fine_rule_unconfirmed_on(on: dt.date) -> bool:
    """Whether the fine rule in force on ``on`` is marked unconfirmed (issue 11)."""
    row = FineRule.objects.in_force_on(on).order_by("-effective_from").first()
    return row is not None and row.confidence == ReferenceConfidence.UNCONFIRMED


# --- Sanctions -----------------------------------------------------------------------------


def decision_base() -> ScopedQuerySet[SanctionDecision]:
    return SanctionDecision.objects.select_related(
        "inspection", "inspection__organisation", "inspection__province", "inspection__commune"
    )


def decision_list(*, user: Any, action: str = Action.VIEW) -> QuerySet[SanctionDecision]:
    return decision_base().for_user(user, action)


def decision_get_for_user(*, user: Any, pk: Any, action: str = Action.VIEW) -> SanctionDecision:
    return get_for_user_or_404(decision_base(), user, action, pk=pk)


def external_base() -> ScopedQuerySet[ExternalInspection]:
    return ExternalInspection.objects.select_related("organisation")


def external_list(*, user: Any, action: str = Action.VIEW) -> QuerySet[ExternalInspection]:
    return external_base().for_user(user, action)


def external_get_for_user(*, user: Any, pk: Any, action: str = Action.VIEW) -> ExternalInspection:
    return get_for_user_or_404(external_base(), user, action, pk=pk)


# --- De-confliction ------------------------------------------------------------------------


@dataclass(frozen=True)
class RecentInspection:
    """An inspection of the business by us or another agency."""

    agency: str
    inspected_on: dt.date
    subject: str
    reference: str
    ours: bool


def recent_inspections(
    organisation_id: int, *, today: dt.date | None = None, months: int = 12
) -> list[RecentInspection]:
    """Who inspected this business in the last 12 months (our inspections and other agencies').

    Not scoped by the caller's jurisdiction on purpose: the warning must show even an inspection
    recorded by another commune, though only its date, agency and reference are shown.
    """
    today = today or timezone.localdate()
    since = today - dt.timedelta(days=round(months * 30.44))
    ours = [
        RecentInspection(
            agency=_("This authority"),
            inspected_on=row.inspected_on,
            subject=row.get_area_display(),
            reference=row.decision_number,
            ours=True,
        )
        for row in Inspection.objects.filter(
            organisation_id=organisation_id, inspected_on__gte=since, inspected_on__lte=today
        ).only("inspected_on", "area", "decision_number")
    ]
    theirs = [
        RecentInspection(
            agency=row.agency,
            inspected_on=row.inspected_on,
            subject=row.subject,
            reference=row.reference,
            ours=False,
        )
        for row in ExternalInspection.objects.filter(
            organisation_id=organisation_id, inspected_on__gte=since, inspected_on__lte=today
        ).only("agency", "inspected_on", "subject", "reference")
    ]
    return sorted(ours + theirs, key=lambda r: r.inspected_on, reverse=True)


def campaign_conflicts(campaign: Campaign) -> dict[int, list[RecentInspection]]:
    """Targets of the campaign inspected in the 12 months before it starts, by organisation."""
    conflicts: dict[int, list[RecentInspection]] = {}
    for target in campaign.targets.all():
        found = recent_inspections(target.organisation_id, today=campaign.start_date)
        if found:
            conflicts[target.organisation_id] = found
    return conflicts


# --- Risk ----------------------------------------------------------------------------------


def risk_weights_on(on: dt.date, code: str = "default") -> RiskWeights:
    row = RiskWeights.objects.in_force_on(on).filter(code=code).order_by("-effective_from").first()
    if row is None:
        raise ValidationError(
            _(
                "No risk-score weights are in force on {day}; ask an administrator to load the "
                "reference data (tdc load_reference) or add a version."
            ).format(day=on.strftime("%d/%m/%Y"))
        )
    return row


def weights_of(row: RiskWeights) -> risk_rules.Weights:
    return risk_rules.Weights(
        complaint=row.complaint_weight,
        violation=row.violation_weight,
        violation_half_life_days=row.violation_half_life_days,
        overdue_instrument=row.overdue_instrument_weight,
        rejected_check=row.rejected_check_weight,
        years_since_inspection=row.years_since_inspection_weight,
        years_since_inspection_cap=row.years_since_inspection_cap,
        size=row.size_weight,
        referral=row.referral_weight,
        version=row.version_label,
    )


@dataclass(frozen=True)
class RankedOrganisation:
    organisation: Any
    score: risk_rules.RiskScore
    recent: int = 0


def risk_ranking(
    *,
    user: Any,
    today: dt.date | None = None,
    weights: RiskWeights | None = None,
    organisations: QuerySet[Any] | None = None,
    limit: int = 100,
) -> tuple[list[RankedOrganisation], RiskWeights]:
    """Organisations of the user's jurisdiction ranked by risk score, highest first."""
    from tdc.registry.selectors import organisation_list

    today = today or timezone.localdate()
    row = weights or risk_weights_on(today)
    rule_weights = weights_of(row)
    since = today - dt.timedelta(days=row.lookback_days)
    orgs = list(
        (organisations if organisations is not None else organisation_list(user=user))
        .filter(merged_into__isnull=True)
        .order_by("id")[:5000]
    )
    ids = [org.pk for org in orgs]
    complaints = sources.verified_complaint_counts(ids, since)
    instruments = sources.instrument_counts(ids, today)
    rejected = sources.rejected_check_counts(ids, since)
    referrals = open_referral_counts(ids, since)
    last_ours = dict(
        Inspection.objects.filter(organisation_id__in=ids)
        .order_by()
        .values_list("organisation_id")
        .annotate(last=Max("inspected_on"))
    )
    violation_dates: dict[int, list[dt.date]] = {}
    for org_id, day in (
        Violation.objects.filter(inspection__organisation_id__in=ids, committed_on__gte=since)
        .order_by()
        .values_list("inspection__organisation_id", "committed_on")
    ):
        violation_dates.setdefault(org_id, []).append(day)
    ranked = []
    for org in orgs:
        total, overdue = instruments.get(org.pk, (0, 0))
        inputs = risk_rules.RiskInputs(
            verified_complaints=complaints.get(org.pk, 0),
            violation_dates=violation_dates.get(org.pk, ()),
            overdue_instruments=overdue,
            rejected_checks=rejected.get(org.pk, 0),
            last_inspected_on=last_ours.get(org.pk),
            instruments=total,
            open_referrals=referrals.get(org.pk, 0),
        )
        ranked.append(RankedOrganisation(org, risk_rules.score(inputs, rule_weights, today=today)))
    ranked.sort(key=lambda r: (-r.score.total, r.organisation.name))
    return ranked[:limit], row


def open_referral_counts(org_ids: list[int], since: dt.date) -> dict[int, int]:
    """Open target referrals per organisation raised since ``since``."""
    rows = (
        TargetReferral.objects.filter(
            organisation_id__in=org_ids, closed_on__isnull=True, raised_on__gte=since
        )
        .order_by()
        .values("organisation_id")
        .annotate(n=Count("id"))
    )
    return {row["organisation_id"]: row["n"] for row in rows}


def referral_for(source: str) -> TargetReferral | None:
    """The referral raised from a finding (``app.Model:pk``), if any."""
    return TargetReferral.objects.filter(source=source).select_related("organisation").first()


def may_see_risk(user: Any) -> bool:
    return user_may(user, InspectionPlan, Action.VIEW)


# --- Statistics ----------------------------------------------------------------------------


def statistics(*, user: Any, year: int | None = None) -> dict[str, Any]:
    """Inspections by area, month and commune; violations by article; fines."""
    inspections = Inspection.objects.for_user(user, Action.VIEW)
    violations = Violation.objects.for_user(user, Action.VIEW)
    decisions = SanctionDecision.objects.for_user(user, Action.VIEW)
    if year:
        inspections = inspections.filter(inspected_on__year=year)
        violations = violations.filter(committed_on__year=year)
        decisions = decisions.filter(decided_on__year=year)
    areas = dict(InspectionArea.choices)
    by_area = [
        (str(areas.get(r["area"], r["area"])), r["n"])
        for r in inspections.order_by().values("area").annotate(n=Count("id")).order_by("area")
    ]
    by_month = [
        (r["month"].strftime("%m/%Y"), r["n"])
        for r in inspections.order_by()
        .annotate(month=TruncMonth("inspected_on"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("month")
        if r["month"] is not None
    ]
    by_commune = [
        (r["commune__name"] or _("(no commune)"), r["n"])
        for r in inspections.order_by()
        .values("commune__name")
        .annotate(n=Count("id"))
        .order_by("-n", "commune__name")[:20]
    ]
    by_article = [
        (f"Điều {r['violation_type__article']}", r["n"])
        for r in violations.order_by()
        .values("violation_type__article")
        .annotate(n=Count("id"))
        .order_by("violation_type__article")
    ]
    zero = Decimal(0)
    proposed = violations.aggregate(s=Sum("proposed_fine"))["s"] or zero
    decided = decisions.aggregate(s=Sum("total_fine"))["s"] or zero
    paid = (
        decisions.filter(payment_status=PaymentStatus.PAID).aggregate(s=Sum("total_fine"))["s"]
        or zero
    )
    return {
        "total": inspections.count(),
        "by_area": by_area,
        "by_month": by_month,
        "by_commune": by_commune,
        "by_article": by_article,
        "fines": {"proposed": proposed, "decided": decided, "paid": paid},
    }


# --- what the workflow screens need first -----------------------------------------------------


def inspection_create_prerequisites(user: Any) -> list[Prerequisite]:
    """A business to inspect in the user's jurisdiction and (a warning only) an approved plan
    whose campaigns give inspections their legal basis."""
    from tdc.registry.selectors import organisation_prerequisite

    approved = (
        Campaign.objects.for_user(user, Action.VIEW)
        .filter(plan__status=PlanStatus.APPROVED)
        .exists()
    )
    return [
        organisation_prerequisite(user=user, label=_("A business to inspect")),
        Prerequisite(
            _("An approved inspection plan"),
            approved,
            _(
                "no campaign of an approved plan is open to you, so the inspection can only be "
                "recorded as outside the plan (with its own decision)."
            ),
            fix_link(user, InspectionPlan, Action.VIEW, "inspections:plan_list"),
            _("Inspection plans"),
            blocking=False,
        ),
    ]


def decision_prerequisites(
    user: Any, inspection: Inspection, violations: list[Violation]
) -> list[Prerequisite]:
    """What a sanction decision needs: the signed record, a violation, the official amount of
    each violation on an unconfirmed catalogue row, and no decision yet."""
    field = inspection_url(user, "inspections:inspection_field", inspection)
    unset = [v for v in violations if v.placeholder and v.official_amount is None]
    return [
        Prerequisite(
            _("The signed inspection record"),
            inspection.record_signed,
            _("the inspected party and the team head sign the record (Mẫu 5. BBKT) first."),
            field,
            _("Open the field record"),
        ),
        Prerequisite(
            _("At least one violation"),
            bool(violations),
            _("a decision sanctions recorded violations; record them on the field record."),
            field,
            _("Open the field record"),
        ),
        Prerequisite(
            _("Official fine amounts"),
            not unset,
            _(
                "{n} violation(s) rest on an UNCONFIRMED catalogue row; enter the official amount "
                "and its citation on the inspection's page."
            ).format(n=len(unset)),
            inspection.get_absolute_url(),
            _("Open the inspection"),
        ),
        Prerequisite(
            _("No decision yet"),
            not SanctionDecision.objects.filter(inspection=inspection).exists(),
            _("this inspection already has its sanction decision."),
            reverse("inspections:decision_list"),
            _("Sanction decisions"),
        ),
    ]


def inspection_url(user: Any, url_name: str, inspection: Inspection) -> str:
    """``url_name`` of ``inspection`` when the user may change it, else ``""``."""
    if not user_may(user, Inspection, Action.CHANGE):
        return ""
    return reverse(url_name, args=[inspection.pk])
