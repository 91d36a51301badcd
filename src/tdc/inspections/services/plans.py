"""Annual plans (drafted, submitted, approved or returned) and their campaigns, targets and
teams."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.selectors import provincial_staff
from tdc.core.audit import audit_record, snapshot
from tdc.core.models import AuditAction
from tdc.core.roles import Action, Role
from tdc.inspections import selectors
from tdc.inspections.choices import PlanStatus
from tdc.inspections.models import Campaign, CampaignTarget, CampaignTeamMember, InspectionPlan
from tdc.inspections.services._common import (
    check_fields,
    record_create,
    record_update,
    require,
    save_checked,
)
from tdc.notifications.services import notify

if TYPE_CHECKING:
    from tdc.accounts.models import User
    from tdc.registry.models import Organisation

#: What a plan's author writes; ``province_id`` may stand for ``province``.
PLAN_FIELDS = (*InspectionPlan.EDIT_FIELDS, "province_id")

# --- Plans -------------------------------------------------------------------------------


@transaction.atomic
def plan_create(*, by: User, **fields: Any) -> InspectionPlan:
    """Draft an annual plan."""
    return record_create(InspectionPlan, by=by, fields=fields, allowed=PLAN_FIELDS)


def _plan_unchangeable(plan: InspectionPlan) -> None:
    if not plan.is_editable:
        raise ValidationError(
            _("An approved or submitted plan cannot be changed; ask a leader to return it first.")
        )


@transaction.atomic
def plan_update(
    *, plan: InspectionPlan, by: User, expected_version: int | None = None, **fields: Any
) -> InspectionPlan:
    """Change a draft (or returned) plan."""
    return record_update(
        InspectionPlan.objects.select_for_update().get(pk=plan.pk),
        by=by,
        fields=fields,
        allowed=PLAN_FIELDS,
        expected_version=expected_version,
        refuse=_plan_unchangeable,
    )


def _finish_transition(
    locked: InspectionPlan, *, by: User, before: dict[str, Any], details: dict[str, Any]
) -> InspectionPlan:
    save_checked(locked, by)
    action = (
        AuditAction.APPROVED if locked.status == PlanStatus.APPROVED else AuditAction.STATUS_CHANGED
    )
    audit_record(actor=by, obj=locked, action=action, before=before, details=details)
    return locked


@transaction.atomic
def plan_submit(*, plan: InspectionPlan, by: User) -> InspectionPlan:
    """Send a draft (or returned) plan to the provincial leaders for approval."""
    require(by, InspectionPlan, Action.CHANGE, _("Only planning officers submit plans."))
    if not plan.campaigns.exists():
        raise ValidationError(_("Add at least one campaign before submitting the plan."))
    locked = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
    if locked.status not in {PlanStatus.DRAFT, PlanStatus.RETURNED}:
        raise ValidationError(
            _("The plan is “{status}”; this step is not possible now.").format(
                status=locked.get_status_display()
            )
        )
    before = snapshot(locked)
    locked.status = PlanStatus.SUBMITTED
    _finish_transition(locked, by=by, before=before, details={"transition": "submit"})
    InspectionPlan.objects.filter(pk=locked.pk).update(submitted_at=timezone.now())
    notify(
        recipients=provincial_staff(Role.PROVINCIAL_LEADER).filter(province_id=locked.province_id),
        event_type="inspections.plan_submitted",
        context={"plan": str(locked), "submitted_by": str(by)},
        link=locked.get_absolute_url(),
    )
    return locked


@transaction.atomic
def plan_approve(*, plan: InspectionPlan, by: User) -> InspectionPlan:
    """Approve a submitted plan; only a provincial leader of the plan's province may."""
    if not InspectionPlan.objects.filter(pk=plan.pk).for_user(by, Action.APPROVE).exists():
        raise PermissionDenied(_("Only a provincial leader of the province approves the plan."))
    locked = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
    if locked.status != PlanStatus.SUBMITTED:
        raise ValidationError(
            _("Only a submitted plan can be approved; ask the officer to submit it.")
        )
    before = snapshot(locked)
    locked.status = PlanStatus.APPROVED
    locked.approved_at = timezone.now()
    locked.approved_by = by
    locked.return_reason = ""
    return _finish_transition(locked, by=by, before=before, details={"transition": "approve"})


