"""Steps both quantity-mark registers share: entering a file, the notice of an incomplete file,
its completion in time, and the reason a closing step records."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tdc.core.audit import audit_record
from tdc.core.models import AuditAction
from tdc.core.workflow import Workflow
from tdc.prepackages.models import MarkCertification, MarkDeclaration

if TYPE_CHECKING:
    from tdc.accounts.models import User


def register[F: (MarkDeclaration, MarkCertification)](file: F, *, by: User) -> F:
    """Enter a new file in its register: validated, saved, audited as created by ``by``."""
    file.created_by = file.modified_by = by
    file.full_clean()
    file.save()
    audit_record(actor=by, obj=file, action=AuditAction.CREATED)
    return file


def require_completed_in_time(
    file: MarkDeclaration | MarkCertification, completed_on: dt.date, message: str
) -> None:
    """Refuse a file completed after its completion deadline; ``message`` says what to do
    and names the deadline (``{day}``)."""
    if file.completion_due and completed_on > file.completion_due:
        day = file.completion_due.strftime("%d/%m/%Y")
        raise ValidationError({"completed_on": message.format(day=day)})


def require_reason(reason: str) -> None:
    """Refuse a closing step (cancel, refuse, suspend, revoke) without its reason."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason, as it will appear in the register.")})


def locked[F: (MarkDeclaration, MarkCertification)](file: F) -> F:
    """The file read again and locked until the end of the transaction."""
    return type(file).objects.select_for_update().get(pk=file.pk)


def mark_incomplete[F: (MarkDeclaration, MarkCertification)](
    workflow: Workflow, file: F, *, by: User, missing_items: str, notice_on: dt.date
) -> F:
    """Send the notice of an incomplete file: what it lacks; the declarant or applicant then has
    the time the workflow's ``completion_due`` deadline gives, from the day of the notice."""
    if not missing_items.strip():
        raise ValidationError({"missing_items": _("List what the file lacks.")})
    return workflow.apply(
        locked(file),
        "incomplete",
        by=by,
        on=notice_on,
        missing_items=missing_items,
        notice_sent_on=notice_on,
    )
