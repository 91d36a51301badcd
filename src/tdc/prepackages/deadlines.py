"""Deadlines of the quantity-mark procedures, from the versioned deadline rows and the
working-day calendar."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from tdc.core.calendar import add_months, add_working_days
from tdc.core.refdata import version_label
from tdc.prepackages.choices import DeadlineUnit
from tdc.prepackages.selectors import procedure_deadline


class Due(NamedTuple):
    """A deadline and the label of the reference row that set it."""

    day: dt.date
    version: str


def due_date(step: str, start: dt.date) -> Due:
    """The last day of ``step`` counted from ``start``, by the row in force on ``start``."""
    row = procedure_deadline(step, start)
    if row.unit == DeadlineUnit.WORKING_DAYS:
        day = add_working_days(start, row.amount, count_from_receipt_day=row.count_from_receipt_day)
    elif row.unit == DeadlineUnit.CALENDAR_DAYS:
        day = start + dt.timedelta(days=row.amount)
    else:
        day = add_months(start, row.amount)
    return Due(day, version_label(row))
