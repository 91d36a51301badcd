"""The register of conformity bodies: entered, corrected, suspended and reinstated."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdc.core.audit import audit_record, save_changes, snapshot
from tdc.core.exceptions import check_version
from tdc.core.models import AuditAction
from tdc.quality.models import ConformityBody

if TYPE_CHECKING:
    from tdc.accounts.models import User
    from tdc.places.models import Province

_EDITABLE = frozenset(ConformityBody.FIELDS)


def _clean_scope(values: dict[str, Any]) -> None:
    scope = values.get("scope_qcvn")
    if isinstance(scope, str):
        values["scope_qcvn"] = [line.strip() for line in scope.splitlines() if line.strip()]


@transaction.atomic
def body_create(*, by: User, province: Province, **values: Any) -> ConformityBody:
    """Enter a conformity body in the register kept by ``province``."""
    unknown = set(values) - _EDITABLE
    if unknown:
        raise TypeError(f"not fields of a conformity body: {sorted(unknown)}")
    _clean_scope(values)
    body = ConformityBody(province=province, created_by=by, modified_by=by, **values)
    body.full_clean()
    body.save()
    audit_record(actor=by, obj=body, action=AuditAction.CREATED)
    return body


@transaction.atomic
def body_update(
    *, body: ConformityBody, by: User, expected_version: int | None = None, **values: Any
) -> ConformityBody:
    """Correct a body's record; ``expected_version`` is the version the editor loaded."""
    unknown = set(values) - _EDITABLE
    if unknown:
        raise TypeError(f"not fields of a conformity body: {sorted(unknown)}")
    obj = ConformityBody.objects.select_for_update().get(pk=body.pk)
    check_version(obj, expected_version)
    before = snapshot(obj)
    _clean_scope(values)
    for name, value in values.items():
        setattr(obj, name, value)
    obj.full_clean()
    if save_changes(obj, by=by, before=before):
        audit_record(actor=by, obj=obj, action=AuditAction.UPDATED, before=before)
    return obj


@transaction.atomic
def body_suspend(
    *,
    body: ConformityBody,
    by: User,
    suspended_from: dt.date,
    suspended_until: dt.date | None,
    reason: str,
    expected_version: int | None = None,
) -> ConformityBody:
    """Suspend a body from a day (to a day, or until reinstated), with the reason."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason, as it will appear in the register.")})
    if suspended_until is not None and suspended_until < suspended_from:
        raise ValidationError(
            {"suspended_until": _("The suspension ends before it starts; correct the dates.")}
        )
    obj = ConformityBody.objects.select_for_update().get(pk=body.pk)
    check_version(obj, expected_version)
    before = snapshot(obj)
    obj.suspended_from = suspended_from
    obj.suspended_until = suspended_until
    obj.suspension_reason = reason.strip()
    obj.full_clean()
    if save_changes(obj, by=by, before=before):
        audit_record(actor=by, obj=obj, action=AuditAction.UPDATED, before=before)
    return obj


@transaction.atomic
def body_reinstate(
    *, body: ConformityBody, by: User, on: dt.date, expected_version: int | None = None
) -> ConformityBody:
    """End a suspension on the day before ``on``."""
    obj = ConformityBody.objects.select_for_update().get(pk=body.pk)
    check_version(obj, expected_version)
    if obj.suspended_from is None:
        raise ValidationError(_("This body is not suspended."))
    before = snapshot(obj)
    obj.suspended_until = max(obj.suspended_from, on - dt.timedelta(days=1))
    obj.full_clean()
    if save_changes(obj, by=by, before=before):
        audit_record(actor=by, obj=obj, action=AuditAction.UPDATED, before=before)
    return obj
