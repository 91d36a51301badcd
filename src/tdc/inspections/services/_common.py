"""What every write of the inspections module shares: number series, the issuing office,
saving with the version and the author, and the create/update steps of plain records."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import models

from tdc.core.audit import audit_record, snapshot
from tdc.core.exceptions import check_version
from tdc.core.models import AuditAction, AuditedModel
from tdc.core.scoping import user_may
from tdc.inspections.choices import NoticeKind

if TYPE_CHECKING:
    from tdc.accounts.models import User

DECISION_SERIES = "inspection-decision"
RECORD_SERIES = "inspection-record"
SANCTION_SERIES = "sanction-decision"
NOTICE_SERIES = {
    NoticeKind.SUSPENSION: "inspection-suspension",
    NoticeKind.RESUMPTION: "inspection-resumption",
    NoticeKind.SEALING: "inspection-sealing",
}


def issuer(province_id: str) -> str:
    """The office that numbers the province's documents."""
    return f"TDC{province_id}"


def require(user: User, model: type[models.Model], action: str, message: str) -> None:
    if not user_may(user, model, action):
        raise PermissionDenied(message)


def save_checked(obj: AuditedModel, by: User, *, creating: bool = False) -> None:
    """Validate and save a record, stamping its author (new) or its version (changed)."""
    if creating:
        obj.created_by = by
    else:
        obj.version += 1
    obj.modified_by = by
    obj.full_clean()
    obj.save()


def check_fields(fields: Mapping[str, Any], allowed: Iterable[str]) -> None:
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        raise TypeError(f"unknown field(s): {unknown}")


def record_create[M: AuditedModel](
    model: type[M], *, by: User, fields: Mapping[str, Any], allowed: Iterable[str]
) -> M:
    """A new record of ``model`` from officer-written ``fields``, validated and audited."""
    check_fields(fields, allowed)
    obj = model(**fields)
    save_checked(obj, by, creating=True)
    audit_record(actor=by, obj=obj, action=AuditAction.CREATED)
    return obj


def record_update[M: AuditedModel](
    locked: M,
    *,
    by: User,
    fields: Mapping[str, Any],
    allowed: Iterable[str],
    expected_version: int | None,
    refuse: Callable[[M], None] | None = None,
) -> M:
    """Write ``fields`` onto a locked record, audited with the record before and after.

    Refused when another edit came first, then by ``refuse`` (the record's own reasons not to
    change now).
    """
    check_fields(fields, allowed)
    check_version(locked, expected_version)
    if refuse is not None:
        refuse(locked)
    before = snapshot(locked)
    for name, value in fields.items():
        setattr(locked, name, value)
    save_checked(locked, by)
    audit_record(actor=by, obj=locked, before=before)
    return locked
