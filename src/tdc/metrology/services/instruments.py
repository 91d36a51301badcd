"""Writes to the instrument register: register, edit, change the status, archive.

Every service is keyword-only and atomic, validates with ``full_clean()``, checks the editor's
version where an edit could race, refuses records outside the actor's jurisdiction and writes
its audit event in the same transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.core.audit import snapshot
from tdc.core.models import AuditAction
from tdc.core.text import vn_fold
from tdc.metrology.choices import InstrumentStatus
from tdc.metrology.fields import INSTRUMENT_EDITABLE
from tdc.metrology.models import Instrument
from tdc.metrology.services.common import (
    check_fields,
    create_in_scope,
    edit_fields,
    ensure_in_scope,
    known_type_codes,
    lock,
    lock_for_edit,
    require_reason,
    save_change,
    status_action,
)
from tdc.registry.selectors import organisation_visible

if TYPE_CHECKING:
    from tdc.accounts.models import User
    from tdc.registry.models import Organisation


def instrument_search_text(instrument: Instrument) -> str:
    """The folded text the instrument search matches (type, maker, model, serial, address)."""
    parts = [
        instrument.type_code,
        instrument.manufacturer,
        instrument.model_name,
        instrument.serial_number,
        instrument.type_approval_number,
        instrument.address,
    ]
    return vn_fold(" ".join(p for p in parts if p))


def _prepare_instrument(instrument: Instrument) -> None:
    instrument.serial_number = (instrument.serial_number or "").strip()
    instrument.manufacturer = " ".join((instrument.manufacturer or "").split())
    instrument.type_code = (instrument.type_code or "").strip()
    if instrument.type_code and instrument.type_code not in known_type_codes():
        raise ValidationError(
            {
                "type_code": _(
                    "“{code}” is not a type on the Group 2 list; choose a type from the list."
                ).format(code=instrument.type_code)
            }
        )
    if instrument.commune_id and not instrument.province_id and instrument.commune is not None:
        instrument.province_id = instrument.commune.province_id
    if (instrument.latitude is None) != (instrument.longitude is None):
        raise ValidationError({"longitude": _("Give both latitude and longitude, or neither.")})
    instrument.search_text = instrument_search_text(instrument)


def _out_of_scope() -> str:
    return _(
        "This instrument would be outside your jurisdiction (owner or place); you may register "
        "instruments only for your own organisation or in your province or commune."
    )


def _check_owner(owner: Organisation | None, by: User) -> None:
    if owner is None:
        return
    if not organisation_visible(by, owner.pk):
        raise ValidationError(
            {"owner": _("You cannot register instruments for this owner; choose one you manage.")}
        )


@transaction.atomic
def instrument_register(*, by: User, **fields: Any) -> Instrument:
    """Enter an instrument in the register (unique per type, manufacturer and serial)."""
    check_fields(fields, INSTRUMENT_EDITABLE, "instrument")
    instrument = Instrument(**fields)
    _check_owner(fields.get("owner"), by)
    _prepare_instrument(instrument)
    return create_in_scope(instrument, by=by, outside=_out_of_scope())


@transaction.atomic
def instrument_update(
    *, instrument: Instrument, by: User, expected_version: int | None = None, **fields: Any
) -> Instrument:
    """Edit an instrument's entry in the register."""
    locked, before = edit_fields(instrument, expected_version, fields, INSTRUMENT_EDITABLE)
    if "owner" in fields and fields["owner"].pk != before["owner"]:
        _check_owner(fields["owner"], by)
    _prepare_instrument(locked)
    save_change(locked, by=by, before=before, action=status_action(before, locked))
    ensure_in_scope(locked, by, "change", _out_of_scope())
    return locked


@transaction.atomic
def instrument_change_status(
    *,
    instrument: Instrument,
    by: User,
    status: str,
    reason: str = "",
    expected_version: int | None = None,
) -> Instrument:
    """Put an instrument in use, out of service, sealed or scrapped, with the reason."""
    if status not in InstrumentStatus.values:
        raise ValidationError({"status": _("Choose one of the statuses offered.")})
    if status != InstrumentStatus.IN_USE:
        reason = require_reason(reason, _("Say why the status changes (e.g. the sealing record)."))
    locked, before = lock_for_edit(instrument, expected_version)
    locked.status = status
    locked.status_reason = reason
    return save_change(
        locked, by=by, before=before, action=AuditAction.STATUS_CHANGED, reason=reason
    )


@transaction.atomic
def instrument_archive(*, instrument: Instrument, by: User, reason: str) -> Instrument:
    """Take a record entered by mistake out of the register; it is kept, never deleted."""
    reason = require_reason(reason, _("Say why the record is archived."))
    locked = lock(instrument)
    if locked.archived_at is not None:
        raise ValidationError(_("This instrument is already archived."))
    before = snapshot(locked)
    locked.archived_at = timezone.now()
    locked.archive_reason = reason
    return save_change(locked, by=by, before=before, action=AuditAction.ARCHIVED, reason=reason)
