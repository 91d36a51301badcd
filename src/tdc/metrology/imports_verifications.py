"""Importing verification records (a verification organisation's history, a legacy register).

Each row is one verification: the instrument (by type + manufacturer + serial, or by owner tax
code + serial), the verification organisation (tax code), the verifier (card number), date,
kind, result, certificate number and valid-until date. Every reference is resolved from
lookups loaded once per file (no query per row); the commit is all-or-nothing and the
instruments' ``next_due_date`` follows from the imported passed verifications.

Two paths share the same rules (:class:`VerificationRowChecker`):

- :class:`VerificationImport`, the import type of the generic framework (``tdc.core.imports``:
  upload screen, report, rejected-rows file);
- :func:`fast_import_csv`, for very large CSV files: a streaming parse, the same validation, and
  PostgreSQL ``COPY`` of the validated rows and their audit events in one transaction (docs/
  benchmarks.md). It reports every bad row like the generic path and writes nothing if any.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdc.core.imports import (
    CellError,
    Column,
    ImportType,
    RowContext,
    as_text,
    choice,
    register_import,
    text,
)
from tdc.core.models import AuditAction, AuditEvent
from tdc.core.roles import ROLE_JURISDICTION, Jurisdiction
from tdc.metrology.choices import VerificationKind, VerificationPlace, VerificationResult
from tdc.metrology.imports import _date, _tax_code
from tdc.metrology.models import Instrument, Verification, Verifier
from tdc.registry.models import Organisation

RULES_VERSION = "import"


def _memo(parser: Any) -> Any:
    """A parser that remembers its answers: a file repeats the same dates, kinds, results and
    organisation tax codes on many rows, so each distinct cell is parsed (and checked) once."""
    remember = functools.lru_cache(maxsize=65536)(parser)

    def parse(value: Any) -> Any:
        return remember(value) if isinstance(value, str) else parser(value)

    return parse


KIND_SYNONYMS = {
    "ban đầu": VerificationKind.INITIAL,
    "lần đầu": VerificationKind.INITIAL,
    "định kỳ": VerificationKind.PERIODIC,
    "sau sửa chữa": VerificationKind.AFTER_REPAIR,
    "đối chứng": VerificationKind.CROSS_CHECK,
}
RESULT_SYNONYMS = {
    "đạt": VerificationResult.PASSED,
    "không đạt": VerificationResult.FAILED,
    "pass": VerificationResult.PASSED,
    "fail": VerificationResult.FAILED,
}

COLUMNS = (
    Column(
        "type_code",
        "Mã loại phương tiện đo",
        "Instrument type code",
        parser=text(64),
        help=gettext_lazy("With manufacturer and serial; or give the owner tax code instead"),
    ),
    Column("manufacturer", "Nhà sản xuất", "Manufacturer", parser=text(150)),
    Column(
        "owner_tax_code",
        "Mã số thuế chủ sở hữu",
        "Owner tax code",
        parser=_tax_code,
        help=gettext_lazy("With the serial, when type and manufacturer are not given"),
    ),
    Column("serial_number", "Số sản xuất", "Serial number", required=True, parser=text(64)),
    Column(
        "organisation_tax_code",
        "Mã số thuế tổ chức kiểm định",
        "Verification organisation tax code",
        required=True,
        parser=_memo(_tax_code),
    ),
    Column("verifier", "Số hiệu kiểm định viên", "Verifier number", required=True, parser=text(32)),
    Column(
        "verified_on",
        "Ngày kiểm định",
        "Verification date",
        required=True,
        parser=_memo(_date),
        default=None,
    ),
    Column(
        "kind",
        "Hình thức kiểm định",
        "Kind",
        required=True,
        parser=_memo(choice(VerificationKind.choices, KIND_SYNONYMS)),
    ),
    Column(
        "result",
        "Kết quả",
        "Result",
        required=True,
        parser=_memo(choice(VerificationResult.choices, RESULT_SYNONYMS)),
    ),
    Column("certificate_number", "Số giấy chứng nhận", "Certificate number", parser=text(64)),
    Column(
        "valid_until",
        "Hiệu lực đến",
        "Valid until",
        parser=_memo(_date),
        default=None,
        help=gettext_lazy("Required for a passed verification; empty for a failed one"),
    ),
)


@dataclass
class _Instrument:
    pk: int
    type_code: str
    province_id: str
    commune_id: str | None
    owner_id: int


class VerificationRowChecker:
    """The rules of one verification row, against lookups loaded once for the whole file."""

    def __init__(self, *, user: Any, today: dt.date | None = None) -> None:
        self.user = user
        self.today = today or timezone.localdate()

    def prepare(self) -> None:
        self.by_identity: dict[tuple[str, str, str], _Instrument] = {}
        self.by_owner_serial: dict[tuple[int, str], list[_Instrument]] = {}
        for pk, type_code, manufacturer, serial, province, commune, owner in (
            Instrument.objects.filter(archived_at__isnull=True)
            .values_list(
                "pk",
                "type_code",
                "manufacturer",
                "serial_number",
                "province_id",
                "commune_id",
                "owner_id",
            )
            .iterator(chunk_size=20000)
        ):
            item = _Instrument(pk, type_code, province, commune, owner)
            self.by_identity[(type_code, manufacturer, serial)] = item
            self.by_owner_serial.setdefault((owner, serial), []).append(item)
        self.organisations: dict[str, int] = {
            tax: pk
            for tax, pk in Organisation.objects.filter(tax_code__isnull=False).values_list(
                "tax_code", "pk"
            )
            if tax
        }
        self.verifiers: dict[str, tuple[int, int, dt.date, dt.date]] = {
            card: (pk, org, start, end)
            for card, pk, org, start, end in Verifier.objects.values_list(
                "card_number", "pk", "organisation_id", "valid_from", "valid_to"
            )
        }
        level = ROLE_JURISDICTION.get(getattr(self.user, "role", "") or "")
        self.only_organisation: int | None = (
            getattr(self.user, "organisation_id", None)
            if level == Jurisdiction.ORGANISATION
            else None
        )
        self.seen_certificates: dict[tuple[int, str], int] = {}
        self.seen_rows: dict[tuple[int, dt.date, str], int] = {}
        self.existing_certificates: set[tuple[int, str]] = {
            (organisation, number)
            for organisation, number in Verification.objects.filter(
                certificate_number__isnull=False
            ).values_list("organisation_id", "certificate_number")
            if number
        }

    def check(self, values: dict[str, Any], row: RowContext) -> None:
        self._instrument(values, row)
        self._organisation(values, row)
        self._dates(values, row)
        self._certificate(values, row)

    def _instrument(self, values: dict[str, Any], row: RowContext) -> None:
        serial = values["serial_number"]
        if not serial:
            return
        found: _Instrument | None = None
        if values["type_code"] or values["manufacturer"]:
            key = (values["type_code"], " ".join(values["manufacturer"].split()), serial)
            found = self.by_identity.get(key)
            if found is None:
                row.error(
                    "serial_number",
                    _(
                        "No instrument {type} of {manufacturer} with serial {serial} is in the "
                        "register; register it first (or import instruments), then its "
                        "verifications."
                    ).format(type=key[0], manufacturer=key[1], serial=serial),
                )
                return
        elif values["owner_tax_code"]:
            owner = self.organisations.get(values["owner_tax_code"])
            matches = self.by_owner_serial.get((owner, serial), []) if owner else []
            if len(matches) != 1:
                row.error(
                    "serial_number",
                    _(
                        "The owner {tax} has no instrument with serial {serial}; check the serial "
                        "or give the type and manufacturer."
                    ).format(tax=values["owner_tax_code"], serial=serial)
                    if not matches
                    else _(
                        "The owner {tax} has several instruments with serial {serial}; give the "
                        "type and manufacturer to say which."
                    ).format(tax=values["owner_tax_code"], serial=serial),
                )
                return
            found = matches[0]
        else:
            row.error(
                "type_code",
                _("Give the type and manufacturer, or the owner tax code, with the serial."),
            )
            return
        values["instrument"] = found

    def _organisation(self, values: dict[str, Any], row: RowContext) -> None:
        tax = values["organisation_tax_code"]
        if not tax or row.has_error("organisation_tax_code"):
            return
        organisation = self.organisations.get(tax)
        if organisation is None:
            row.error(
                "organisation_tax_code",
                _("No organisation has the tax code {code}; register it first.").format(code=tax),
            )
            return
        if self.only_organisation is not None and organisation != self.only_organisation:
            row.error(
                "organisation_tax_code",
                _("You may import only your own organisation's verifications."),
            )
            return
        values["organisation_id"] = organisation
        card = values["verifier"]
        verifier = self.verifiers.get(card) if card else None
        if card and verifier is None:
            row.error(
                "verifier",
                _("No verifier has the number {card}; check the card number.").format(card=card),
            )
        elif verifier is not None:
            if verifier[1] != organisation:
                row.error(
                    "verifier",
                    _("Verifier {card} does not belong to this organisation.").format(card=card),
                )
            elif values["verified_on"] and not verifier[2] <= values["verified_on"] <= verifier[3]:
                row.error(
                    "verifier",
                    _(
                        "Verifier {card} was not certified on that date (valid {start} – {end})."
                    ).format(
                        card=card,
                        start=verifier[2].strftime("%d/%m/%Y"),
                        end=verifier[3].strftime("%d/%m/%Y"),
                    ),
                )
            values["verifier_id"] = verifier[0]

    def _dates(self, values: dict[str, Any], row: RowContext) -> None:
        day, until = values["verified_on"], values["valid_until"]
        if day is None:
            return
        if day > self.today:
            row.error("verified_on", _("The verification date is in the future; correct it."))
        passed = values["result"] == VerificationResult.PASSED
        if passed and until is None and not row.has_error("valid_until"):
            row.error(
                "valid_until",
                _("Write the valid-until date of a passed verification (from its certificate)."),
            )
        if not passed and until is not None:
            row.error("valid_until", _("A failed verification carries no validity; leave empty."))
        if until is not None and until <= day:
            row.error("valid_until", _("The validity must end after the verification date."))
        instrument = values.get("instrument")
        if instrument is not None and values["kind"]:
            key = (instrument.pk, day, values["kind"])
            if key in self.seen_rows:
                row.error(
                    None,
                    _("The same verification is already in row {row}; keep one.").format(
                        row=self.seen_rows[key]
                    ),
                )
            else:
                self.seen_rows[key] = row.number

    def _certificate(self, values: dict[str, Any], row: RowContext) -> None:
        number, organisation = values["certificate_number"], values.get("organisation_id")
        if not number or organisation is None:
            return
        key = (organisation, number)
        if key in self.existing_certificates:
            row.error(
                "certificate_number",
                _("Certificate {number} of this organisation is already recorded.").format(
                    number=number
                ),
            )
        elif key in self.seen_certificates:
            row.error(
                "certificate_number",
                _("Certificate {number} is already in row {row}.").format(
                    number=number, row=self.seen_certificates[key]
                ),
            )
        else:
            self.seen_certificates[key] = row.number


def _verification(values: dict[str, Any], user: Any) -> Verification:
    instrument: _Instrument = values["instrument"]
    return Verification(
        instrument_id=instrument.pk,
        kind=values["kind"],
        verified_on=values["verified_on"],
        organisation_id=values["organisation_id"],
        verifier_id=values["verifier_id"],
        place=VerificationPlace.ON_SITE,
        result=values["result"],
        rules_version=RULES_VERSION,
        certificate_number=values["certificate_number"] or None,
        valid_until=values["valid_until"],
        type_code=instrument.type_code,
        province_id=instrument.province_id,
        commune_id=instrument.commune_id,
        owner_id=instrument.owner_id,
        created_by=user,
        modified_by=user,
    )


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


@register_import
class VerificationImport(ImportType):
    """Verification records, one per row, checked against the register."""

    slug = "verifications"
    title = gettext_lazy("verifications")
    model = Verification
    columns = COLUMNS
    batch_size = 2000

    def prepare(self) -> None:
        self.checker = VerificationRowChecker(user=self.user)
        self.checker.prepare()
        self.touched: set[int] | None = None

    def clean_row(self, values: dict[str, Any], row: RowContext) -> None:
        self.checker.check(values, row)

    def build(self, values: dict[str, Any]) -> Verification:
        if self.touched is None:
            # Built only while committing, inside the import's transaction: the due dates are
            # refreshed once it has committed (nothing happens when it rolls back).
            self.touched = set()
            touched = self.touched
            transaction.on_commit(lambda: refresh_due_dates(touched))
        self.touched.add(values["instrument"].pk)
        return _verification(values, self.user)


# ---------------------------------------------------------------------------------------------
# The fast path for very large CSV files (PostgreSQL COPY)


@dataclass
class FastReport:
    total_rows: int = 0
    committed: int = 0
    errors: list[CellError] = field(default_factory=list)
    error_count: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error_count == 0 and self.total_rows > 0


_COPY_FIELDS = (
    "instrument_id",
    "kind",
    "verified_on",
    "organisation_id",
    "verifier_id",
    "place",
    "place_address",
    "result",
    "failure_reason",
    "rules_version",
    "certificate_number",
    "valid_until",
    "stamp_serial",
    "type_code",
    "province_id",
    "commune_id",
    "owner_id",
    "notes",
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


def fast_import_csv(path: str, *, user: Any, keep_errors: int = 1000) -> FastReport:
    """Validate every row of a (large) CSV file and, when all are valid, insert them and one
    audit event per verification with ``COPY`` in one transaction (PostgreSQL only)."""
    import time

    from tdc.core.imports import _parse_row, map_columns

    if connection.vendor != "postgresql":
        raise RuntimeError("The fast verification import needs PostgreSQL (COPY).")
    report = FastReport()
    began = time.perf_counter()
    checker = VerificationRowChecker(user=user)
    checker.prepare()
    report.seconds["prepare"] = time.perf_counter() - began
    began = time.perf_counter()
    now = timezone.now()
    user_id = getattr(user, "pk", None)
    valid: list[tuple[Any, ...]] = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = _csv_stream(handle)
        header = [as_text(c) for c in next(rows)]
        mapping = map_columns(COLUMNS, header)
        if mapping.missing:
            raise ValidationError(
                _("These required columns are missing: {columns}.").format(
                    columns=", ".join(mapping.missing)
                )
            )
        for number, cells in enumerate(rows, start=2):
            if not any(cells):
                continue
            report.total_rows += 1
            row = RowContext(number, mapping.headers)
            values = _parse_row(COLUMNS, mapping, cells, row)
            checker.check(values, row)
            if row.errors:
                report.error_count += len(row.errors)
                room = keep_errors - len(report.errors)
                if room > 0:
                    report.errors.extend(row.errors[:room])
                continue
            if report.error_count:
                continue  # keep validating, but stop collecting rows to insert
            instrument: _Instrument = values["instrument"]
            valid.append(
                (
                    instrument.pk,
                    values["kind"],
                    values["verified_on"],
                    values["organisation_id"],
                    values["verifier_id"],
                    VerificationPlace.ON_SITE,
                    "",
                    values["result"],
                    "",
                    RULES_VERSION,
                    values["certificate_number"] or None,
                    values["valid_until"],
                    "",
                    instrument.type_code,
                    instrument.province_id,
                    instrument.commune_id,
                    instrument.owner_id,
                    "",
                    now,
                    user_id,
                    now,
                    user_id,
                    1,
                )
            )
    report.seconds["validate"] = time.perf_counter() - began
    if report.error_count or not report.total_rows:
        return report
    began = time.perf_counter()
    with transaction.atomic():
        report.committed = _copy_with_audit(valid, user=user, now=now)
        refresh_due_dates_sql([r[0] for r in valid])
    report.seconds["commit"] = time.perf_counter() - began
    return report


def _copy_with_audit(rows: list[tuple[Any, ...]], *, user: Any, now: dt.datetime) -> int:
    """COPY the verifications, read back their ids, COPY one audit event each."""
    table = Verification._meta.db_table
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f) for f in _COPY_FIELDS)
    raw = connection.connection
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {quote(table)}")  # noqa: S608
        before = cursor.fetchone()[0]
        cursor.execute(f"LOCK TABLE {quote(table)} IN SHARE ROW EXCLUSIVE MODE")
    with raw.cursor() as cursor, cursor.copy(f"COPY {quote(table)} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, instrument_id, verified_on, province_id, commune_id, organisation_id, "  # noqa: S608
            f"type_code, result FROM {quote(table)} WHERE id > %s ORDER BY id",
            [before],
        )
        inserted = cursor.fetchall()
    content_type = ContentType.objects.get_for_model(Verification).pk
    audit_table = quote(AuditEvent._meta.db_table)
    audit_columns = (
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
    actor_label = str(getattr(user, "username", "") or "system")[:150]
    details = json.dumps({"import": "verifications", "fast_path": True})
    request_id = uuid.uuid4().hex
    with (
        raw.cursor() as cursor,
        cursor.copy(
            f"COPY {audit_table} ({', '.join(quote(c) for c in audit_columns)}) FROM STDIN"
        ) as copy,
    ):
        for pk, instrument, day, province, commune, organisation, type_code, result in inserted:
            after = json.dumps(
                {
                    "id": pk,
                    "instrument": instrument,
                    "verified_on": day.isoformat(),
                    "type_code": type_code,
                    "result": result,
                }
            )
            copy.write_row(
                (
                    now,
                    getattr(user, "pk", None),
                    actor_label,
                    AuditAction.IMPORTED,
                    content_type,
                    str(pk),
                    f"{type_code} {day:%d/%m/%Y} — {instrument}"[:255],
                    after,
                    details,
                    request_id,
                    province,
                    commune or "",
                    organisation,
                )
            )
    return len(inserted)


def refresh_due_dates_sql(instrument_ids: list[int]) -> None:
    """The due dates of the imported instruments, in one statement (PostgreSQL)."""
    quote = connection.ops.quote_name
    instruments = quote(Instrument._meta.db_table)
    verifications = quote(Verification._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {instruments} AS i SET next_due_date = last.valid_until
            FROM (
                SELECT DISTINCT ON (instrument_id) instrument_id, valid_until
                FROM {verifications}
                WHERE result = 'passed' AND instrument_id = ANY(%s)
                ORDER BY instrument_id, verified_on DESC, id DESC
            ) AS last
            WHERE i.id = last.instrument_id
            """,  # noqa: S608
            [sorted(set(instrument_ids))],
        )
