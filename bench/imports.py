"""The foundations benchmark ``imports``: organisation rows through the import framework.

``python -m bench.run imports`` generates 100,000 organisation rows (valid tax codes, some with
a branch suffix; communes of several provinces; one row in ten with only an address written
before 1 July 2025 and no commune, so the address resolver gives the commune) as a CSV file,
then on each database, in a child process against a throw-away database:

- **dry run** — ``process_file(..., commit=False)``: read, map and validate every row;
- **commit** — ``process_file(..., commit=True)``: validate, insert every organisation and write
  one audit event per row, all in one transaction;
- **raw insert** — the same organisation rows (as the commit stored them) inserted directly:
  one prepared ``INSERT`` through ``executemany`` on SQLite, ``COPY … FROM STDIN`` on
  PostgreSQL, in one transaction.

Each starts from an empty organisation table and audit trail. ``vs raw`` is the commit's rows/s
divided by the raw insert's: the cost of the framework (parsing, validation, model instances,
the audit trail) over the database's own floor.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import sys
import time
from collections.abc import Sequence
from typing import Any

from bench import harness
from bench.registry import Column, Context, Result, Row, register

ROWS = 100_000
QUICK_ROWS = 1_000
LEGACY_SHARE = 0.10
SEED = 2025
#: Provinces the generated organisations are spread over (new codes since 1 July 2025).
PROVINCES = ("80", "92", "79", "01", "48", "75", "91")
ADMIN_USERNAME = "bench-admin"

COLUMNS = [
    Column("rows", "rows", "{:,d}"),
    Column("seconds", "seconds", "{:,.2f}"),
    Column("rows_s", "rows/s", "{:,.0f}"),
    Column("vs_raw", "vs raw", "{:.1%}"),
    Column("cpu_s", "importer CPU s", "{:,.2f}"),
]


@register(
    "imports", "Import 100,000 organisations: rows/s next to raw inserts", subject_header="path"
)
def run(ctx: Context) -> Result:
    count = QUICK_ROWS if ctx.quick else ROWS
    result = Result(columns=COLUMNS, rows=[])
    result.conditions = {
        "rows": count,
        "legacy_share": LEGACY_SHARE,
        "provinces": list(PROVINCES),
        "format": "CSV (UTF-8)",
        "seed": SEED,
    }
    result.notes += [
        f"{count:,} organisation rows as one CSV file, a system administrator importing; "
        f"{LEGACY_SHARE:.0%} of rows give only a pre-2025 address (commune from the resolver, "
        "its index built before timing). Each path starts from an empty organisation table "
        "and audit trail.",
        "commit = validate every row + bulk insert + one audit event per row, one transaction; "
        "raw = the same organisation rows, no audit: executemany of one prepared INSERT "
        "(SQLite), COPY FROM STDIN (PostgreSQL). vs raw = commit rows/s ÷ raw rows/s.",
        "Runs on a 2-core machine shared by the database server and the importing process. "
        "importer CPU s: CPU time of the importing process alone (the PostgreSQL server's "
        "work is not in it), steadier than wall time when the machine is busy.",
    ]
    for db in ctx.databases:
        with harness.database(db, "imports", ctx) as url:
            if url is None:
                result.notes.append(f"{db}: skipped (no server binaries found)")
                continue
            env = harness.django_env(url)
            ctx.log(f"{db}: migrate, load reference data, import {count:,} rows …")
            out: dict[str, Any] = harness.last_json_line(
                harness.run_django(
                    ["-m", "bench.imports", "--measure", "--rows", str(count)], env, capture=True
                )
            )
            for kind, part in (("organisations", out), ("instruments", out["instruments"])):
                raw_rps = part["raw"]["rows"] / part["raw"]["seconds"]
                for key, label in (
                    ("dry_run", "dry run (validate)"),
                    ("commit", "commit (+ insert + audit)"),
                    ("raw", f"raw insert ({out['raw_method']})"),
                ):
                    figures = part[key]
                    rps = figures["rows"] / figures["seconds"]
                    values = {**figures, "rows_s": rps}
                    if key in {"commit", "raw"}:
                        values["vs_raw"] = rps / raw_rps
                    result.rows.append(Row(f"{kind}: {label}", db, values))
                    ctx.log(f"{db}: {kind}: {label}: {rps:,.0f} rows/s")
                commit_rps = part["commit"]["rows"] / part["commit"]["seconds"]
                result.conditions[f"{db}_{kind}_commit_vs_raw"] = commit_rps / raw_rps
            result.conditions[f"{db}_prepare_s"] = out["prepare_s"]
            for problem in out["problems"]:
                result.problems.append(f"{db}: {problem}")
    return result


# ---------------------------------------------------------------------------------------------
# The measurement (child process)

HEADERS = (
    "Loại hình",
    "Tên đầy đủ",
    "Tên viết tắt",
    "Tên tiếng Anh",
    "Mã số thuế",
    "Mã tỉnh",
    "Mã xã",
    "Địa chỉ",
    "Địa chỉ trước 01/07/2025",
    "Người đại diện theo pháp luật",
    "Điện thoại",
    "Thư điện tử",
)
_KINDS = ("doanh nghiệp", "Hộ kinh doanh", "công ty", "enterprise", "cơ quan nhà nước", "khác")
_WORDS = ("Thành Công", "Phước Lý", "Minh Phát", "Tân Hưng", "Hòa Bình", "An Phú", "Đức Huy")
_FORMS = ("Công ty TNHH", "Công ty Cổ phần", "Doanh nghiệp tư nhân", "Hộ kinh doanh")
_PEOPLE = ("Nguyễn Văn An", "Trần Thị Bích", "Lê Hoàng Nam", "Phạm Thu Hà", "Võ Minh Tuấn")


def _tax_code(i: int) -> str:
    from stdnum.vn import mst

    for step in range(10):  # some bases have no single check digit
        base = f"{310000000 + i * 10 + step:09d}"
        check = mst.calc_check_digit(base)
        if len(check) == 1:
            break
    code = base + check
    return f"{code}-{1 + i % 50:03d}" if i % 10 == 3 else code


def generate(count: int) -> tuple[bytes, list[tuple[str, str]]]:
    """The CSV file and, per row, the (province, commune) the import must give it."""
    from bench.resolve import legacy_address, legacy_units
    from tdc.places.models import Commune
    from tdc.places.resolver import resolve_address

    rng = random.Random(SEED)
    communes = list(
        Commune.objects.filter(province_id__in=PROVINCES)
        .order_by("code")
        .values_list("code", "province_id")
    )
    # Legacy communes whose written address resolves to one new commune of today.
    units = legacy_units()
    legacy: list[tuple[str, str, str]] = []
    for unit in rng.sample(units, 2000):
        address = legacy_address(unit, rng.choice(("full", "abbreviated", "house")), rng)
        assert isinstance(address, str)
        found = resolve_address(address)
        if found.commune is not None and found.province is not None:
            legacy.append((address, found.province.code, found.commune.code))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    places: list[tuple[str, str]] = []
    for i in range(count):
        name = f"{rng.choice(_FORMS)} {rng.choice(_WORDS)} {i:06d}"
        if rng.random() < LEGACY_SHARE:
            old_address, province, commune = rng.choice(legacy)
            province_cell, commune_cell = "", ""
        else:
            old_address = ""
            commune, province = rng.choice(communes)
            province_cell, commune_cell = (province if i % 2 else ""), commune
        places.append((province, commune))
        writer.writerow(
            (
                _KINDS[i % len(_KINDS)],
                name,
                f"{rng.choice(_WORDS)} {i}" if i % 3 == 0 else "",
                f"{rng.choice(_WORDS)} Co., Ltd" if i % 4 == 0 else "",
                _tax_code(i) if i % 20 else "",
                province_cell,
                commune_cell,
                f"{rng.randint(1, 999)} đường số {rng.randint(1, 40)}",
                old_address,
                rng.choice(_PEOPLE),
                f"0{rng.randint(200000000, 999999999)}",
                f"lienhe{i}@example.vn" if i % 2 == 0 else "",
            )
        )
    return buffer.getvalue().encode("utf-8"), places


def _clear() -> None:
    """Empty the organisation table and the audit trail (a fresh table state)."""
    from django.db import connection

    from tdc.core.models import AuditEvent
    from tdc.registry.models import Organisation

    tables = [AuditEvent._meta.db_table, Organisation._meta.db_table]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")


_RAW_FIELDS = (
    "kind",
    "name",
    "short_name",
    "english_name",
    "tax_code",
    "province_id",
    "commune_id",
    "address",
    "legacy_address",
    "legal_representative",
    "phone",
    "email",
    "status",
    "merged_into_id",
    "search_text",
    "created_at",
    "created_by_id",
    "modified_at",
    "modified_by_id",
    "version",
)


def _raw_rows() -> list[tuple[Any, ...]]:
    """The rows the commit stored, as tuples of the raw insert's columns."""
    from django.db import connection
    from django.utils import timezone

    from tdc.registry.models import Organisation

    now = timezone.now()
    stamp: Any = now
    if connection.vendor == "sqlite":
        stamp = connection.ops.adapt_datetimefield_value(now)
    rows = []
    fields = [f for f in _RAW_FIELDS if f not in {"created_at", "modified_at"}]
    for values in Organisation.objects.order_by("pk").values(*fields):
        values["created_at"] = values["modified_at"] = stamp
        rows.append(tuple(values[f] for f in _RAW_FIELDS))
    return rows


