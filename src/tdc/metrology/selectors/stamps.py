"""Reads of sticker and stamp stock: batches, the serials used or voided, the stock report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet

from tdc.metrology.choices import StampKind
from tdc.metrology.models import StampBatch, StampUse

if TYPE_CHECKING:
    from tdc.core.scoping import ScopedQuerySet
    from tdc.registry.models import Organisation


def stamp_batch_base() -> ScopedQuerySet[StampBatch]:
    """The queryset every batch screen and endpoint starts from."""
    return StampBatch.objects.select_related("organisation")


def stamp_batch_uses(batch: StampBatch) -> QuerySet[StampUse]:
    """The serials of a batch used or voided so far, by number."""
    return batch.uses.select_related("verification").order_by("number", "id")


@dataclass(frozen=True)
class _Stock:
    issued: int
    used: int
    voided: int

    @property
    def remaining(self) -> int:
        return self.issued - self.used - self.voided


@dataclass(frozen=True)
class StockLine(_Stock):
    """Stock of one batch: serials issued, used on verifications, voided and still available."""

    batch: StampBatch


@dataclass(frozen=True)
class StockTotal(_Stock):
    """Stock of one organisation and kind, summed over its batches."""

    organisation: Organisation
    kind: str

    @property
    def kind_label(self) -> str:
        return str(StampKind(self.kind).label)


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
