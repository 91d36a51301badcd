"""Writes of designation decisions (TT 24/2013 Arts 11–19): record, edit, suspend, revoke."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.core.audit import snapshot
from tdc.core.models import AuditAction
from tdc.metrology.choices import DesignationStatus, VerifierStatus
from tdc.metrology.fields import DESIGNATION_EDITABLE
from tdc.metrology.models import Designation, DesignationInstrumentType, Verifier
from tdc.metrology.rules.validity import designation_last_day, suspension_last_day
from tdc.metrology.selectors import designation_years_on
from tdc.metrology.services.common import (
    audit_created,
    check_fields,
    check_type_codes,
    date_text,
    edit_fields,
    ensure_in_scope,
    lock,
    require_reason,
    save_change,
    save_new,
    set_type_codes,
    type_codes_update,
)

if TYPE_CHECKING:
    from tdc.accounts.models import User
    from tdc.places.models import Province


def _no_type() -> str:
    return _("Choose at least one instrument type.")


def _designation_checks(designation: Designation) -> None:
    years = designation_years_on(designation.valid_from) if designation.valid_from else 0
    if designation.valid_to is None and designation.valid_from is not None:
        designation.valid_to = designation_last_day(designation.valid_from, years)
    if designation.valid_from and designation.valid_to:
        last = designation_last_day(designation.valid_from, years)
        if designation.valid_to > last:
            raise ValidationError(
                {
                    "valid_to": _(
                        "A designation is valid for at most {years} years (until {day}); "
                        "shorten it."
                    ).format(years=years, day=date_text(last))
                }
            )


@transaction.atomic
def designation_create(
    *,
    by: User,
    type_codes: Iterable[str],
    provinces: Iterable[Province] = (),
    **fields: Any,
) -> Designation:
    """Record a designation decision with the instrument types and provinces it covers."""
    check_fields(fields, DESIGNATION_EDITABLE, "designation")
    codes = check_type_codes(type_codes, "type_codes", _no_type())
    provinces = list(provinces)
    designation = Designation(**fields)
    _designation_checks(designation)
    save_new(designation, by=by)
    designation.provinces.set(provinces)
    set_type_codes(designation, "designation", DesignationInstrumentType, codes)
    ensure_in_scope(
        designation,
        by,
        "create",
        _("This designation is outside your province; ask that province's officers."),
    )
    audit_created(designation, by=by, type_codes=codes, provinces=[str(p.pk) for p in provinces])
    return designation


@transaction.atomic
def designation_update(
    *,
    designation: Designation,
    by: User,
    expected_version: int | None = None,
    type_codes: Iterable[str] | None = None,
    provinces: Iterable[Province] | None = None,
    **fields: Any,
) -> Designation:
    """Edit a designation decision, its instrument types and provinces."""
    locked, before = edit_fields(designation, expected_version, fields, DESIGNATION_EDITABLE)
    _designation_checks(locked)
    details = type_codes_update(
        locked, "designation", DesignationInstrumentType, type_codes, _no_type()
    )
    if provinces is not None:
        provinces = list(provinces)
        locked.provinces.set(provinces)
        details["provinces"] = [str(p.pk) for p in provinces]
    return save_change(locked, by=by, before=before, **details)


@transaction.atomic
def designation_suspend(
    *, designation: Designation, by: User, reason: str, until: dt.date | None = None
) -> Designation:
    """Suspend a designation (at most six months, TT 24/2013 Art. 17) with the reason."""
    reason = require_reason(reason, _("Say why the designation is suspended."))
    locked = lock(designation)
    if locked.status == DesignationStatus.REVOKED:
        raise ValidationError(_("A revoked designation cannot be suspended."))
    today = timezone.localdate()
    if until is not None and until > suspension_last_day(today):
        raise ValidationError({"until": _("A suspension lasts at most six months; shorten it.")})
    before = snapshot(locked)
    locked.status = DesignationStatus.SUSPENDED
    locked.status_reason = reason
    locked.suspended_until = until
    return save_change(locked, by=by, before=before, action=AuditAction.SUSPENDED, reason=reason)


@transaction.atomic
def designation_revoke(*, designation: Designation, by: User, reason: str) -> Designation:
    """Revoke a designation; its verifiers' certifications end with it."""
    reason = require_reason(reason, _("Say why the designation is revoked."))
    locked = lock(designation)
    if locked.status == DesignationStatus.REVOKED:
        raise ValidationError(_("This designation is already revoked."))
    before = snapshot(locked)
    locked.status = DesignationStatus.REVOKED
    locked.status_reason = reason
    locked.suspended_until = None
    save_change(locked, by=by, before=before, action=AuditAction.REVOKED, reason=reason)
    for verifier in Verifier.objects.select_for_update().filter(
        designation=locked, status=VerifierStatus.ACTIVE
    ):
        verifier_before = snapshot(verifier)
        verifier.status = VerifierStatus.REVOKED
        verifier.status_reason = _("Designation {number} revoked: {reason}").format(
            number=locked.decision_number, reason=reason
        )[:255]
        save_change(
            verifier, by=by, before=verifier_before, action=AuditAction.REVOKED, reason=reason
        )
    return locked