def _raw_insert(rows: Sequence[tuple[Any, ...]]) -> tuple[float, str]:
    from django.db import connection, transaction

    from tdc.registry.models import Organisation

    table = connection.ops.quote_name(Organisation._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f) for f in _RAW_FIELDS)
    connection.ensure_connection()
    began = time.perf_counter()
    if connection.vendor == "postgresql":
        with (
            transaction.atomic(),
            connection.connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        method = "COPY"
    else:
        marks = ", ".join("?" for _ in _RAW_FIELDS)
        with transaction.atomic():
            connection.connection.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608
                rows,
            )
        method = "executemany"
    return time.perf_counter() - began, method


def measure(count: int) -> dict[str, Any]:
    from django.core.management import call_command

    from tdc.accounts.models import User
    from tdc.core.imports import process_file
    from tdc.core.models import AuditAction, AuditEvent
    from tdc.core.roles import Role
    from tdc.places.resolver import get_index
    from tdc.registry.imports import OrganisationImport
    from tdc.registry.models import Organisation

    began = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_reference", verbosity=0, stdout=_Null())
    admin, _created = User.objects.update_or_create(
        username=ADMIN_USERNAME, defaults={"role": Role.SYSTEM_ADMIN}
    )
    if Organisation.objects.exclude(created_by=admin).exists():
        raise SystemExit(
            "The database holds organisations that the benchmark did not create: the imports "
            "benchmark empties the organisation table, so it needs a throw-away database (unset "
            "TDC_TEST_DATABASE_URL or point it at an empty one)."
        )
    get_index()
    data, places = generate(count)
    _clear()
    prepare_s = time.perf_counter() - began
    problems: list[str] = []

    began, cpu = time.perf_counter(), time.process_time()
    dry, _rejected = process_file(
        OrganisationImport(user=admin), data, "organisations.csv", commit=False
    )
    dry_s, dry_cpu = time.perf_counter() - began, time.process_time() - cpu
    if not dry.ok or dry.valid_rows != count:
        problems.append(f"dry run: {dry.valid_rows} valid of {count}: {dry.errors[:3]}")

    _clear()
    began, cpu = time.perf_counter(), time.process_time()
    report, _rejected = process_file(
        OrganisationImport(user=admin), data, "organisations.csv", commit=True
    )
    commit_s, commit_cpu = time.perf_counter() - began, time.process_time() - cpu
    stored = list(Organisation.objects.order_by("pk").values_list("province_id", "commune_id"))
    events = AuditEvent.objects.filter(action=AuditAction.IMPORTED).count()
    if report.committed != count or len(stored) != count or events != count:
        problems.append(
            f"commit: {report.committed} committed, {len(stored)} stored, {events} audit events "
            f"of {count}: {report.errors[:3]}"
        )
    elif stored != places:
        wrong = sum(1 for a, b in zip(stored, places, strict=True) if a != b)
        problems.append(f"commit: {wrong} rows stored with another province or commune")

    rows = _raw_rows()
    _clear()
    cpu = time.process_time()
    raw_s, method = _raw_insert(rows)
    raw_cpu = time.process_time() - cpu
    if Organisation.objects.count() != count:
        problems.append("raw insert: row count differs")
    instruments = measure_instruments(admin, count, problems)
    _clear()
    return {
        "instruments": instruments,
        "prepare_s": prepare_s,
        "dry_run": {"rows": dry.valid_rows, "seconds": dry_s, "cpu_s": dry_cpu},
        "commit": {"rows": report.committed, "seconds": commit_s, "cpu_s": commit_cpu},
        "raw": {"rows": len(rows), "seconds": raw_s, "cpu_s": raw_cpu},
        "raw_method": method,
        "problems": problems,
    }


