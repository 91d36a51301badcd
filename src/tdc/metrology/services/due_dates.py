"""Due dates of instruments recomputed in bulk, after verifications were written by an import
(the generic path and the PostgreSQL fast path); the services of single verifications keep
their instrument's due date themselves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import connection
from django.db.models import OuterRef, Subquery

from tdc.metrology.choices import VerificationResult
from tdc.metrology.models import Instrument, Verification


def refresh_due_dates(instrument_ids: Iterable[int]) -> None:
    """Set each instrument's ``next_due_date`` to the valid-until date of its last passed
    verification (set-based, in chunks)."""
    last_passed = (
        Verification.objects.filter(instrument_id=OuterRef("pk"), result=VerificationResult.PASSED)
        .order_by("-verified_on", "-id")
        .values("valid_until")[:1]
    )
    ids = sorted(set(instrument_ids))
    for start in range(0, len(ids), 5000):
        Instrument.objects.filter(pk__in=ids[start : start + 5000]).update(
            next_due_date=Subquery(last_passed)
        )


def refresh_due_dates_sql(last_passed: dict[int, tuple[dt.date, dt.date]]) -> None:
    """The due dates of the imported instruments, in one statement (PostgreSQL): each takes the
    valid-until date of its latest passed verification in the file, unless a passed
    verification already recorded is later."""
    if not last_passed:
        return
    quote = connection.ops.quote_name
    instruments = quote(Instrument._meta.db_table)
    verifications = quote(Verification._meta.db_table)
    ids = list(last_passed)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {instruments} AS i SET next_due_date = c.valid_until
            FROM unnest(%s::bigint[], %s::date[], %s::date[])
                AS c(instrument_id, verified_on, valid_until)
            WHERE i.id = c.instrument_id
            AND NOT EXISTS (
                SELECT 1 FROM {verifications} AS v
                WHERE v.instrument_id = c.instrument_id AND v.result = %s
                AND v.verified_on > c.verified_on
            )
            """,  # noqa: S608
            [
                ids,
                [last_passed[pk][0] for pk in ids],
                [last_passed[pk][1] for pk in ids],
                VerificationResult.PASSED.value,
            ],
        )
