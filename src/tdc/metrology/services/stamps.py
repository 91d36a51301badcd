"""Sticker and stamp stock (TT 24/2013 Arts 38–39): serial ranges issued to verification
organisations, voided with a reason, and consumed by
:func:`tdc.metrology.services.verification.verification_record` (once per serial)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.core.audit import audit_bulk, audit_record
from tdc.core.models import AuditAction
from tdc.metrology.models import StampBatch, StampUse
from tdc.metrology.services.common import (
    audit_created,
    date_text,
    ensure_in_scope,
    require_reason,
)

if TYPE_CHECKING:
    from tdc.accounts.models import User
    from tdc.metrology.models import Verification
    from tdc.registry.models import Organisation

#: The most serials voided at once.
MAX_VOID = 10_000


def used_message(use: StampUse) -> str:
    """Why a serial cannot be used: voided, or already on a verification."""
    if use.voided:
        return _("Serial {serial} was voided ({reason}); take the next one from stock.").format(
            serial=use.serial, reason=use.void_reason
        )
    return _(
        "Serial {serial} is already on verification #{id} of {day}; a serial cannot be used "
        "twice — take the next one from stock."
    ).format(serial=use.serial, id=use.verification_id, day=date_text(use.used_on))


def _find_batch(
    organisation: Organisation, kind: str, serial: str
) -> tuple[StampBatch, int] | None:
    for batch in StampBatch.objects.filter(organisation=organisation, kind=kind).order_by("-id"):
        if not serial.startswith(batch.prefix):
            continue
        digits = serial[len(batch.prefix) :]
        if not digits.isdigit():
            continue
        number = int(digits)
        if batch.first_number <= number <= batch.last_number:
            return batch, number
    return None


def stamp_locate(organisation: Organisation, kind: str, serial: str) -> tuple[StampBatch, int]:
    """The batch of the organisation's stock a serial comes from, and its number; refused when
    the serial is in no batch of the organisation or was already used or voided."""
    located = _find_batch(organisation, kind, serial)
    if located is None:
        raise ValidationError(
            {
                "stamp_serial": _(
                    "Serial {serial} is not in any batch issued to {org}; check the serial, or ask "
                    "the provincial authority to record the batch."
                ).format(serial=serial, org=organisation.name)
            }
        )
    existing = StampUse.objects.filter(kind=kind, serial=serial).first()
    if existing is not None:
        raise ValidationError({"stamp_serial": used_message(existing)})
    return located


def stamp_consume(
    verification: Verification, *, batch: StampBatch, number: int, kind: str, by: User
) -> StampUse:
    """Put the serial on the verified instrument (within the verification's transaction)."""
    use = StampUse(
        batch=batch,
        organisation=verification.organisation,
        kind=kind,
        serial=verification.stamp_serial,
        number=number,
        verification=verification,
        used_on=verification.verified_on,
        created_by=by,
        modified_by=by,
    )
    try:
        with transaction.atomic():
            use.save()
    except IntegrityError as exc:
        # Two verifications took the same serial at once: the database refused the second.
        existing = StampUse.objects.filter(kind=kind, serial=use.serial).first()
        raise ValidationError(
            {"stamp_serial": used_message(existing) if existing else str(exc)}
        ) from exc
    audit_record(actor=by, obj=use, action=AuditAction.CREATED)
    return use


@transaction.atomic
def stamp_batch_issue(
    *,
    by: User,
    organisation: Organisation,
    kind: str,
    first_number: int,
    last_number: int,
    issued_on: dt.date,
    prefix: str = "",
    number_width: int = 7,
    notes: str = "",
) -> StampBatch:
    """Issue a range of sticker or stamp serials to a verification organisation; a range that
    overlaps one already issued (same kind and prefix) is refused."""
    prefix = (prefix or "").strip().upper()
    batch = StampBatch(
        organisation=organisation,
        kind=kind,
        prefix=prefix,
        first_number=first_number,
        last_number=last_number,
        number_width=number_width,
        issued_on=issued_on,
        notes=notes,
        created_by=by,
        modified_by=by,
    )
    batch.full_clean()
    if first_number is not None and len(str(last_number)) > number_width:
        raise ValidationError(
            {"number_width": _("The last number has more digits than the width; widen it.")}
        )
    overlapping = (
        StampBatch.objects.select_for_update()
        .filter(
            kind=kind, prefix=prefix, first_number__lte=last_number, last_number__gte=first_number
        )
        .select_related("organisation")
        .first()
    )
    if overlapping is not None:
        raise ValidationError(
            {
                "first_number": _(
                    "This range overlaps batch {batch} issued to {org} on {day}; issue a range "
                    "that starts after it."
                ).format(
                    batch=str(overlapping),
                    org=overlapping.organisation.name,
                    day=date_text(overlapping.issued_on),
                )
            }
        )
    batch.save()
    ensure_in_scope(
        batch,
        by,
        "create",
        _("This organisation is outside your jurisdiction."),
        field="organisation",
    )
    audit_created(batch, by=by)
    return batch


def _void_range(batch: StampBatch, first_number: int, last_number: int | None) -> int:
    """The last number of the range to void, checked against the batch."""
    last = first_number if last_number is None else last_number
    if last < first_number:
        raise ValidationError({"last_number": _("The last number comes before the first.")})
    if first_number < batch.first_number or last > batch.last_number:
        raise ValidationError(
            {
                "first_number": _(
                    "Only serials of this batch ({range}) can be voided here."
                ).format(range=str(batch))
            }
        )
    if last - first_number >= MAX_VOID:
        raise ValidationError({"last_number": _("Void at most 10,000 serials at a time.")})
    return last


@transaction.atomic
def stamp_void(
    *,
    batch: StampBatch,
    by: User,
    first_number: int,
    last_number: int | None = None,
    reason: str,
    voided_on: dt.date | None = None,
) -> list[StampUse]:
    """Void unused serials of a batch (damaged, lost), with the reason; used serials are
    refused."""
    reason = require_reason(reason, _("Say why the serials are voided (damaged, lost…)."))
    last = _void_range(batch, first_number, last_number)
    serials = [batch.serial(n) for n in range(first_number, last + 1)]
    taken = StampUse.objects.filter(kind=batch.kind, serial__in=serials).order_by("number").first()
    if taken is not None:
        raise ValidationError({"first_number": used_message(taken)})
    day = voided_on or timezone.localdate()
    uses = [
        StampUse(
            batch=batch,
            organisation_id=batch.organisation_id,
            kind=batch.kind,
            serial=batch.serial(n),
            number=n,
            used_on=day,
            voided=True,
            void_reason=reason[:255],
            created_by=by,
            modified_by=by,
        )
        for n in range(first_number, last + 1)
    ]
    for use in uses[:1]:
        use.full_clean(exclude=["batch", "organisation"])
    try:
        with transaction.atomic():
            created = StampUse.objects.bulk_create(uses)
    except IntegrityError as exc:
        raise ValidationError(
            {"first_number": _("Some of these serials were used meanwhile; reload and retry.")}
        ) from exc
    audit_bulk(actor=by, objs=created, action=AuditAction.ARCHIVED)
    audit_record(
        actor=by,
        obj=batch,
        action=AuditAction.UPDATED,
        details={
            "voided": f"{batch.serial(first_number)}–{batch.serial(last)}",
            "count": len(created),
            "reason": reason,
        },
    )
    return created
