"""Sticker and stamp stock (TT 24/2013 Arts 38–39): serial ranges issued to verification
organisations, voided with a reason, and the stock report (issued, used, voided, remaining).
Serials are consumed by :func:`tdc.metrology.services_verification.verification_record`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.core.audit import audit_bulk, audit_record
from tdc.core.models import AuditAction
from tdc.core.scoping import object_in_scope
from tdc.metrology.choices import StampKind
from tdc.metrology.models import StampBatch, StampUse
from tdc.metrology.services_verification import used_message

if TYPE_CHECKING:
    from tdc.registry.models import Organisation


def _date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


@transaction.atomic
def stamp_batch_issue(
    *,
    by: Any,
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
                    day=_date(overlapping.issued_on),
                )
            }
        )
    batch.save()
    if by is not None and not object_in_scope(batch, by, "create"):
        raise ValidationError(
            {"organisation": _("This organisation is outside your jurisdiction.")}
        )
    audit_record(actor=by, obj=batch, action=AuditAction.CREATED)
    return batch


@transaction.atomic
def stamp_void(
    *,
    batch: StampBatch,
    by: Any,
    first_number: int,
    last_number: int | None = None,
    reason: str,
    voided_on: dt.date | None = None,
) -> list[StampUse]:
    """Void unused serials of a batch (damaged, lost), with the reason; used serials are
    refused."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the serials are voided (damaged, lost…).")})
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
    if last - first_number >= 10_000:
        raise ValidationError({"last_number": _("Void at most 10,000 serials at a time.")})
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


@dataclass(frozen=True)
class StockLine:
    """Stock of one batch: serials issued, used on verifications, voided and still available."""

    batch: StampBatch
    issued: int
    used: int
    voided: int

    @property
    def remaining(self) -> int:
        return self.issued - self.used - self.voided


def stamp_stock(batches: Iterable[StampBatch]) -> list[StockLine]:
    """Issued, used, voided and remaining serials of each batch (one grouped query)."""
    batches = list(batches)
    counts: dict[int, Any] = {
        row["batch_id"]: row
        for row in StampUse.objects.filter(batch__in=[b.pk for b in batches])
        .values("batch_id")
        .annotate(
            used=Count("id", filter=Q(voided=False)), voided=Count("id", filter=Q(voided=True))
        )
    }
    return [
        StockLine(
            batch=b,
            issued=b.size,
            used=counts.get(b.pk, {}).get("used", 0),
            voided=counts.get(b.pk, {}).get("voided", 0),
        )
        for b in batches
    ]


@dataclass(frozen=True)
class StockTotal:
    """Stock of one organisation and kind, summed over its batches."""

    organisation: Organisation
    kind: str
    issued: int
    used: int
    voided: int

    @property
    def remaining(self) -> int:
        return self.issued - self.used - self.voided

    @property
    def kind_label(self) -> str:
        return str(StampKind(self.kind).label)


def stamp_stock_report(batches: Iterable[StampBatch]) -> list[StockTotal]:
    """The stock report per organisation and kind: issued, used, voided, remaining."""
    totals: dict[tuple[int, str], list[Any]] = {}
    for line in stamp_stock(batches):
        key = (line.batch.organisation_id, line.batch.kind)
        entry = totals.setdefault(key, [line.batch.organisation, 0, 0, 0])
        entry[1] += line.issued
        entry[2] += line.used
        entry[3] += line.voided
    return [
        StockTotal(organisation=org, kind=kind, issued=i, used=u, voided=v)
        for (_org, kind), (org, i, u, v) in sorted(
            totals.items(), key=lambda item: (item[1][0].name, item[0][1])
        )
    ]
