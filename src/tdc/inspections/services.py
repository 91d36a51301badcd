"""Writes of the inspections module: plans, campaigns, field inspections, violations, sanctions.

Every function is keyword-only, atomic and writes its audit event in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.attachments.services import UploadRefused, attachment_add, max_bytes, upload_check
from tdc.core.audit import audit_record, snapshot
from tdc.core.calendar import add_working_days
from tdc.core.exceptions import check_version
from tdc.core.models import AuditAction
from tdc.core.numbering import allocate_number
from tdc.core.roles import Action, Role
from tdc.core.scoping import user_may
from tdc.inspections import selectors, sources
from tdc.inspections.choices import (
    Answer,
    InspectionStatus,
    NoticeKind,
    OffenderKind,
    PaymentStatus,
    PlanStatus,
    SignatureRole,
    TeamRole,
    TransferTarget,
)
from tdc.inspections.models import (
    Campaign,
    CampaignTarget,
    CampaignTeamMember,
    ChecklistAnswer,
    ChecklistItem,
    ExternalInspection,
    Inspection,
    InspectionNotice,
    InspectionPlan,
    InspectionTeamMember,
    InstrumentCheck,
    RemedyAction,
    SanctionDecision,
    Violation,
)
from tdc.inspections.rules import fines as fine_rules
from tdc.inspections.rules import profit as profit_rules

DECISION_SERIES = "inspection-decision"
RECORD_SERIES = "inspection-record"
SANCTION_SERIES = "sanction-decision"
NOTICE_SERIES = {
    NoticeKind.SUSPENSION: "inspection-suspension",
    NoticeKind.RESUMPTION: "inspection-resumption",
    NoticeKind.SEALING: "inspection-sealing",
}
#: TT 28/2013 as amended by TT 10/2022: suspension notice within 3 working days of the record.
SUSPENSION_WORKING_DAYS = 3
#: Luật Xử lý vi phạm hành chính 2012, Điều 73: pay within 10 days of receiving the decision.
PAYMENT_DAYS = 10
#: Remind this many days before a remedy deadline.
REMIND_DAYS_BEFORE = 3
IMAGE_KINDS = ["jpeg", "png", "webp"]

PLAN_FIELDS = ("province", "province_id", "year", "title", "legal_basis")
CAMPAIGN_FIELDS = ("title", "kind", "area", "start_date", "end_date", "notes")
INSPECTION_FIELDS = (
    "address",
    "inspected_on",
    "representative",
    "findings",
    "conclusion",
)
EXTERNAL_FIELDS = ("organisation", "agency", "inspected_on", "subject", "reference", "notes")


def _issuer(province_id: str) -> str:
    return f"TDC{province_id}"


def _require(user: Any, model: type, action: str, message: str) -> None:
    if not user_may(user, model, action):
        raise PermissionDenied(message)


def _full_clean_and_save(obj: Any, by: Any, *, creating: bool = False) -> None:
    if creating:
        obj.created_by = by
    else:
        obj.version += 1
    obj.modified_by = by
    obj.full_clean()
    obj.save()


# --- Plans -------------------------------------------------------------------------------


@transaction.atomic
def plan_create(*, by: Any, **fields: Any) -> InspectionPlan:
    """Draft an annual plan."""
    _check_fields(fields, PLAN_FIELDS)
    plan = InspectionPlan(**fields)
    _full_clean_and_save(plan, by, creating=True)
    audit_record(actor=by, obj=plan, action=AuditAction.CREATED)
    return plan


@transaction.atomic
def plan_update(
    *, plan: InspectionPlan, by: Any, expected_version: int | None = None, **fields: Any
) -> InspectionPlan:
    _check_fields(fields, PLAN_FIELDS)
    locked = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
    check_version(locked, expected_version)
    if not locked.is_editable:
        raise ValidationError(
            _("An approved or submitted plan cannot be changed; ask a leader to return it first.")
        )
    before = snapshot(locked)
    for name, value in fields.items():
        setattr(locked, name, value)
    _full_clean_and_save(locked, by)
    audit_record(actor=by, obj=locked, action=AuditAction.UPDATED, before=before)
    return locked


def _transition(
    plan: InspectionPlan, *, by: Any, allowed_from: set[str], to: str, details: dict[str, Any]
) -> InspectionPlan:
    locked = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
    if locked.status not in allowed_from:
        raise ValidationError(
            _("The plan is “{status}”; this step is not possible now.").format(
                status=locked.get_status_display()
            )
        )
    before = snapshot(locked)
    locked.status = to
    return _finish_transition(locked, by=by, before=before, details=details)


def _finish_transition(
    locked: InspectionPlan, *, by: Any, before: dict[str, Any], details: dict[str, Any]
) -> InspectionPlan:
    locked.version += 1
    locked.modified_by = by
    locked.full_clean()
    locked.save()
    action = (
        AuditAction.APPROVED if locked.status == PlanStatus.APPROVED else AuditAction.STATUS_CHANGED
    )
    audit_record(actor=by, obj=locked, action=action, before=before, details=details)
    return locked


@transaction.atomic
def plan_submit(*, plan: InspectionPlan, by: Any) -> InspectionPlan:
    """Send a draft (or returned) plan to the provincial leaders for approval."""
    _require(by, InspectionPlan, Action.CHANGE, _("Only planning officers submit plans."))
    if not plan.campaigns.exists():
        raise ValidationError(_("Add at least one campaign before submitting the plan."))
    locked = _transition(
        plan,
        by=by,
        allowed_from={PlanStatus.DRAFT, PlanStatus.RETURNED},
        to=PlanStatus.SUBMITTED,
        details={"transition": "submit"},
    )
    InspectionPlan.objects.filter(pk=locked.pk).update(submitted_at=timezone.now())
    leaders = get_user_model().objects.filter(
        role=Role.PROVINCIAL_LEADER, province_id=locked.province_id, is_active=True
    )
    from tdc.notifications.services import notify

    notify(
        recipients=leaders,
        event_type="inspections.plan_submitted",
        context={"plan": str(locked), "submitted_by": str(by)},
        link=locked.get_absolute_url(),
    )
    return locked


@transaction.atomic
def plan_approve(*, plan: InspectionPlan, by: Any) -> InspectionPlan:
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
def plan_return(*, plan: InspectionPlan, by: Any, reason: str) -> InspectionPlan:
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
def campaign_create(*, plan: InspectionPlan, by: Any, **fields: Any) -> Campaign:
    _check_fields(fields, CAMPAIGN_FIELDS)
    _plan_editable(plan)
    campaign = Campaign(plan=plan, **fields)
    if campaign.start_date and campaign.start_date.year != plan.year:
        raise ValidationError({"start_date": _("The campaign must start in the plan's year.")})
    _full_clean_and_save(campaign, by, creating=True)
    audit_record(actor=by, obj=campaign, action=AuditAction.CREATED)
    audit_record(actor=by, obj=plan, details={"campaign_added": campaign.title})
    return campaign


@transaction.atomic
def campaign_target_add(
    *,
    campaign: Campaign,
    organisation: Any,
    by: Any,
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
def campaign_team_add(*, campaign: Campaign, user: Any, role: str, by: Any) -> CampaignTeamMember:
    _plan_editable(campaign.plan)
    if user.province_id != campaign.plan.province_id:
        raise ValidationError({"user": _("Choose an officer of the plan's province.")})
    member = CampaignTeamMember(campaign=campaign, user=user, role=role)
    member.full_clean()
    member.save()
    audit_record(actor=by, obj=campaign, details={"team_added": str(user), "role": role})
    return member


# --- Other agencies' inspections -----------------------------------------------------------


@transaction.atomic
def external_inspection_create(*, by: Any, **fields: Any) -> ExternalInspection:
    _check_fields(fields, EXTERNAL_FIELDS)
    row = ExternalInspection(**fields)
    _full_clean_and_save(row, by, creating=True)
    audit_record(actor=by, obj=row, action=AuditAction.CREATED)
    return row


@transaction.atomic
def external_inspection_update(
    *, row: ExternalInspection, by: Any, expected_version: int | None = None, **fields: Any
) -> ExternalInspection:
    _check_fields(fields, EXTERNAL_FIELDS)
    locked = ExternalInspection.objects.select_for_update().get(pk=row.pk)
    check_version(locked, expected_version)
    before = snapshot(locked)
    for name, value in fields.items():
        setattr(locked, name, value)
    _full_clean_and_save(locked, by)
    audit_record(actor=by, obj=locked, before=before)
    return locked


# --- Field inspections ---------------------------------------------------------------------


@transaction.atomic
def inspection_create(
    *,
    by: Any,
    organisation: Any,
    area: str,
    inspected_on: dt.date,
    decision_date: dt.date | None = None,
    campaign: Campaign | None = None,
    address: str = "",
    team: Iterable[tuple[Any, str]] = (),
) -> Inspection:
    """Open an inspection under a new decision number; the place comes from the organisation."""
    if campaign is not None and campaign.plan.status != PlanStatus.APPROVED:
        raise ValidationError(
            {"campaign": _("The campaign's plan is not approved yet; ask a leader to approve it.")}
        )
    decision_date = decision_date or inspected_on
    inspection = Inspection(
        decision_number=allocate_number(
            series=DECISION_SERIES, issuer=_issuer(organisation.province_id), on=decision_date
        ),
        decision_date=decision_date,
        campaign=campaign,
        organisation=organisation,
        area=area,
        province_id=organisation.province_id,
        commune_id=organisation.commune_id,
        address=address or organisation.address,
        inspected_on=inspected_on,
    )
    _full_clean_and_save(inspection, by, creating=True)
    members = list(team) or [(by, TeamRole.HEAD)]
    for user, role in members:
        InspectionTeamMember.objects.create(inspection=inspection, user=user, role=role)
    audit_record(
        actor=by,
        obj=inspection,
        action=AuditAction.CREATED,
        details={"team": [f"{u} ({r})" for u, r in members]},
    )
    return inspection


def _draft(inspection: Inspection) -> Inspection:
    locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if locked.status != InspectionStatus.DRAFT:
        raise ValidationError(
            _("The record of this inspection is signed; it can no longer be changed.")
        )
    return locked


@transaction.atomic
def inspection_update(
    *, inspection: Inspection, by: Any, expected_version: int | None = None, **fields: Any
) -> Inspection:
    _check_fields(fields, INSPECTION_FIELDS)
    locked = _draft(inspection)
    check_version(locked, expected_version)
    before = snapshot(locked)
    for name, value in fields.items():
        setattr(locked, name, value)
    _full_clean_and_save(locked, by)
    audit_record(actor=by, obj=locked, before=before)
    return locked


@transaction.atomic
def answer_save(
    *, inspection: Inspection, by: Any, item_code: str, answer: str, note: str = ""
) -> ChecklistAnswer:
    """Save (or change) the answer to one checklist item; safe to send twice."""
    locked = _draft(inspection)
    if answer not in Answer.values:
        raise ValidationError({"answer": _("Answer compliant, non-compliant or not applicable.")})
    item = (
        ChecklistItem.objects.in_force_on(locked.inspected_on)
        .filter(code=item_code, area=locked.area)
        .order_by("-effective_from")
        .first()
    )
    if item is None:
        raise ValidationError(
            {
                "item": _(
                    "“{code}” is not on this inspection's checklist; reload the page."
                ).format(code=item_code)
            }
        )
    if answer == Answer.NON_COMPLIANT and not note.strip():
        raise ValidationError({"note": _("Describe what is not compliant.")})
    row, created = ChecklistAnswer.objects.update_or_create(
        inspection=locked,
        item=item,
        defaults={"answer": answer, "note": note.strip(), "answered_by": by},
    )
    audit_record(
        actor=by,
        obj=locked,
        details={"answer": {"item": item.code, "answer": answer, "note": note.strip()}},
    )
    return row


@transaction.atomic
def position_save(
    *,
    inspection: Inspection,
    by: Any,
    latitude: Decimal,
    longitude: Decimal,
    accuracy: Decimal | None = None,
) -> Inspection:
    """Record where the team stood (browser geolocation)."""
    locked = _draft(inspection)
    before = snapshot(locked)
    locked.latitude = Decimal(latitude).quantize(Decimal("0.000001"))
    locked.longitude = Decimal(longitude).quantize(Decimal("0.000001"))
    locked.position_accuracy = (
        Decimal(accuracy).quantize(Decimal("0.1")) if accuracy is not None else None
    )
    _full_clean_and_save(locked, by)
    audit_record(actor=by, obj=locked, before=before, details={"position": "recorded"})
    return locked


def _refuse_non_image(uploaded_file: Any) -> None:
    try:
        upload_check(uploaded_file, allowed=IMAGE_KINDS)
    except UploadRefused as refused:
        raise ValidationError(
            {
                "file": _(
                    "Only photos are accepted here (JPEG, PNG or WebP, up to {limit} MB); "
                    "take the photo again or choose an image file."
                ).format(limit=max_bytes() // (1024 * 1024))
            },
            code=refused.code,
        ) from None


@transaction.atomic
def photo_add(*, inspection: Inspection, by: Any, uploaded_file: Any, description: str = "") -> Any:
    """Attach a photo taken in the field (images only)."""
    _refuse_non_image(uploaded_file)
    return attachment_add(
        parent=inspection,
        by=by,
        uploaded_file=uploaded_file,
        description=description or _("Photo from the field"),
    )


@transaction.atomic
def signature_add(*, inspection: Inspection, by: Any, role: str, png: bytes) -> Inspection:
    """Store a signature drawn on screen; when both parties have signed, the record is final.

    The record then gets its number, and when something was found non-compliant, the deadline
    of the suspension notice (3 working days).
    """
    if role not in SignatureRole.values:
        raise ValidationError({"role": _("Say who signs: the inspected party or the team head.")})
    if not png.startswith(b"\x89PNG"):
        raise ValidationError(
            {"signature": _("The signature is empty or not a PNG image; sign again.")}
        )
    locked = _draft(inspection)
    if (
        role == SignatureRole.TEAM_HEAD
        and not locked.team.filter(user=by, role=TeamRole.HEAD).exists()
    ):
        raise PermissionDenied(_("Only the head of the inspection team signs as the head."))
    if not locked.answers.exists():
        raise ValidationError(_("Answer the checklist before the record is signed."))
    upload = SimpleUploadedFile(f"signature-{role}.png", png, content_type="image/png")
    attachment = photo_add(
        inspection=locked, by=by, uploaded_file=upload, description=str(SignatureRole(role).label)
    )
    before = snapshot(locked)
    if role == SignatureRole.INSPECTED_PARTY:
        locked.party_signature = attachment
    else:
        locked.head_signature = attachment
    if locked.party_signature_id and locked.head_signature_id:
        today = timezone.localdate()
        locked.record_signed_at = timezone.now()
        locked.record_number = allocate_number(
            series=RECORD_SERIES, issuer=_issuer(locked.province_id), on=today
        )
        locked.status = InspectionStatus.RECORDED
        if (
            locked.answers.filter(answer=Answer.NON_COMPLIANT).exists()
            or locked.violations.exists()
        ):
            locked.suspension_due = add_working_days(today, SUSPENSION_WORKING_DAYS)
    _full_clean_and_save(locked, by)
    audit_record(
        actor=by,
        obj=locked,
        action=AuditAction.STATUS_CHANGED if locked.record_signed_at else AuditAction.UPDATED,
        before=before,
        details={"signed_by": role},
    )
    return locked


@transaction.atomic
def instrument_check_add(
    *,
    inspection: Inspection,
    by: Any,
    instrument_id: int | None = None,
    description: str = "",
    serial_number: str = "",
    stamp_valid: bool | None = None,
    seals_intact: bool | None = None,
    note: str = "",
) -> InstrumentCheck:
    """Record an instrument looked at; register facts (certificate, stamp) are read and copied."""
    locked = _draft(inspection)
    check = InstrumentCheck(
        inspection=locked,
        description=description,
        serial_number=serial_number,
        stamp_valid=stamp_valid,
        seals_intact=seals_intact,
        note=note,
    )
    if instrument_id:
        facts = sources.instrument_facts(
            int(instrument_id), organisation_id=locked.organisation_id, on=locked.inspected_on
        )
        if facts is None:
            raise ValidationError(
                {
                    "instrument_id": _(
                        "This instrument is not registered to the inspected organisation."
                    )
                }
            )
        check.instrument_id = facts.instrument_id
        check.description = description or facts.description
        check.serial_number = facts.serial_number
        check.certificate_number = facts.certificate_number
        check.certificate_valid_until = facts.certificate_valid_until
        check.stamp_serial = facts.stamp_serial
        if stamp_valid is None:
            check.stamp_valid = facts.stamp_valid
    if not check.description:
        raise ValidationError(
            {"description": _("Name the instrument or choose it from the register.")}
        )
    check.full_clean()
    check.save()
    audit_record(actor=by, obj=locked, details={"instrument_checked": str(check)})
    return check


# --- Violations ----------------------------------------------------------------------------


def _range_for(violation_type: Any, offender_kind: str) -> fine_rules.FineRange:
    return fine_rules.applicable_range(
        violation_type.fine_min,
        violation_type.fine_max,
        organisation=offender_kind == OffenderKind.ORGANISATION,
        multiplier=violation_type.organisation_multiplier,
    )


def _out_of_range(
    amount: Decimal, fine_range: fine_rules.FineRange, day: dt.date
) -> ValidationError:
    return ValidationError(
        _(
            "The fine {amount} VND is outside the range in force on {day}: from {minimum} to "
            "{maximum} VND. Enter an amount within the range."
        ).format(
            amount=f"{amount:,.0f}",
            day=day.strftime("%d/%m/%Y"),
            minimum=f"{fine_range.minimum:,.0f}",
            maximum=f"{fine_range.maximum:,.0f}",
        ),
        code="fine_out_of_range",
    )


@transaction.atomic
def violation_add(
    *,
    inspection: Inspection,
    by: Any,
    violation_code: str,
    committed_on: dt.date,
    offender_kind: str = OffenderKind.ORGANISATION,
    mitigating: int = 0,
    aggravating: int = 0,
    description: str = "",
    proposed_fine: Decimal | None = None,
) -> Violation:
    """Record a violation under an act of the catalogue in force on the violation date.

    The proposed fine is the rule's position in the range unless one is given; an amount
    outside the range is refused with the range in the message.
    """
    locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if locked.status not in {InspectionStatus.DRAFT, InspectionStatus.RECORDED}:
        raise ValidationError(
            _("A sanction is already decided; violations can no longer be added.")
        )
    violation_type = selectors.violation_type_in_force(violation_code, committed_on)
    fine_range = _range_for(violation_type, offender_kind)
    rule, rule_version = selectors.fine_rule_on(committed_on)
    try:
        computed = fine_rules.proposed_fine(
            fine_range, rule, mitigating=mitigating, aggravating=aggravating
        )
    except fine_rules.FineRuleError as exc:
        raise ValidationError({"mitigating": str(exc)}) from exc
    amount = Decimal(proposed_fine) if proposed_fine is not None else computed
    if not fine_range.contains(amount):
        raise ValidationError({"proposed_fine": _out_of_range(amount, fine_range, committed_on)})
    violation = Violation(
        inspection=locked,
        violation_type=violation_type,
        committed_on=committed_on,
        description=description,
        offender_kind=offender_kind,
        mitigating=mitigating,
        aggravating=aggravating,
        fine_min=fine_range.minimum,
        fine_max=fine_range.maximum,
        proposed_fine=amount,
        catalogue_version=violation_type.version_label,
        fine_rule_version=rule_version,
    )
    _full_clean_and_save(violation, by, creating=True)
    audit_record(actor=by, obj=violation, action=AuditAction.CREATED)
    audit_record(actor=by, obj=locked, details={"violation_added": violation_type.citation})
    return violation


@transaction.atomic
def violation_profit_set(
    *, violation: Violation, by: Any, method: str, inputs: Mapping[str, Any]
) -> Violation:
    """Compute and store the illegal profit (NĐ 86/2012) of a metrology violation."""
    locked = Violation.objects.select_for_update().get(pk=violation.pk)
    try:
        values = {k: Decimal(str(v)) for k, v in inputs.items() if k != "units_sold"}
        price = profit_rules.average_price(values["price_at_start"], values["price_at_detection"])
        if method == "prepackaged":
            result = profit_rules.prepackaged_profit(
                units_sold=int(inputs["units_sold"]),
                allowed_mean=values["allowed_mean"],
                actual_mean=values["actual_mean"],
                price_per_unit_quantity=price,
            )
        elif method == "measurement":
            result = profit_rules.measurement_profit(
                total_traded=values["total_traded"],
                error_found=values["error_found"],
                mpe=values["mpe"],
                price_per_unit_quantity=price,
            )
        else:
            raise ValidationError({"method": _("Choose prepackaged goods or trade measurement.")})
    except (KeyError, ArithmeticError, ValueError) as exc:
        raise ValidationError(
            _(
                "Fill in every value of the calculation with a non-negative number ({problem})."
            ).format(problem=exc)
        ) from exc
    before = snapshot(locked)
    locked.illegal_profit = result.profit
    locked.illegal_profit_detail = {
        "method": method,
        "inputs": {k: str(v) for k, v in inputs.items()},
        "average_price": str(price),
        "quantity": str(result.quantity),
        "formula": result.formula,
        "legal_basis": "NĐ 86/2012/NĐ-CP, Điều 8–12",
    }
    _full_clean_and_save(locked, by)
    audit_record(actor=by, obj=locked, before=before)
    return locked


# --- Notices (Mẫu 6, 7, 8) -----------------------------------------------------------------


@transaction.atomic
def notice_issue(
    *,
    inspection: Inspection,
    by: Any,
    kind: str,
    issued_on: dt.date,
    seal_numbers: str = "",
    note: str = "",
) -> InspectionNotice:
    """Issue a numbered suspension, resumption or sealing document after the signed record."""
    locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if not locked.record_signed:
        raise ValidationError(
            _("The inspection record must be signed before this document is issued.")
        )
    if kind not in NoticeKind.values:
        raise ValidationError({"kind": _("Choose suspension, resumption or sealing.")})
    if (
        kind == NoticeKind.RESUMPTION
        and not locked.notices.filter(kind=NoticeKind.SUSPENSION).exists()
    ):
        raise ValidationError(_("Resumption follows a suspension notice; issue that first."))
    if kind == NoticeKind.SEALING and not seal_numbers.strip():
        raise ValidationError({"seal_numbers": _("Give the numbers of the seal stickers used.")})
    notice = InspectionNotice(
        inspection=locked,
        kind=kind,
        number=allocate_number(
            series=NOTICE_SERIES[NoticeKind(kind)], issuer=_issuer(locked.province_id), on=issued_on
        ),
        issued_on=issued_on,
        seal_numbers=seal_numbers.strip(),
        note=note,
    )
    _full_clean_and_save(notice, by, creating=True)
    audit_record(actor=by, obj=locked, details={"notice_issued": f"{kind} {notice.number}"})
    return notice


# --- Sanction decisions --------------------------------------------------------------------


@transaction.atomic
def decision_issue(
    *,
    inspection: Inspection,
    by: Any,
    decided_on: dt.date,
    fines: Mapping[int, Decimal] | None = None,
    signed_by_name: str = "",
    remedies: Iterable[tuple[str, dt.date]] = (),
) -> SanctionDecision:
    """Issue the sanction decision. Refused without a signed inspection record; each fine must
    lie within the range in force on the date of its violation."""
    locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if not locked.record_signed:
        raise ValidationError(
            _(
                "A sanction decision needs the signed inspection record (Mẫu 5. BBKT); have the "
                "inspected party and the team head sign it first."
            ),
            code="record_not_signed",
        )
    if SanctionDecision.objects.filter(inspection=locked).exists():
        raise ValidationError(_("This inspection already has a sanction decision."))
    violations = list(locked.violations.select_related("violation_type").order_by("id"))
    if not violations:
        raise ValidationError(_("Record at least one violation before deciding a sanction."))
    fines = dict(fines or {})
    errors: dict[str, list[ValidationError]] = {}
    total = Decimal(0)
    for violation in violations:
        amount = Decimal(fines.get(violation.pk, violation.proposed_fine))
        fine_range = _range_for(
            selectors.violation_type_in_force(
                violation.violation_type.code, violation.committed_on
            ),
            violation.offender_kind,
        )
        if not fine_range.contains(amount):
            errors.setdefault(f"fine_{violation.pk}", []).append(
                _out_of_range(amount, fine_range, violation.committed_on)
            )
            continue
        violation.decided_fine = amount
        violation.save(update_fields=["decided_fine", "modified_at"])
        total += amount
    if errors:
        raise ValidationError(errors)
    decision = SanctionDecision(
        inspection=locked,
        number=allocate_number(
            series=SANCTION_SERIES, issuer=_issuer(locked.province_id), on=decided_on
        ),
        decided_on=decided_on,
        signed_by_name=signed_by_name or by.get_full_name() or by.username,
        total_fine=total,
        payment_due=decided_on + dt.timedelta(days=PAYMENT_DAYS),
    )
    _full_clean_and_save(decision, by, creating=True)
    for measure, deadline in remedies:
        _remedy(decision, by, measure, deadline)
    before = snapshot(locked)
    locked.status = InspectionStatus.DECIDED
    _full_clean_and_save(locked, by)
    audit_record(actor=by, obj=decision, action=AuditAction.CREATED)
    audit_record(actor=by, obj=locked, action=AuditAction.STATUS_CHANGED, before=before)
    return decision


def _remedy(decision: SanctionDecision, by: Any, measure: str, deadline: dt.date) -> RemedyAction:
    remedy = RemedyAction(decision=decision, measure=measure, deadline=deadline)
    _full_clean_and_save(remedy, by, creating=True)
    audit_record(actor=by, obj=decision, details={"remedy_added": measure, "deadline": deadline})
    return remedy


@transaction.atomic
def remedy_add(
    *, decision: SanctionDecision, by: Any, measure: str, deadline: dt.date
) -> RemedyAction:
    if deadline < decision.decided_on:
        raise ValidationError({"deadline": _("The deadline must fall after the decision date.")})
    return _remedy(decision, by, measure, deadline)


@transaction.atomic
def remedy_done(*, remedy: RemedyAction, by: Any, done_on: dt.date) -> RemedyAction:
    locked = RemedyAction.objects.select_for_update().get(pk=remedy.pk)
    before = snapshot(locked)
    locked.done_on = done_on
    _full_clean_and_save(locked, by)
    audit_record(
        actor=by,
        obj=locked.decision,
        details={"remedy_done": locked.measure, "on": done_on},
        before=before,
    )
    return locked


@transaction.atomic
def decision_payment_record(
    *, decision: SanctionDecision, by: Any, paid_on: dt.date, receipt_number: str
) -> SanctionDecision:
    """Record that the fine was paid, with the date and the receipt (biên lai) number."""
    if not receipt_number.strip():
        raise ValidationError({"receipt_number": _("Give the number of the payment receipt.")})
    locked = SanctionDecision.objects.select_for_update().get(pk=decision.pk)
    if paid_on < locked.decided_on:
        raise ValidationError({"paid_on": _("The payment date cannot be before the decision.")})
    before = snapshot(locked)
    locked.payment_status = PaymentStatus.PAID
    locked.paid_on = paid_on
    locked.receipt_number = receipt_number.strip()
    _full_clean_and_save(locked, by)
    audit_record(actor=by, obj=locked, action=AuditAction.STATUS_CHANGED, before=before)
    return locked


@transaction.atomic
def decision_transfer(
    *, decision: SanctionDecision, by: Any, target: str, on: dt.date, reference: str = ""
) -> SanctionDecision:
    """Record the transfer of the case to the police or to market management."""
    if target not in {TransferTarget.POLICE, TransferTarget.MARKET_MANAGEMENT}:
        raise ValidationError({"transferred_to": _("Choose the police or market management.")})
    locked = SanctionDecision.objects.select_for_update().get(pk=decision.pk)
    before = snapshot(locked)
    locked.transferred_to = target
    locked.transferred_on = on
    locked.transfer_reference = reference
    _full_clean_and_save(locked, by)
    audit_record(actor=by, obj=locked, before=before, details={"transferred_to": target})
    return locked


@transaction.atomic
def inspection_close(*, inspection: Inspection, by: Any) -> Inspection:
    """Close the case: the record is signed and, when sanctioned, paid and remedied."""
    locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if not locked.record_signed:
        raise ValidationError(_("Sign the inspection record before closing the inspection."))
    decision = SanctionDecision.objects.filter(inspection=locked).first()
    if locked.violations.exists() and decision is None:
        raise ValidationError(_("Violations were found: issue the sanction decision first."))
    if decision is not None:
        if decision.payment_status != PaymentStatus.PAID and not decision.transferred_to:
            raise ValidationError(
                _("Record the payment of the fine (or the transfer) before closing.")
            )
        if decision.remedies.filter(done_on__isnull=True).exists():
            raise ValidationError(_("Some remedial measures are not done yet; record them first."))
    if locked.status == InspectionStatus.CLOSED:
        return locked
    before = snapshot(locked)
    locked.status = InspectionStatus.CLOSED
    locked.closed_at = timezone.now()
    _full_clean_and_save(locked, by)
    audit_record(actor=by, obj=locked, action=AuditAction.STATUS_CHANGED, before=before)
    return locked


# --- Reminders (daily) ---------------------------------------------------------------------


def _recipients(inspection: Inspection) -> list[Any]:
    users = [m.user for m in inspection.team.select_related("user")]
    if inspection.created_by is not None:
        users.append(inspection.created_by)
    return users


@transaction.atomic
def reminders_send(*, today: dt.date | None = None) -> dict[str, int]:
    """Remind the team of remedy deadlines (3 days before and after) and mark unpaid fines
    overdue; each reminder is sent at most once a day."""
    from tdc.notifications.services import notify

    today = today or timezone.localdate()
    sent = {"remedies": 0, "overdue_payments": 0}
    remedies = (
        RemedyAction.objects.filter(
            done_on__isnull=True, deadline__lte=today + dt.timedelta(days=REMIND_DAYS_BEFORE)
        )
        .exclude(last_reminded_on=today)
        .select_related("decision", "decision__inspection", "decision__inspection__organisation")
    )
    for remedy in remedies:
        inspection = remedy.decision.inspection
        notify(
            recipients=_recipients(inspection),
            event_type="inspections.remedy_due",
            context={
                "measure": remedy.measure,
                "decision": remedy.decision.number,
                "organisation": str(inspection.organisation),
                "deadline": remedy.deadline.strftime("%d/%m/%Y"),
                "overdue": remedy.deadline < today,
            },
            link=remedy.decision.get_absolute_url(),
        )
        RemedyAction.objects.filter(pk=remedy.pk).update(last_reminded_on=today)
        sent["remedies"] += 1
    overdue = SanctionDecision.objects.filter(
        payment_status=PaymentStatus.UNPAID, payment_due__lt=today
    ).select_related("inspection", "inspection__organisation")
    for decision in overdue:
        before = snapshot(decision)
        decision.payment_status = PaymentStatus.OVERDUE
        decision.version += 1
        decision.save(update_fields=["payment_status", "version", "modified_at"])
        audit_record(actor=None, obj=decision, action=AuditAction.STATUS_CHANGED, before=before)
        notify(
            recipients=_recipients(decision.inspection),
            event_type="inspections.payment_overdue",
            context={
                "decision": decision.number,
                "organisation": str(decision.inspection.organisation),
                "amount": f"{decision.total_fine:,.0f}",
                "due": decision.payment_due.strftime("%d/%m/%Y"),
            },
            link=decision.get_absolute_url(),
        )
        sent["overdue_payments"] += 1
    return sent


def _check_fields(fields: Mapping[str, Any], allowed: Iterable[str]) -> None:
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        raise TypeError(f"unknown field(s): {unknown}")
