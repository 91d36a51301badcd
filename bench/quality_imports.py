"""The import-inspection benchmark ``quality-imports`` (PostgreSQL): reduced-inspection
eligibility of a new lot with 1,000,000 decided import lots in the database.

The lots (``INSERT … SELECT generate_series``) belong to 5,000 importers with 50,000 distinct
goods (20 lots each, results spread over 2022–2026, one lot in 17 failing), with 500,000
events after clearance (quarterly reports, one in 41 a verified complaint). Each measurement is
what registering a lot computes: the reference values in force on the day, the importer's decided
lots of the same goods and the events after clearance (range scans of
``quality_imp_goods_idx`` and ``quality_impev_goods_idx``), then the pure rule; and the
stepped-up check (the importer's failures, the origin warning list). Target: p95 < 5 ms.

``--quick`` uses 20,000 lots: it proves the benchmark runs.

The measurement alone (the child process, against a throw-away cluster)::

    .venv/bin/python -m tdc.testing.pgserver -- .venv/bin/python -m bench.quality_imports \
        --measure --lots 20000 --repeats 50
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from typing import Any

from bench import harness
from bench.metrology import _insert_select, _Null, _sql, _timings
from bench.registry import Column, Context, Result, Row, Target, register

LOTS, QUICK_LOTS = 1_000_000, 20_000
#: Lots per goods and goods per importer (1M lots: 50,000 goods of 5,000 importers).
LOTS_PER_GOODS = 20
GOODS_PER_IMPORTER = 10
REPEATS, QUICK_REPEATS = 500, 50
TARGET_MS = 5.0
DAY = dt.date(2026, 11, 16)  # a Monday under the risk-based regime

COLUMNS = [
    Column("lots", "lots", "{:,d}"),
    Column("p50_ms", "p50 ms", "{:,.2f}"),
    Column("p95_ms", "p95 ms", "{:,.2f}"),
    Column("runs", "runs", "{:,d}"),
    Column("eligible", "eligible", "{:,d}"),
]


@register(
    "quality-imports",
    "Import inspection: reduced-inspection eligibility of a new lot at 1M lots",
    subject_header="measurement",
)
def run(ctx: Context) -> Result:
    lots = QUICK_LOTS if ctx.quick else LOTS
    repeats = QUICK_REPEATS if ctx.quick else REPEATS
    result = Result(columns=COLUMNS, rows=[])
    result.conditions = {
        "lots": lots,
        "repeats": repeats,
        "goods": lots // LOTS_PER_GOODS,
        "importers": lots // LOTS_PER_GOODS // GOODS_PER_IMPORTER,
    }
    result.notes.append(
        "PostgreSQL only (generate_series). eligibility = tdc.quality.selectors_imports."
        "reduced_status (reference values of the day + the importer's decided lots of the same "
        "goods + events after clearance, then the pure rule); with stepped-up = also "
        "stepped_status. Random (importer, goods) pairs, in this process; the database server "
        "shares the machine's cores."
    )
    if "postgres" not in ctx.databases:
        result.notes.append("quality-imports: skipped (PostgreSQL not among --db)")
        return result
    with harness.database("postgres", "quality_imports", ctx) as url:
        if url is None:
            result.notes.append("postgres: skipped (no server binaries found)")
            return result
        env = harness.django_env(url)
        ctx.log(f"postgres: quality-imports benchmark, {lots:,} lots …")
        args = ["-m", "bench.quality_imports", "--measure", "--lots", str(lots)]
        args += ["--repeats", str(repeats)]
        out: dict[str, Any] = harness.last_json_line(harness.run_django(args, env, capture=True))
    for key, label in (
        ("reduced", "reduced-inspection eligibility"),
        ("level", "eligibility + stepped-up (whole level)"),
    ):
        figures = out[key]
        result.rows.append(Row(label, "postgres", figures))
        p95 = figures["p95_ms"]
        if key != "reduced":
            continue  # the target is the eligibility; the whole level is shown
        result.targets.append(
            Target(
                f"postgres: {label}: {TARGET_MS:g} ms / p95 ({p95:.2f} ms)",
                TARGET_MS / p95 if p95 else 0.0,
                1.0,
                p95 < TARGET_MS,
            )
        )
    result.conditions.update(out["conditions"])
    result.problems += out["problems"]
    return result


def _fill(lots: int) -> None:
    goods = max(1, lots // LOTS_PER_GOODS)
    importers = max(1, goods // GOODS_PER_IMPORTER)
    from django.core.management import call_command

    from tdc.quality.models import ConformityBody, ImportRegistration, ImportSurveillanceEvent
    from tdc.registry.models import Organisation

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_reference", verbosity=0, stdout=_Null())
    _sql(
        _insert_select(
            Organisation,
            {
                "kind": "'enterprise'",
                "name": "'Importer ' || g",
                "province_id": "'80'",
                "status": "'active'",
                "version": "1",
            },
            f"FROM generate_series(1, {importers}) g",
        )
    )
    body = ConformityBody.objects.create(
        name="Bench body",
        kind="certification",
        status="designated",
        registration_number="BENCH-1",
        province_id="80",
        scope_qcvn=["QCVN 4:2009/BKHCN"],
        valid_from=dt.date(2020, 1, 1),
        valid_until=dt.date(2030, 12, 31),
    )
    first = Organisation.objects.order_by("pk").values_list("pk", flat=True).first()
    _sql(
        _insert_select(
            ImportRegistration,
            {
                "number": "'B' || g",
                "status": "CASE WHEN g % 17 = 0 THEN 'failed' ELSE 'passed' END",
                "inspection_level": "'normal'",
                "level_reasons": "'[]'::jsonb",
                "importer_id": f"{first} + (g % {goods}) % {importers}",
                "province_id": "'80'",
                "customs_declaration": "'10' || g",
                "product": "'Goods ' || (g % " + str(goods) + ")",
                "origin": "'Trung Quốc'",
                "hs_code": "'85166010'",
                "qcvn": "'QCVN 4:2009/BKHCN'",
                "unit": "'chiếc'",
                "goods_key": f"substr(md5('k' || (g % {goods})), 1, 40)",
                "certificate_kind": "'lot'",
                "certificate_number": "'CN-' || g",
                "certificate_body_id": str(body.pk),
                "certificate_qcvn": "'QCVN 4:2009/BKHCN'",
                "registered_on": "d.day",
                "decided_on": "d.day",
                "first_passed": "g % 17 <> 0",
                "regime": "'risk_based'",
                "risk_class": "'high'",
                "rule_versions": "'[]'::jsonb",
                "version": "1",
            },
            f"FROM generate_series(1, {lots}) g "
            "CROSS JOIN LATERAL (SELECT DATE '2022-01-03' + ((g * 7919) % 1770)::int AS day) d",
        )
    )
    reports = max(1, lots // 2)
    _sql(
        _insert_select(
            ImportSurveillanceEvent,
            {
                "importer_id": f"{first} + (g % {goods}) % {importers}",
                "province_id": "'80'",
                "goods_key": f"substr(md5('k' || (g % {goods})), 1, 40)",
                "kind": "CASE WHEN g % 41 = 0 THEN 'complaint' ELSE 'report' END",
                "day": "DATE '2022-01-03' + ((g * 104729) % 1780)::int",
                "version": "1",
            },
            f"FROM generate_series(1, {reports}) g",
        )
    )
    _sql("VACUUM ANALYZE")


def measure(lots: int, repeats: int) -> dict[str, Any]:
    from django.db import connection

    from tdc.quality.models import ImportRegistration
    from tdc.quality.rules.imports import inspection_level
    from tdc.quality.selectors_imports import (
        history_params,
        history_sql,
        reduced_status,
        stepped_status,
    )

    problems: list[str] = []
    began = time.perf_counter()
    _fill(lots)
    fill_s = time.perf_counter() - began
    total = ImportRegistration.objects.count()
    if total != lots:
        problems.append(f"{total} lots instead of {lots}")
    pairs = list(
        ImportRegistration.objects.values_list("importer_id", "goods_key").distinct()[:2000]
    )
    rng = random.Random(2026)  # noqa: S311 - reproducible sample
    shown = {"eligible": 0, "levels": 0}

    def reduced() -> None:
        importer_id, goods_key = rng.choice(pairs)
        status = reduced_status(importer_id=importer_id, goods_key=goods_key, on=DAY)
        shown["eligible"] += status.eligible

    def level() -> None:
        importer_id, goods_key = rng.choice(pairs)
        status = reduced_status(importer_id=importer_id, goods_key=goods_key, on=DAY)
        stepped = stepped_status(
            importer_id=importer_id, origin="Trung Quốc", on=DAY, reduced=status
        )
        shown["levels"] += inspection_level(status, stepped) != "normal"

    if os.environ.get("BENCH_PROFILE"):
        import cProfile

        cProfile.runctx(
            "for _ in range(200): reduced()", globals(), locals(), os.environ["BENCH_PROFILE"]
        )
    first = _timings(reduced, repeats)
    eligible = shown["eligible"]
    second = _timings(level, repeats)
    importer_id, goods_key = pairs[0]
    with connection.cursor() as cursor:
        sql, params = history_sql(), history_params(importer_id, goods_key, DAY)
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(r[0] for r in cursor.fetchall())
    for index in ("quality_imp_goods_idx", "quality_impev_goods_idx"):
        if index not in plan:
            problems.append(f"the goods history does not use {index}: {plan[:800]}")
    return {
        "reduced": {**first, "lots": total, "eligible": eligible},
        "level": {**second, "lots": total, "eligible": shown["levels"]},
        "conditions": {"fill_s": fill_s, "plan": plan[:2000], "day": DAY.isoformat()},
        "problems": problems,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure the quality-imports benchmark (child).")
    parser.add_argument("--measure", action="store_true", required=True)
    parser.add_argument("--lots", type=int, default=LOTS)
    parser.add_argument("--repeats", type=int, default=REPEATS)
    args = parser.parse_args(argv)

    import django

    django.setup()
    print(json.dumps(measure(args.lots, args.repeats), default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
