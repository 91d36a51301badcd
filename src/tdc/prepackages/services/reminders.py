"""The daily quantity-mark certificate run: certificates past their last day expire, and
holders whose certificate ends within 3 months are reminded to request re-certification."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction

from tdc.accounts.selectors import business_accounts_by_organisation, provincial_staff
from tdc.core.audit import audit_record, snapshot
from tdc.core.models import AuditAction
from tdc.core.roles import Role
from tdc.notifications.services import notify
from tdc.prepackages.choices import CertificationStatus
from tdc.prepackages.models import MarkCertification
from tdc.prepackages.selectors import certifications_due_for_reminder
from tdc.prepackages.workflows import CERTIFICATION_WORKFLOW

if TYPE_CHECKING:
    from tdc.accounts.models import User

#: Notification event of the reminder (template seeded by migration 0002).
RECERTIFICATION_EVENT = "prepackages.recertification_due"


def _reminder_recipients(cert: MarkCertification) -> list[User]:
    """The holder's business accounts and the certifying province's officers."""
    holders = business_accounts_by_organisation([cert.applicant_id]).get(cert.applicant_id, [])
    officers = provincial_staff(Role.PROVINCIAL_OFFICER).filter(province_id=cert.province_id)
    return [*holders, *officers]


@transaction.atomic
def certification_send_reminders(*, today: dt.date) -> int:
    """Remind holders (and the province's officers) to request re-certification 3 months
    before their certificate expires; expire certificates past their end date. Returns the
    number of reminders sent."""
    expired = MarkCertification.objects.select_for_update().filter(
        status=CertificationStatus.CERTIFIED, valid_until__lt=today
    )
    for cert in expired:
        CERTIFICATION_WORKFLOW.apply(cert, "expire", by=None, on=today, closed_on=today)
    sent = 0
    for cert in certifications_due_for_reminder(today).select_for_update(of=("self",)):
        notify(
            recipients=_reminder_recipients(cert),
            event_type=RECERTIFICATION_EVENT,
            context={
                "certificate": cert.certificate_number,
                "holder": cert.applicant.name,
                "valid_until": cert.valid_until.strftime("%d/%m/%Y") if cert.valid_until else "",
            },
            link=cert.get_absolute_url(),
        )
        before = snapshot(cert)
        cert.reminder_sent_on = today
        cert.save(update_fields=["reminder_sent_on", "modified_at"])
        audit_record(
            actor=None,
            obj=cert,
            action=AuditAction.UPDATED,
            before=before,
            details={"reminder": "re-certification", "sent_on": today.isoformat()},
        )
        sent += 1
    return sent
