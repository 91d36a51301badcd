"""`make bench` works: the runner measures the http benchmark end to end with tiny durations.

On SQLite in the SQLite pass; in the PostgreSQL pass (``TDC_TEST_POSTGRES=1``) each benchmark
gets a database of its own on the test server (tests run in parallel and must not share one).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.run import discover

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


@contextlib.contextmanager
def _bench_env() -> Iterator[tuple[dict[str, str], str]]:
    """The environment and database kind for a benchmark subprocess of this pass."""
    env = {**os.environ, "TDC_BENCH_NO_INSTALL": "1"}  # never apt-get from a test
    if os.environ.get("TDC_TEST_POSTGRES") != "1":
        yield env, "sqlite"
        return
    import psycopg

    server = os.environ["DATABASE_URL"]
    name = f"bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    env["TDC_TEST_DATABASE_URL"] = server.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield env, "postgres"
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_it_registers_the_http_benchmark_by_importing_the_package() -> None:
    known = discover()
    assert "http" in known
    assert known["http"].subject_header == "endpoint"


def test_it_measures_the_http_benchmark_end_to_end(tmp_path: Path) -> None:
    with _bench_env() as (env, db):
        proc = _run_http(env, db, tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "GET /api/v1/places/provinces/" in proc.stdout
    assert "vs hello" in proc.stdout and "target" in proc.stdout
    _check_http_json(tmp_path, db)


def _run_http(env: dict[str, str], db: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bench.run", "http", "--quick", "--db", db,
         "--duration", "1", "--warmup", "0.5", "--rounds", "1", "--json-dir", str(tmp_path)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )  # fmt: skip


def _check_http_json(tmp_path: Path, db: str) -> None:
    result = json.loads((tmp_path / "http.json").read_text(encoding="utf-8"))
    rows = {row["subject"]: row for row in result["rows"]}
    assert {"GET /hello", "GET /organisations/", "GET /api/v1/places/provinces/"} <= set(rows)
    for row in rows.values():
        assert row["db"] == db
        assert row["values"]["requests"] > 0 and row["values"]["rps"] > 0
        assert row["values"]["errors"] == 0
    assert rows["GET /hello"]["values"]["vs_hello"] == 1
    assert result["targets"][0]["threshold"] == 0.6
    assert any("otp_exempt" in note for note in result["notes"])


def _quick_run(name: str, tmp_path: Path) -> tuple[str, dict[str, Any]]:
    """``python -m bench.run <name> --quick`` on this pass's database; its output and JSON."""
    with _bench_env() as (env, db):
        proc = subprocess.run(
            [sys.executable, "-m", "bench.run", name, "--quick", "--db", db,
             "--json-dir", str(tmp_path)],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    result = json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
    assert {row["db"] for row in result["rows"]} == {db}
    return proc.stdout, result


def test_it_measures_the_imports_benchmark_next_to_raw_inserts(tmp_path: Path) -> None:
    stdout, result = _quick_run("imports", tmp_path)

    assert "vs raw" in stdout and "rows/s" in stdout
    assert result["problems"] == []
    rows = {row["subject"].split(" (")[0]: row["values"] for row in result["rows"]}
    kinds = ("organisations", "instruments")
    steps = ("dry run", "commit", "raw insert")
    assert set(rows) == {f"{kind}: {step}" for kind in kinds for step in steps}
    for values in rows.values():
        assert values["rows"] == result["conditions"]["rows"] and values["rows_s"] > 0
    for kind in kinds:
        raw, commit = rows[f"{kind}: raw insert"], rows[f"{kind}: commit"]
        assert raw["vs_raw"] == 1
        assert 0 < commit["vs_raw"] == commit["rows_s"] / raw["rows_s"]
        db = result["rows"][0]["db"]
        assert result["conditions"][f"{db}_{kind}_commit_vs_raw"] == commit["vs_raw"]


def test_it_measures_the_resolve_benchmark_per_style(tmp_path: Path) -> None:
    stdout, result = _quick_run("resolve", tmp_path)

    assert "median µs" in stdout and "p95 µs" in stdout
    rows = {row["subject"]: row["values"] for row in result["rows"]}
    assert {"full", "abbreviated", "codes", "all"} <= set(rows)
    overall = rows["all"]
    assert overall["addresses"] == result["conditions"]["addresses"]
    assert 0 < overall["median_us"] <= overall["p95_us"] and overall["index_ms"] > 0
    shares = ("resolved", "ambiguous", "province_only", "not_found")
    assert abs(sum(overall[k] for k in shares) - 1) < 1e-9
    assert overall["resolved"] > 0.8 and overall["correct"] > 0.8


@pytest.mark.skipif(
    os.environ.get("TDC_TEST_POSTGRES") != "1", reason="the metrology benchmark needs PostgreSQL"
)
def test_it_measures_the_metrology_benchmark_on_postgres(tmp_path: Path) -> None:
    stdout, result = _quick_run("metrology", tmp_path)

    assert "rows/s" in stdout and "p95 ms" in stdout and "vs raw" in stdout
    assert result["problems"] == []
    rows = {row["subject"]: row["values"] for row in result["rows"]}
    fast = rows["import (validate + COPY + audit)"]
    assert fast["rows"] == result["conditions"]["import_rows"] and fast["rows_s"] > 0
    assert rows["raw COPY"]["vs_raw"] == 1
    for name in ("due list (commune, 30 days, page 50)", "monthly statistics (12 months)"):
        assert 0 < rows[name]["p50_ms"] <= rows[name]["p95_ms"]
    assert len(result["targets"]) == 3
