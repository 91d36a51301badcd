"""A document's status on a day, from its dated events (quality-facts §4.1, lifecycle verbs of
TT 11/2021/TT-BKHCN Art. 7): the status is never typed in, it follows from what happened when.

- before it takes effect: ``chưa có hiệu lực`` (not yet in force);
- from a replacement's date: ``bị thay thế`` (replaced, with the successor);
- from a cancellation's date: ``hủy bỏ`` (cancelled);
- otherwise in force; ``đang soát xét`` while a review opened on or before the day is not
  closed; ``có sửa đổi`` once an amendment is in force; else ``hiện hành``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    NOT_YET = "not_yet"
    IN_FORCE = "in_force"
    AMENDED = "amended"
    UNDER_REVIEW = "under_review"
    REPLACED = "replaced"
    CANCELLED = "cancelled"


#: Event kinds (the values of ``choices.EventKind``).
AMENDED, REVIEW_OPENED, REVIEW_CLOSED, REPLACED, CANCELLED = (
    "amended",
    "review_opened",
    "review_closed",
    "replaced",
    "cancelled",
)
TERMINAL = frozenset({REPLACED, CANCELLED})


@dataclass(frozen=True)
class Event:
    kind: str
    on: dt.date


def status_on(effective_from: dt.date | None, events: Iterable[Event], day: dt.date) -> Status:
    """The status on ``day`` of a document in force from ``effective_from`` with ``events``."""
    past = sorted((e for e in events if e.on <= day), key=lambda e: e.on)
    for event in past:
        if event.kind in TERMINAL:
            return Status.REPLACED if event.kind == REPLACED else Status.CANCELLED
    if effective_from is not None and effective_from > day:
        return Status.NOT_YET
    review_open = False
    for event in past:
        if event.kind == REVIEW_OPENED:
            review_open = True
        elif event.kind == REVIEW_CLOSED:
            review_open = False
    if review_open:
        return Status.UNDER_REVIEW
    if any(e.kind == AMENDED for e in past):
        return Status.AMENDED
    return Status.IN_FORCE