def generate_instruments(count: int) -> bytes:
    """Instrument rows owned by the organisations in the table (their tax codes), on the
    Group 2 list's types, each in its owner's commune."""
    from tdc.core.imports import get_import_type
    from tdc.metrology.selectors import instrument_type_names
    from tdc.registry.models import Organisation

    import_type = get_import_type("instruments")
    assert import_type is not None
    rng = random.Random(SEED)
    owners = list(
        Organisation.objects.filter(tax_code__isnull=False, commune__isnull=False)
        .order_by("pk")
        .values_list("tax_code", "commune_id")
    )
    types = sorted(instrument_type_names())
    by_key = {c.key: c.header for c in import_type.columns}
    keys = ("owner_tax_code", "type_code", "manufacturer", "serial_number", "commune")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([by_key[k] for k in keys] + [by_key["manufactured_year"]])
    makers = ("Tatsuno", "Gilbarco", "Tokico", "Vinacomin", "Mettler Toledo", "Elster")
    for i in range(count):
        tax, commune = owners[i % len(owners)]
        writer.writerow(
            (tax, rng.choice(types), rng.choice(makers), f"SX-{i:07d}", commune, 2015 + i % 10)
        )
    return buffer.getvalue().encode("utf-8")


def _clear_instruments() -> None:
    from django.db import connection

    from tdc.core.models import AuditEvent
    from tdc.metrology.models import Instrument

    with connection.cursor() as cursor:
        for table in (AuditEvent._meta.db_table, Instrument._meta.db_table):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608


