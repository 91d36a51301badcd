"""The fast path of the verifications import for very large CSV files (PostgreSQL ``COPY``).

A streaming parse, the same rules as the generic import
(:class:`~tdc.metrology.imports.verification_rows.VerificationRowChecker`, with caches for the
common row), and ``COPY`` of the validated rows and their audit events in one transaction
(docs/benchmarks.md, docs/adr/0008). It reports every bad row like the generic path and writes
nothing if any.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import queue
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.core.imports import CellError, RowContext, _parse_row, as_text, choice, map_columns
from tdc.core.models import AuditAction, AuditEvent
from tdc.metrology.choices import VerificationKind, VerificationPlace, VerificationResult
from tdc.metrology.fields import VERIFICATION_RECORD
from tdc.metrology.imports.fields import _date, _tax_code
from tdc.metrology.imports.verification_rows import (
    COLUMNS,
    KIND_SYNONYMS,
    RESULT_SYNONYMS,
    RULES_VERSION,
    VerificationRowChecker,
)
from tdc.metrology.models import Verification
from tdc.metrology.services.due_dates import refresh_due_dates_sql


@dataclass
class FastReport:
    """What the fast path did: rows read and committed, the errors kept (and counted) and the
    seconds each step took."""

    total_rows: int = 0
    committed: int = 0
    errors: list[CellError] = field(default_factory=list)
    error_count: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error_count == 0 and self.total_rows > 0


#: The columns the COPY lines fill, in order: the verification as stored, then its authorship.
_COPY_FIELDS = (
    *(
        {f.name: f.attname for f in Verification._meta.concrete_fields}[name]
        for name in VERIFICATION_RECORD
    ),
    "created_at",
    "created_by_id",
    "modified_at",
    "modified_by_id",
    "version",
)


def _csv_stream(handle: io.TextIOBase) -> Iterator[list[str]]:
    sample = handle.read(4096)
    handle.seek(0)
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return iter(csv.reader(handle, dialect))


def _copy_text(value: str) -> str:
    """A text value as COPY's text format writes it (backslash, tab and line ends escaped)."""
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return (
            value.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return value


_NULL = "\\N"
_BAD = object()  # a cached cell that did not parse


class _QuickRows:
    """The checks of :class:`VerificationRowChecker` for the common row, from caches of the
    parsed cells: a file repeats the same dates, kinds, results, organisations and verifiers
    on many rows, so each distinct cell is parsed once and the rules are dictionary lookups.

    :meth:`check` answers the row's values when it is certainly valid, and None otherwise
    (anything unusual: a bad or missing cell, the owner-and-serial form, a duplicate …); such a
    row then goes through the generic parse and the checker, which write the messages. The
    checker's record of certificates and verifications already seen is updated only for a
    valid row, exactly as the checker does.
    """

    def __init__(self, checker: VerificationRowChecker, index: dict[str, int]) -> None:
        self.checker = checker
        self.index = index
        self.usable = all(
            key in index
            for key in (
                "type_code",
                "manufacturer",
                "serial_number",
                "organisation_tax_code",
                "verifier",
                "verified_on",
                "kind",
                "result",
            )
        )
        self.dates: dict[str, Any] = {}
        self.kinds: dict[str, Any] = {}
        self.results: dict[str, Any] = {}
        self.organisations: dict[str, Any] = {}
        self.makers: dict[str, Any] = {}
        self.kind_parser = choice(VerificationKind.choices, KIND_SYNONYMS)
        self.result_parser = choice(VerificationResult.choices, RESULT_SYNONYMS)

    @staticmethod
    def _cached(cache: dict[str, Any], parse: Any, cell: str) -> Any:
        value = cache.get(cell)
        if value is None:
            try:
                value = parse(cell) if cell.strip() else _BAD
            except ValidationError:
                value = _BAD
            cache[cell] = value
        return value

    def _organisation(self, cell: str) -> Any:
        try:
            tax = _tax_code(cell) if cell.strip() else ""
        except ValidationError:
            return _BAD
        organisation = self.checker.organisations.get(tax) if tax else None
        only = self.checker.only_organisation
        if organisation is None or (only is not None and organisation != only):
            return _BAD
        return organisation

    def _maker(self, cell: str) -> Any:
        stripped = cell.strip()
        return _BAD if len(stripped) > 150 else " ".join(stripped.split())

    def _read(self, cells: list[str]) -> tuple[Any, ...] | None:
        """The row's cells, parsed from the caches; None when any is missing or unusual."""
        index = self.index
        try:
            type_code = cells[index["type_code"]].strip()
            maker = self._cached(self.makers, self._maker, cells[index["manufacturer"]])
            serial = cells[index["serial_number"]].strip()
            organisation = self._cached(
                self.organisations, self._organisation, cells[index["organisation_tax_code"]]
            )
            card = cells[index["verifier"]].strip()
            day = self._cached(self.dates, _date, cells[index["verified_on"]])
            kind = self._cached(self.kinds, self.kind_parser, cells[index["kind"]])
            result = self._cached(self.results, self.result_parser, cells[index["result"]])
            owner_position = index.get("owner_tax_code")
            if owner_position is not None and cells[owner_position].strip():
                return None  # both forms given: the generic checks decide
            position = index.get("certificate_number")
            certificate = cells[position].strip() if position is not None else ""
            position = index.get("valid_until")
            until_cell = cells[position] if position is not None else ""
        except IndexError:
            return None
        if (
            maker is _BAD
            or organisation is _BAD
            or day is _BAD
            or kind is _BAD
            or result is _BAD
            or not serial
            or len(serial) > 64
            or len(type_code) > 64
            or len(card) > 32
            or len(certificate) > 64
        ):
            return None
        until = self._cached(self.dates, _date, until_cell) if until_cell.strip() else None
        if until is _BAD:
            return None
        return (type_code, maker, serial, organisation, card, day, kind, result, certificate, until)

    def check(self, cells: list[str], number: int) -> tuple[Any, ...] | None:
        read = self._read(cells) if self.usable else None
        if read is None:
            return None
        type_code, maker, serial, organisation, card, day, kind, result, certificate, until = read
        checker = self.checker
        if day > checker.today or (result == VerificationResult.PASSED) != (until is not None):
            return None
        if until is not None and until <= day:
            return None
        instrument = checker.by_identity.get((type_code, maker, serial))
        verifier = checker.verifiers.get(card)
        if instrument is None or verifier is None or verifier[1] != organisation:
            return None
        if not verifier[2] <= day <= verifier[3]:
            return None
        seen = (instrument.pk, day, kind)
        if seen in checker.seen_rows:
            return None
        if certificate:
            key = (organisation, certificate)
            if key in checker.existing_certificates or key in checker.seen_certificates:
                return None
            checker.seen_certificates[key] = number
        checker.seen_rows[seen] = number
        return (instrument, kind, day, organisation, verifier[0], result, certificate, until)


class _CopyLines:
    """The COPY lines of the validated rows, built as text while the file is read: the
    verification without its id, and the parts of its audit event around the id."""

    def __init__(self, *, user: Any, now: dt.datetime) -> None:
        stamp = now.isoformat()
        user_id = getattr(user, "pk", None)
        actor = _NULL if user_id is None else str(user_id)
        self.stamp, self.actor = stamp, actor
        self.actor_label = _copy_text(str(getattr(user, "username", "") or "system")[:150])
        self.created = f"{stamp}\t{actor}\t{stamp}\t{actor}\t1"
        self.verifications: list[str] = []
        self.audit: list[tuple[str, str]] = []
        #: instrument id -> (date, valid until) of its latest passed verification in the file
        self.last_passed: dict[int, tuple[dt.date, dt.date]] = {}
        self.details = _copy_text(json.dumps({"import": "verifications", "fast_path": True}))
        self.request_id = uuid.uuid4().hex

    def take(self) -> tuple[list[str], list[tuple[str, str]]]:
        """The lines built so far (a chunk for the writer); the next ones start afresh."""
        chunk = (self.verifications, self.audit)
        self.verifications, self.audit = [], []
        return chunk

    def add(self, values: tuple[Any, ...]) -> None:
        instrument, kind, day, organisation, verifier, result, certificate, until = values
        type_code = _copy_text(instrument.type_code)
        commune = instrument.commune_id
        self.verifications.append(
            f"{instrument.pk}\t{kind}\t{day.isoformat()}\t{organisation}\t{verifier}\t"
            f"{VerificationPlace.ON_SITE}\t\t{result}\t\t{RULES_VERSION}\t"
            f"{_copy_text(certificate) if certificate else _NULL}\t"
            f"{until.isoformat() if until is not None else _NULL}\t\t{type_code}\t"
            f"{instrument.province_id}\t{commune if commune else _NULL}\t"
            f"{instrument.owner_id}\t\t{self.created}\n"
        )
        after = json.dumps(
            {
                "instrument": instrument.pk,
                "verified_on": day.isoformat(),
                "type_code": instrument.type_code,
                "result": str(result),
            },
            ensure_ascii=False,
        )
        label = _copy_text(f"{instrument.type_code} {day:%d/%m/%Y} — {instrument.pk}"[:255])
        self.audit.append(
            (
                f"\t{label}\t",
                f", {_copy_text(after[1:])}\t{self.details}\t{self.request_id}\t"
                f"{instrument.province_id}\t{commune or ''}\t{organisation}\n",
            )
        )
        if result == VerificationResult.PASSED and until is not None:
            last = self.last_passed.get(instrument.pk)
            if last is None or day >= last[0]:
                self.last_passed[instrument.pk] = (day, until)


class _Rollback(Exception):
    """Raised inside the import's transaction when a row was bad: nothing stays written."""


_AUDIT_COLUMNS = (
    "occurred_at",
    "actor_id",
    "actor_label",
    "action",
    "content_type_id",
    "object_id",
    "object_repr",
    "after",
    "details",
    "request_id",
    "province_code",
    "commune_code",
    "organisation_id",
)


class _Ids:
    """Ids for the verifications from their sequence, taken on a second connection (in
    autocommit: a sequence ignores transactions anyway) so that the import transaction's
    server process spends its time on the ``COPY``s. One text value per chunk, split here:
    cheaper than a row (and a Python int) per id."""

    def __init__(self, seconds: dict[str, float]) -> None:
        self.raw = connection.get_new_connection(connection.get_connection_params())
        self.raw.autocommit = True
        self.table = connection.ops.quote_name(Verification._meta.db_table)
        self.seconds = seconds
        seconds.setdefault("ids", 0.0)

    def take(self, count: int) -> list[str]:
        clock = time.perf_counter()
        with self.raw.cursor() as cursor:
            cursor.execute(
                "SELECT string_agg(nextval(pg_get_serial_sequence(%s, 'id'))::text, ',') "
                "FROM generate_series(1, %s)",
                [self.table, count],
            )
            row = cursor.fetchone()
        self.seconds["ids"] += time.perf_counter() - clock
        return row[0].split(",") if row and row[0] else []

    def close(self) -> None:
        self.raw.close()


class _Writer(threading.Thread):
    """Writes validated chunks while the next rows are validated: a second thread that owns
    the import transaction's connection for the duration and ``COPY``s each chunk's
    verifications and their audit events (text ready, ids included). Constraints are checked
    at the end of each ``COPY`` (``SET CONSTRAINTS ALL IMMEDIATE``), so the database server
    checks one chunk while Python reads the next: the two run on two cores.

    The thread waits on the network with the GIL released; the main thread touches no database
    through this connection until :meth:`finish` has joined it.
    """

    def __init__(self, raw: Any, *, seconds: dict[str, float]) -> None:
        super().__init__(name="verification-import-writer", daemon=True)
        quote = connection.ops.quote_name
        table = Verification._meta.db_table
        self.raw = raw
        self.seconds = seconds
        self.queue: queue.Queue[tuple[str, str, int] | None] = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        self.written = 0
        columns = ", ".join(quote(f) for f in ("id", *_COPY_FIELDS))
        self.copy_verifications = f"COPY {quote(table)} ({columns}) FROM STDIN"
        audit_columns = ", ".join(quote(c) for c in _AUDIT_COLUMNS)
        self.copy_audit = f"COPY {quote(AuditEvent._meta.db_table)} ({audit_columns}) FROM STDIN"
        for key in ("copy_verifications", "copy_audit"):
            seconds.setdefault(key, 0.0)

    def submit(self, verifications: str, audit: str, count: int) -> None:
        if self.error is None:
            self.queue.put((verifications, audit, count))

    def run(self) -> None:
        while (chunk := self.queue.get()) is not None:
            if self.error is not None:
                continue  # drain after a failure
            try:
                self._write(*chunk)
            except BaseException as error:  # noqa: BLE001 — handed to the main thread
                self.error = error

    def _write(self, verifications: str, audit: str, count: int) -> None:
        clock = time.perf_counter()
        with self.raw.cursor() as cursor:
            with cursor.copy(self.copy_verifications) as copy:
                copy.write(verifications)
            now = time.perf_counter()
            self.seconds["copy_verifications"] += now - clock
            clock = now
            with cursor.copy(self.copy_audit) as copy:
                copy.write(audit)
            self.seconds["copy_audit"] += time.perf_counter() - clock
        self.written += count

    def finish(self) -> int:
        """Wait for the chunks in flight; raise what the writer met."""
        self.queue.put(None)
        self.join()
        if self.error is not None:
            with connection.wrap_database_errors:  # psycopg's error as Django's
                raise self.error
        return self.written


def _hand_over(lines: _CopyLines, ids: _Ids, writer: _Writer, start: str) -> None:
    """The chunk built so far, with its ids, as the two COPY texts for the writer."""
    verifications, audit = lines.take()
    if writer.error is not None:
        return  # the database refused a chunk: the transaction is lost, keep only checking
    taken = ids.take(len(verifications))
    writer.submit(
        "".join(f"{pk}\t{line}" for pk, line in zip(taken, verifications, strict=True)),
        "".join(
            f'{start}{pk}{middle}{{"id": {pk}{after}'
            for pk, (middle, after) in zip(taken, audit, strict=True)
        ),
        len(taken),
    )


def fast_import_csv(
    path: str,
    *,
    user: Any,
    keep_errors: int = 1000,
    chunk_rows: int = 20_000,
    progress: Callable[[int], None] | None = None,
) -> FastReport:
    """Validate every row of a (large) CSV file and, when all are valid, insert them and one
    audit event per verification with ``COPY``, in one transaction (PostgreSQL only).

    Validated rows are written in chunks of ``chunk_rows`` while the rest of the file is still
    being read (:class:`_Writer`); the first bad row stops the writing, the whole file is still
    checked so that every problem is reported, and the transaction is rolled back: nothing is
    written. ``progress`` is called with the number of rows read so far.
    """
    if connection.vendor != "postgresql":
        raise RuntimeError("The fast verification import needs PostgreSQL (COPY).")
    report = FastReport()
    began = time.perf_counter()
    checker = VerificationRowChecker(user=user)
    checker.prepare()
    content_type = ContentType.objects.get_for_model(Verification).pk
    report.seconds["prepare"] = time.perf_counter() - began
    began = time.perf_counter()
    lines = _CopyLines(user=user, now=timezone.now())
    start = (
        f"{lines.stamp}\t{lines.actor}\t{lines.actor_label}\t{AuditAction.IMPORTED}\t"
        f"{content_type}\t"
    )
    # The writer thread needs the GIL back as soon as the server answers; Python's default
    # 5 ms switch interval would leave it waiting behind the validating thread at every step.
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(0.0005)
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            ids = _Ids(report.seconds)
            writer = _Writer(connection.connection, seconds=report.seconds)
            writer.start()
            try:
                _validate_into(
                    path,
                    checker,
                    lines,
                    report,
                    lambda: _hand_over(lines, ids, writer, start),
                    (keep_errors, chunk_rows),
                    progress,
                )
            finally:
                report.seconds["validate"] = time.perf_counter() - began
                step = time.perf_counter()
                ids.close()
                written = writer.finish()
                report.seconds["writer_wait"] = time.perf_counter() - step
            if report.error_count or not report.total_rows:
                raise _Rollback
            step = time.perf_counter()
            refresh_due_dates_sql(lines.last_passed)
            report.seconds["due_dates"] = time.perf_counter() - step
            step = time.perf_counter()
        report.seconds["transaction_commit"] = time.perf_counter() - step
        report.committed = written
    except _Rollback:
        pass
    finally:
        sys.setswitchinterval(switch_interval)
    report.seconds["total"] = time.perf_counter() - began
    return report


def _validate_into(
    path: str,
    checker: VerificationRowChecker,
    lines: _CopyLines,
    report: FastReport,
    hand_over: Callable[[], None],
    limits: tuple[int, int],
    progress: Callable[[int], None] | None,
) -> None:
    """Read and check every row; hand each full chunk of valid rows to the writer until the
    first bad row (after which rows are still checked, no longer built)."""
    keep_errors, chunk_rows = limits
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = _csv_stream(handle)
        header = [as_text(c) for c in next(rows, [])]
        mapping = map_columns(COLUMNS, header)
        if mapping.missing:
            raise ValidationError(
                _("These required columns are missing: {columns}.").format(
                    columns=", ".join(mapping.missing)
                )
            )
        quick = _QuickRows(checker, mapping.index)
        for number, cells in enumerate(rows, start=2):
            if not any(cells):
                continue
            report.total_rows += 1
            checked = quick.check(cells, number) or _check_slowly(
                checker, mapping, cells, number, report, keep_errors
            )
            if checked is None or report.error_count:
                continue  # after an error: keep validating, stop building
            lines.add(checked)
            if len(lines.verifications) >= chunk_rows:
                hand_over()
                if progress is not None:
                    progress(report.total_rows)
    if not report.error_count and lines.verifications:
        hand_over()
    if progress is not None:
        progress(report.total_rows)


def _check_slowly(
    checker: VerificationRowChecker,
    mapping: Any,
    cells: list[str],
    number: int,
    report: FastReport,
    keep_errors: int,
) -> tuple[Any, ...] | None:
    """A row the caches could not vouch for: the generic parse and checks, which write the
    messages; its values when it is valid."""
    row = RowContext(number, mapping.headers)
    values = _parse_row(COLUMNS, mapping, cells, row)
    checker.check(values, row)
    if row.errors:
        report.error_count += len(row.errors)
        room = keep_errors - len(report.errors)
        if room > 0:
            report.errors.extend(row.errors[:room])
        return None
    return (
        values["instrument"],
        values["kind"],
        values["verified_on"],
        values["organisation_id"],
        values["verifier_id"],
        values["result"],
        values["certificate_number"] or "",
        values["valid_until"],
    )
