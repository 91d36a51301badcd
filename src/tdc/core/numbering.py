"""Gap-free document numbers per series, year and issuer (DESIGN.md §4: numbers).

Certificates, dossiers, decisions and minutes carry numbers that run 1, 2, 3… within a year for
each issuer, with no gaps: an auditor must be able to see that no number went missing. A number
is therefore taken from its counter row **under a row lock inside the transaction that saves the
numbered record**: if that transaction rolls back, the counter rolls back with it and the next
record gets the same number; concurrent callers wait for the lock instead of skipping numbers.

On PostgreSQL the counter's ``UPDATE`` takes the row lock (held to the end of the caller's
transaction). On SQLite the project opens every transaction ``IMMEDIATE``, which already
serialises writers.

Usage, inside the service that creates the record::

    @transaction.atomic
    def certificate_issue(*, ..., by: User) -> Certificate:
        allocated = allocate(series="certificate", issuer=issuer.code, on=issue_date)
        certificate = Certificate(number=allocated.number, ...)
        ...
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.core.audit import audit_record, snapshot
from tdc.core.exceptions import check_version
from tdc.core.models import AuditAction, NumberCounter, NumberSeries
from tdc.core.numberformat import render_number

if TYPE_CHECKING:
    from tdc.accounts.models import User

_SERIES_FIELDS = ("name", "format")


class AllocatedNumber(NamedTuple):
    """A number given to one document."""

    number: str
    seq: int
    year: int
    series: str
    issuer: str


def _year(year: int | None, on: dt.date | None) -> int:
    if year is not None and on is not None and on.year != year:
        raise ValueError(f"year={year} and on={on.isoformat()} disagree; give one of them.")
    if year is not None:
        return year
    return (on or timezone.localdate()).year


def _in_transaction() -> bool:
    return bool(transaction.get_connection().in_atomic_block)


def allocate(
    *, series: str, issuer: str, year: int | None = None, on: dt.date | None = None
) -> AllocatedNumber:
    """Take the next number of ``series`` for ``issuer`` in ``year`` (or the year of ``on``,
    or this year). Must run inside the caller's transaction (``transaction.atomic``).
    """
    if not _in_transaction():
        raise transaction.TransactionManagementError(
            "allocate_number() must run inside the transaction that saves the numbered record "
            "(wrap the caller in transaction.atomic), otherwise a failure would leave a gap."
        )
    if not issuer:
        raise ValueError("An issuer code is required: every issuer numbers separately.")
    the_year = _year(year, on)
    try:
        number_series = NumberSeries.objects.get(code=series)
    except NumberSeries.DoesNotExist as exc:
        raise ValidationError(
            _("There is no number series “{code}”; ask an administrator to create it.").format(
                code=series
            ),
            code="unknown_series",
        ) from exc
    counters = NumberCounter.objects.filter(series=number_series, year=the_year, issuer=issuer)
    # The UPDATE locks the counter row until the caller's transaction ends.
    if not counters.update(last_seq=F("last_seq") + 1):
        # First number of the year for this issuer: create the counter (a concurrent creator
        # wins the race harmlessly: ON CONFLICT DO NOTHING), then lock it through the update.
        NumberCounter.objects.bulk_create(
            [NumberCounter(series=number_series, year=the_year, issuer=issuer)],
            ignore_conflicts=True,
        )
        counters.update(last_seq=F("last_seq") + 1)
    seq: int = counters.values_list("last_seq", flat=True).get()
    number = render_number(number_series.format, seq=seq, year=the_year, issuer=issuer)
    return AllocatedNumber(number=number, seq=seq, year=the_year, series=series, issuer=issuer)


def allocate_number(
    *, series: str, issuer: str, year: int | None = None, on: dt.date | None = None
) -> str:
    """The next document number, formatted (see :func:`allocate` for the sequence itself)."""
    return allocate(series=series, issuer=issuer, year=year, on=on).number


# --- Series administration ------------------------------------------------------------------


@transaction.atomic
def number_series_create(*, code: str, name: str, format: str, by: User) -> NumberSeries:
    """Create a series; the format is checked and the creation audited."""
    series = NumberSeries(code=code, name=name, format=format, created_by=by, modified_by=by)
    series.full_clean()
    series.save()
    audit_record(actor=by, obj=series, action=AuditAction.CREATED)
    return series


@transaction.atomic
def number_series_update(
    *, series: NumberSeries, by: User, expected_version: int | None = None, **fields: Any
) -> NumberSeries:
    """Change a series' name or format; numbers already given keep their old format."""
    unknown = sorted(set(fields) - set(_SERIES_FIELDS))
    if unknown:
        raise TypeError(f"unknown number series field(s): {unknown}")
    locked = NumberSeries.objects.select_for_update().get(pk=series.pk)
    check_version(locked, expected_version)
    before = snapshot(locked)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.version += 1
    locked.modified_by = by
    locked.save()
    audit_record(actor=by, obj=locked, action=AuditAction.UPDATED, before=before)
    return locked
