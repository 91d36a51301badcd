"""Writes of certified verifiers (TT 24/2013 Arts 29–37): record, edit, suspend."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdc.core.audit import snapshot
from tdc.core.models import AuditAction
from tdc.metrology.choices import VerifierStatus
from tdc.metrology.fields import VERIFIER_EDITABLE
from tdc.metrology.models import Verifier, VerifierInstrumentType
from tdc.metrology.services.common import (
    audit_created,
    check_fields,
    check_type_codes,
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


def _verifier_defaults(verifier: Verifier) -> None:
    designation = verifier.designation if verifier.designation_id else None
    if designation is not None and verifier.valid_to is None:
        verifier.valid_to = designation.valid_to
    if designation is not None and not verifier.organisation_id:
        verifier.organisation_id = designation.organisation_id
    verifier.card_number = (verifier.card_number or "").strip()


@transaction.atomic
def verifier_create(*, by: User, type_codes: Iterable[str], **fields: Any) -> Verifier:
    """Record a certified verifier and the instrument types (fields) they may verify."""
    check_fields(fields, VERIFIER_EDITABLE, "verifier")
    codes = check_type_codes(
        type_codes, "type_codes", _("Choose at least one field (instrument type).")
    )
    verifier = Verifier(**fields)
    _verifier_defaults(verifier)
    save_new(verifier, by=by)
    set_type_codes(verifier, "verifier", VerifierInstrumentType, codes)
    ensure_in_scope(
        verifier, by, "create", _("This verifier's organisation is outside your jurisdiction.")
    )
    audit_created(verifier, by=by, type_codes=codes)
    return verifier


@transaction.atomic
def verifier_update(
    *,
    verifier: Verifier,
    by: User,
    expected_version: int | None = None,
    type_codes: Iterable[str] | None = None,
    **fields: Any,
) -> Verifier:
    """Edit a verifier's record and the instrument types they may verify."""
    locked, before = edit_fields(verifier, expected_version, fields, VERIFIER_EDITABLE)
    _verifier_defaults(locked)
    details = type_codes_update(
        locked, "verifier", VerifierInstrumentType, type_codes, _("Choose at least one field.")
    )
    return save_change(locked, by=by, before=before, **details)


@transaction.atomic
def verifier_suspend(*, verifier: Verifier, by: User, reason: str) -> Verifier:
    """Suspend a verifier's certification (card void while suspended), with the reason."""
    reason = require_reason(reason, _("Say why the verifier is suspended."))
    locked = lock(verifier)
    if locked.status != VerifierStatus.ACTIVE:
        raise ValidationError(_("Only an active verifier can be suspended."))
    before = snapshot(locked)
    locked.status = VerifierStatus.SUSPENDED
    locked.status_reason = reason
    return save_change(locked, by=by, before=before, action=AuditAction.SUSPENDED, reason=reason)
