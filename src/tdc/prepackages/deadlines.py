"""Deadlines of the quantity-mark procedures, from the versioned deadline rows and the
working-day calendar."""

from __future__ import annotations

import datetime as dt

from tdc.core.refdata import version_label
from tdc.core.workflow import Due, Period, PeriodInForce
from tdc.prepackages.selectors import procedure_deadline


def procedure_period(step: str, start: dt.date) -> PeriodInForce:
    """The time limit of ``step`` in force on ``start``, and the label of its row."""
    row = procedure_deadline(step, start)
    period = Period(row.amount, row.unit, count_from_start_day=row.count_from_receipt_day)
    return PeriodInForce(period, version_label(row))


def due_date(step: str, start: dt.date) -> Due:
    """The last day of ``step`` counted from ``start``, by the row in force on ``start``."""
    period, version = procedure_period(step, start)
    return Due(period.end(start), version)
