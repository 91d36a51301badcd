"""Deadlines of the quantity-mark procedures, from the versioned deadline rows and the
working-day calendar."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import NamedTuple

from tdc.core.calendar import add_working_days
from tdc.core.refdata import version_label
from tdc.prepackages.choices import DeadlineUnit


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class Due(NamedTuple):
    """A deadline and the label of the reference row that set it."""

    day: dt.date
    version: str


def due_date(step: str, start: dt.date) -> Due:
    """The last day of ``step`` counted from ``start``, by the row in force on ``start``."""
    from tdc.prepackages.selectors import procedure_deadline

    row = procedure_deadline(step, start)
    if row.unit == DeadlineUnit.WORKING_DAYS:
        day = add_working_days(start, row.amount, count_from_receipt_day=row.count_from_receipt_day)
    elif row.unit == DeadlineUnit.CALENDAR_DAYS:
        day = start + dt.timedelta(days=row.amount)
    else:
        day = add_months(start, row.amount)
    return Due(day, version_label(row))
