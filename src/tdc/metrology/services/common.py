"""What every metrology service does the same way: accept only the listed fields, require a
reason, lock the row, save a change with its version and audit event, and refuse a result
outside the actor's jurisdiction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from tdc.core.audit import audit_record, snapshot
from tdc.core.exceptions import check_version
from tdc.core.models import AuditAction, AuditedModel
from tdc.core.scoping import object_in_scope
from tdc.metrology.models import InstrumentType

if TYPE_CHECKING:
    from tdc.accounts.models import User


def check_fields(fields: Iterable[str], allowed: Iterable[str], what: str) -> None:
    """Refuse (as a programming error) fields a service does not write."""
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        raise TypeError(f"unknown {what} fields: {unknown}")


def require_reason(reason: str, message: str, *, field: str = "reason") -> str:
    """The reason, stripped; a field-keyed error when it is empty."""
    if not reason or not reason.strip():
        raise ValidationError({field: message})
    return reason.strip()


def ensure_in_scope(
    obj: models.Model, by: User, action: str, message: str, *, field: str | None = None
) -> None:
    """Refuse a write whose result lies outside the actor's jurisdiction (rolled back)."""
    if not object_in_scope(obj, by, action):
        raise ValidationError({field: message} if field else message)


def lock[M: models.Model](obj: M, *related: str) -> M:
    """The row again (with the ``related`` rows joined), locked until the transaction ends."""
    rows = type(obj)._default_manager.select_for_update()
    if related:
        rows = rows.select_related(*related)
    return rows.get(pk=obj.pk)


def lock_for_edit[M: AuditedModel](
    obj: M, expected_version: int | None, *related: str
) -> tuple[M, dict[str, Any]]:
    """The locked row (refused when someone saved it since ``expected_version``) and its
    snapshot before the change."""
    locked = lock(obj, *related)
    check_version(locked, expected_version)
    return locked, snapshot(locked)


def edit_fields[M: AuditedModel](
    obj: M, expected_version: int | None, fields: Mapping[str, Any], allowed: Iterable[str]
) -> tuple[M, dict[str, Any]]:
    """The locked row with ``fields`` (among ``allowed``) set on it (see
    :func:`lock_for_edit`), and its snapshot before the change."""
    check_fields(fields, allowed, type(obj).__name__)
    locked, before = lock_for_edit(obj, expected_version)
    for name, value in fields.items():
        setattr(locked, name, value)
    return locked, before


def save_change[M: AuditedModel](
    obj: M,
    *,
    by: User,
    before: dict[str, Any] | None,
    action: str = AuditAction.UPDATED,
    update_fields: Iterable[str] | None = None,
    clean: bool = True,
    **details: Any,
) -> M:
    """Validate, bump the version, save and audit a change of ``obj`` made by ``by``."""
    if clean:
        obj.full_clean()
    obj.version += 1
    obj.modified_by = by
    if update_fields is None:
        obj.save()
    else:
        obj.save(update_fields=[*update_fields, "version", "modified_by", "modified_at"])
    audit_record(actor=by, obj=obj, action=action, before=before, details=details or None)
    return obj


def save_new[M: AuditedModel](obj: M, *, by: User) -> M:
    """Validate and save a new record entered by ``by`` (audit it with :func:`audit_created`
    once everything that belongs to it is written)."""
    obj.created_by = by
    obj.modified_by = by
    obj.full_clean()
    obj.save()
    return obj


def audit_created(obj: models.Model, *, by: User, **details: Any) -> None:
    """The audit event of a new record."""
    audit_record(actor=by, obj=obj, action=AuditAction.CREATED, details=details or None)


def create_audited[M: AuditedModel](obj: M, *, by: User) -> M:
    """Validate, save and audit a new record entered by ``by``."""
    save_new(obj, by=by)
    audit_created(obj, by=by)
    return obj


def create_in_scope[M: AuditedModel](obj: M, *, by: User, outside: str) -> M:
    """Validate, save and audit a new record; refused when it lies outside the actor's
    jurisdiction (``outside`` says why)."""
    create_audited(obj, by=by)
    ensure_in_scope(obj, by, "create", outside)
    return obj


def status_action(before: dict[str, Any], obj: Any) -> str:
    """The audit action of an edit: a status change when the status changed."""
    return AuditAction.STATUS_CHANGED if before["status"] != obj.status else AuditAction.UPDATED


def date_text(day: dt.date) -> str:
    """A date as Vietnamese documents write it (dd/mm/yyyy)."""
    return day.strftime("%d/%m/%Y")


def known_type_codes() -> set[str]:
    """Codes on the Group 2 list (any version)."""
    return set(InstrumentType.objects.values_list("code", flat=True).distinct())


def check_type_codes(codes: Iterable[str], field: str, empty_message: str) -> list[str]:
    """The chosen instrument types, sorted; refused when unknown or when none is chosen."""
    wanted = sorted({c.strip() for c in codes if c and c.strip()})
    unknown = sorted(set(wanted) - known_type_codes())
    if unknown:
        raise ValidationError(
            {
                field: _(
                    "These codes are not on the Group 2 list: {codes}; choose types from the list."
                ).format(codes=", ".join(unknown))
            }
        )
    if not wanted:
        raise ValidationError({field: empty_message})
    return wanted


def set_type_codes(
    parent: models.Model, link: str, model: type[models.Model], codes: list[str]
) -> list[str]:
    """Make ``codes`` the instrument types listed for ``parent`` (a designation or a verifier)
    in the ``model`` table, whose foreign key to it is ``link``; the codes."""
    rows = model._default_manager.filter(**{link: parent})
    rows.exclude(type_code__in=codes).delete()
    have = set(rows.values_list("type_code", flat=True))
    model._default_manager.bulk_create(
        [model(**{link: parent, "type_code": c}) for c in codes if c not in have]
    )
    return codes


def type_codes_update(
    parent: models.Model,
    link: str,
    model: type[models.Model],
    codes: Iterable[str] | None,
    empty_message: str,
) -> dict[str, Any]:
    """Replace the instrument types of ``parent`` when ``codes`` is given (see
    :func:`set_type_codes`); the audit details of the change."""
    if codes is None:
        return {}
    checked = check_type_codes(codes, "type_codes", empty_message)
    return {"type_codes": set_type_codes(parent, link, model, checked)}
