"""Group 2 certification to use the quantity mark, and the certificate it leads to: the file
received, checked, completed, assessed on site by a team of two or more, the certificate issued
for 5 years, suspended for at most 6 months, reinstated, revoked. The steps are
``CERTIFICATION_WORKFLOW``'s; expiry and reminders are in ``reminders``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdc.core.numbering import allocate_number
from tdc.prepackages.choices import RENEWABLE, ProcedureStep
from tdc.prepackages.deadlines import due_date
from tdc.prepackages.models import MarkCertification
from tdc.prepackages.services.marks import (
    locked,
    mark_incomplete,
    register,
    require_completed_in_time,
    require_reason,
)
from tdc.prepackages.workflows import CERTIFICATION_WORKFLOW

if TYPE_CHECKING:
    from tdc.accounts.models import User
    from tdc.places.models import Province
    from tdc.registry.models import Organisation

#: Number series of the certificates (seeded by migration 0002).
CERTIFICATE_SERIES = "prepackage-certificate"


@transaction.atomic
def certification_receive(
    *,
    by: User,
    applicant: Organisation,
    province: Province,
    products: str,
    received_on: dt.date,
    renewal_of: MarkCertification | None = None,
) -> MarkCertification:
    """Register a certification file; it is checked within 5 working days."""
    if renewal_of is not None and renewal_of.status not in RENEWABLE:
        raise ValidationError(
            {"renewal_of": _("Only a certificate in force or expired can be renewed.")}
        )
    notice = CERTIFICATION_WORKFLOW.due_dates(["notice_due"], received_on)["notice_due"]
    cert = MarkCertification(
        applicant=applicant,
        province=province,
        products=products,
        received_on=received_on,
        renewal_of=renewal_of,
        notice_due=notice.day,
        deadline_versions=[notice.version],
    )
    return register(cert, by=by)


@transaction.atomic
def certification_mark_incomplete(
    *, certification: MarkCertification, by: User, missing_items: str, notice_on: dt.date
) -> MarkCertification:
    """Send the notice of an incomplete file; the applicant has 90 days to complete it."""
    return mark_incomplete(
        CERTIFICATION_WORKFLOW,
        certification,
        by=by,
        missing_items=missing_items,
        notice_on=notice_on,
    )


@transaction.atomic
def certification_accept_file(
    *, certification: MarkCertification, by: User, completed_on: dt.date
) -> MarkCertification:
    """The file is complete: the assessment team is due within 30 working days and the
    certificate within 15 working days."""
    obj = locked(certification)
    require_completed_in_time(obj, completed_on, _("The file was due to be completed by {day}."))
    return CERTIFICATION_WORKFLOW.apply(
        obj, "accept_file", by=by, on=completed_on, completed_on=completed_on
    )


@transaction.atomic
def certification_set_team(
    *,
    certification: MarkCertification,
    by: User,
    assessors: Sequence[Mapping[str, str]],
    set_on: dt.date,
) -> MarkCertification:
    """Set up the on-site assessment team: at least two trained assessors."""
    team = [
        {"name": str(a.get("name", "")).strip(), "role": str(a.get("role", "")).strip()}
        for a in assessors
        if str(a.get("name", "")).strip()
    ]
    if len(team) < 2:
        raise ValidationError(
            {"assessors": _("The team needs at least two trained assessors: add their names.")}
        )
    return CERTIFICATION_WORKFLOW.apply(
        locked(certification),
        "team",
        by=by,
        on=set_on,
        assessment_team=team,
        team_set_on=set_on,
    )


@transaction.atomic
def certification_issue(
    *, certification: MarkCertification, by: User, issued_on: dt.date, assessed_on: dt.date
) -> MarkCertification:
    """Issue the certificate (Mẫu 4.GCN): numbered, valid 5 years from the day of issue."""
    obj = locked(certification)
    if len(obj.assessment_team or []) < 2:
        raise ValidationError(
            _("Set up the assessment team (two assessors or more) before issuing.")
        )
    if assessed_on > issued_on:
        raise ValidationError(
            {"assessed_on": _("The on-site assessment comes before the certificate.")}
        )
    number = allocate_number(series=CERTIFICATE_SERIES, issuer=str(obj.province_id), on=issued_on)
    return CERTIFICATION_WORKFLOW.apply(
        obj,
        "issue",
        by=by,
        on=issued_on,
        assessed_on=assessed_on,
        issued_on=issued_on,
        certificate_number=number,
    )


@transaction.atomic
def certification_refuse(
    *, certification: MarkCertification, by: User, reason: str, on: dt.date
) -> MarkCertification:
    """Refuse the certification, with the reason entered in the register."""
    require_reason(reason)
    return CERTIFICATION_WORKFLOW.apply(
        locked(certification), "refuse", by=by, on=on, closed_on=on, close_reason=reason
    )


@transaction.atomic
def certification_suspend(
    *, certification: MarkCertification, by: User, reason: str, on: dt.date, until: dt.date
) -> MarkCertification:
    """Suspend the certificate for at most 6 months."""
    require_reason(reason)
    longest = due_date(ProcedureStep.SUSPENSION_MAX, on)
    if until <= on or until > longest.day:
        raise ValidationError(
            {
                "until": _(
                    "A suspension lasts at most until {day} (6 months): choose an end date "
                    "after {start} and no later than that."
                ).format(day=longest.day.strftime("%d/%m/%Y"), start=on.strftime("%d/%m/%Y"))
            }
        )
    return CERTIFICATION_WORKFLOW.apply(
        locked(certification),
        "suspend",
        by=by,
        on=on,
        suspended_until=until,
        close_reason=reason,
    )


@transaction.atomic
def certification_reinstate(*, certification: MarkCertification, by: User) -> MarkCertification:
    """Lift a suspension once the holder has remedied the breach."""
    return CERTIFICATION_WORKFLOW.apply(
        locked(certification), "reinstate", by=by, suspended_until=None
    )


@transaction.atomic
def certification_revoke(
    *, certification: MarkCertification, by: User, reason: str, on: dt.date
) -> MarkCertification:
    """Revoke the certificate (serious violation, breach not remedied, request, bankruptcy)."""
    require_reason(reason)
    return CERTIFICATION_WORKFLOW.apply(
        locked(certification), "revoke", by=by, on=on, closed_on=on, close_reason=reason
    )