def measure_instruments(admin: Any, count: int, problems: list[str]) -> dict[str, Any]:
    """The instrument import on the same database, next to a raw insert of its rows."""
    from tdc.core.imports import get_import_type, process_file
    from tdc.metrology.models import Instrument

    import_type = get_import_type("instruments")
    assert import_type is not None
    data = generate_instruments(count)
    _clear_instruments()
    began, cpu = time.perf_counter(), time.process_time()
    dry, _rejected = process_file(import_type(user=admin), data, "instruments.csv", commit=False)
    dry_s, dry_cpu = time.perf_counter() - began, time.process_time() - cpu
    if not dry.ok or dry.valid_rows != count:
        problems.append(f"instruments dry run: {dry.valid_rows} valid of {count}: {dry.errors[:3]}")
    began, cpu = time.perf_counter(), time.process_time()
    report, _rejected = process_file(import_type(user=admin), data, "instruments.csv", commit=True)
    commit_s, commit_cpu = time.perf_counter() - began, time.process_time() - cpu
    if report.committed != count:
        problems.append(f"instruments commit: {report.committed} of {count}: {report.errors[:3]}")
    fields, rows = _stored_rows(Instrument)
    _clear_instruments()
    cpu = time.process_time()
    raw_s = _raw_insert_model(Instrument, fields, rows)
    raw_cpu = time.process_time() - cpu
    if Instrument.objects.count() != count:
        problems.append("instruments raw insert: row count differs")
    _clear_instruments()
    return {
        "dry_run": {"rows": dry.valid_rows, "seconds": dry_s, "cpu_s": dry_cpu},
        "commit": {"rows": report.committed, "seconds": commit_s, "cpu_s": commit_cpu},
        "raw": {"rows": len(rows), "seconds": raw_s, "cpu_s": raw_cpu},
    }


def _stored_rows(model: Any) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The columns (all but the id) and rows of ``model`` as the commit stored them."""
    from django.db import connection

    fields = [f.column for f in model._meta.concrete_fields if not f.primary_key]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f) for f in fields)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {table} ORDER BY id")  # noqa: S608
        return fields, list(cursor.fetchall())


def _raw_insert_model(model: Any, fields: list[str], rows: Sequence[tuple[Any, ...]]) -> float:
    from django.db import connection, transaction

    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f) for f in fields)
    began = time.perf_counter()
    if connection.vendor == "postgresql":
        with (
            transaction.atomic(),
            connection.connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join("?" for _ in fields)
        with transaction.atomic():
            connection.connection.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608
                rows,
            )
    return time.perf_counter() - began


class _Null:
    def write(self, *_: object) -> None:
        pass

    def flush(self) -> None:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure the organisation import (child).")
    parser.add_argument("--measure", action="store_true", required=True)
    parser.add_argument("--rows", type=int, default=ROWS)
    args = parser.parse_args(argv)

    import django

    django.setup()
    print(json.dumps(measure(args.rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