@transaction.atomic
def plan_return(*, plan: InspectionPlan, by: User, reason: str) -> InspectionPlan:
    """Send a submitted plan back to the officers with the reason."""
    if not InspectionPlan.objects.filter(pk=plan.pk).for_user(by, Action.APPROVE).exists():
        raise PermissionDenied(_("Only a provincial leader of the province returns the plan."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say what must change before the plan is approved.")})
    locked = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
    if locked.status != PlanStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted plan can be returned."))
    before = snapshot(locked)
    locked.status = PlanStatus.RETURNED
    locked.return_reason = reason.strip()
    return _finish_transition(
        locked, by=by, before=before, details={"transition": "return", "reason": reason.strip()}
    )


# --- Campaigns ---------------------------------------------------------------------------


def _plan_editable(plan: InspectionPlan) -> None:
    if not plan.is_editable:
        raise ValidationError(
            _(
                "The plan is “{status}”: campaigns change only while it is a draft or returned."
            ).format(status=plan.get_status_display())
        )


@transaction.atomic
def campaign_create(*, plan: InspectionPlan, by: User, **fields: Any) -> Campaign:
    """Add a campaign to a draft (or returned) plan, starting in the plan's year."""
    check_fields(fields, Campaign.EDIT_FIELDS)
    _plan_editable(plan)
    campaign = Campaign(plan=plan, **fields)
    if campaign.start_date and campaign.start_date.year != plan.year:
        raise ValidationError({"start_date": _("The campaign must start in the plan's year.")})
    save_checked(campaign, by, creating=True)
    audit_record(actor=by, obj=campaign, action=AuditAction.CREATED)
    audit_record(actor=by, obj=plan, details={"campaign_added": campaign.title})
    return campaign


@transaction.atomic
def campaign_target_add(
    *,
    campaign: Campaign,
    organisation: Organisation,
    by: User,
    reason: str = "",
    risk_score: Decimal | None = None,
    risk_weights_version: str = "",
) -> tuple[CampaignTarget, list[selectors.RecentInspection]]:
    """Add a target; returns it with the inspections of the last 12 months that it would
    duplicate (the de-confliction warning)."""
    _plan_editable(campaign.plan)
    if organisation.province_id != campaign.plan.province_id:
        raise ValidationError({"organisation": _("Choose an organisation of the plan's province.")})
    target = CampaignTarget(
        campaign=campaign,
        organisation=organisation,
        reason=reason,
        risk_score=risk_score,
        risk_weights_version=risk_weights_version,
    )
    target.full_clean()
    target.save()
    conflicts = selectors.recent_inspections(organisation.pk, today=campaign.start_date)
    audit_record(
        actor=by,
        obj=campaign,
        details={
            "target_added": organisation.name,
            "reason": reason,
            "duplicates": [
                f"{c.agency} {c.inspected_on:%d/%m/%Y} {c.reference}" for c in conflicts
            ],
        },
    )
    return target, conflicts


@transaction.atomic
def campaign_team_add(*, campaign: Campaign, user: User, role: str, by: User) -> CampaignTeamMember:
    """Put an officer of the plan's province in the campaign's team."""
    _plan_editable(campaign.plan)
    if user.province_id != campaign.plan.province_id:
        raise ValidationError({"user": _("Choose an officer of the plan's province.")})
    member = CampaignTeamMember(campaign=campaign, user=user, role=role)
    member.full_clean()
    member.save()
    audit_record(actor=by, obj=campaign, details={"team_added": str(user), "role": role})
    return member
