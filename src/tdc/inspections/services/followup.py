"""After the decision: remedies done, the fine paid or the case transferred, the inspection
closed, and the daily reminders."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.core.audit import audit_record, snapshot
from tdc.core.models import AuditAction
from tdc.inspections.choices import InspectionStatus, PaymentStatus, TransferTarget
from tdc.inspections.models import Inspection, RemedyAction, SanctionDecision
from tdc.inspections.services._common import save_checked
from tdc.notifications.services import notify

if TYPE_CHECKING:
    from tdc.accounts.models import User

#: Remind this many days before a remedy deadline.
REMIND_DAYS_BEFORE = 3


@transaction.atomic
def remedy_done(*, remedy: RemedyAction, by: User, done_on: dt.date) -> RemedyAction:
    """Record that a remedial measure was carried out."""
    locked = RemedyAction.objects.select_for_update().get(pk=remedy.pk)
    before = snapshot(locked)
    locked.done_on = done_on
    save_checked(locked, by)
    audit_record(
        actor=by,
        obj=locked.decision,
        details={"remedy_done": locked.measure, "on": done_on},
        before=before,
    )
    return locked


@transaction.atomic
def decision_payment_record(
    *, decision: SanctionDecision, by: User, paid_on: dt.date, receipt_number: str
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
    save_checked(locked, by)
    audit_record(actor=by, obj=locked, action=AuditAction.STATUS_CHANGED, before=before)
    return locked


@transaction.atomic
def decision_transfer(
    *, decision: SanctionDecision, by: User, target: str, on: dt.date, reference: str = ""
) -> SanctionDecision:
    """Record the transfer of the case to the police or to market management."""
    if target not in {TransferTarget.POLICE, TransferTarget.MARKET_MANAGEMENT}:
        raise ValidationError({"transferred_to": _("Choose the police or market management.")})
    locked = SanctionDecision.objects.select_for_update().get(pk=decision.pk)
    before = snapshot(locked)
    locked.transferred_to = target
    locked.transferred_on = on
    locked.transfer_reference = reference
    save_checked(locked, by)
    audit_record(actor=by, obj=locked, before=before, details={"transferred_to": target})
    return locked


def _refuse_to_close(locked: Inspection) -> None:
    if not locked.record_signed:
        raise ValidationError(_("Sign the inspection record before closing the inspection."))
    decision = SanctionDecision.objects.filter(inspection=locked).first()
    if locked.violations.exists() and decision is None:
        raise ValidationError(_("Violations were found: issue the sanction decision first."))
    if decision is None:
        return
    if decision.payment_status != PaymentStatus.PAID and not decision.transferred_to:
        raise ValidationError(_("Record the payment of the fine (or the transfer) before closing."))
    if decision.remedies.filter(done_on__isnull=True).exists():
        raise ValidationError(_("Some remedial measures are not done yet; record them first."))


@transaction.atomic
def inspection_close(*, inspection: Inspection, by: User) -> Inspection:
    """Close the case: the record is signed and, when sanctioned, paid and remedied."""
    locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
    _refuse_to_close(locked)
    if locked.status == InspectionStatus.CLOSED:
        return locked
    before = snapshot(locked)
    locked.status = InspectionStatus.CLOSED
    locked.closed_at = timezone.now()
    save_checked(locked, by)
    audit_record(actor=by, obj=locked, action=AuditAction.STATUS_CHANGED, before=before)
    return locked


# --- Reminders (daily) ---------------------------------------------------------------------


def _recipients(inspection: Inspection) -> list[User]:
    users = [m.user for m in inspection.team.select_related("user")]
    if inspection.created_by is not None:
        users.append(inspection.created_by)
    return users


def _remind_remedies(today: dt.date) -> int:
    remedies = (
        RemedyAction.objects.filter(
            done_on__isnull=True, deadline__lte=today + dt.timedelta(days=REMIND_DAYS_BEFORE)
        )
        .exclude(last_reminded_on=today)
        .select_related("decision", "decision__inspection", "decision__inspection__organisation")
    )
    sent = 0
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
        sent += 1
    return sent


def _mark_overdue(today: dt.date) -> int:
    overdue = SanctionDecision.objects.filter(
        payment_status=PaymentStatus.UNPAID, payment_due__lt=today
    ).select_related("inspection", "inspection__organisation")
    sent = 0
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
        sent += 1
    return sent


@transaction.atomic
def reminders_send(*, today: dt.date | None = None) -> dict[str, int]:
    """Remind the team of remedy deadlines (3 days before and after) and mark unpaid fines
    overdue; each reminder is sent at most once a day."""
    today = today or timezone.localdate()
    return {"remedies": _remind_remedies(today), "overdue_payments": _mark_overdue(today)}
