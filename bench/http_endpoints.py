"""The platform benchmark ``http``: gunicorn under load from wrk, three endpoints side by side.

- ``GET /hello`` — no database: the framework's floor (every middleware, a tiny JSON body);
- ``GET /organisations/`` — a provincial officer's list page over 10,000 organisations (page 1,
  50 rows, signed-in session);
- ``GET /api/v1/places/provinces/`` — public reference data as JSON, no authentication;
- ``GET /api/v1/public/certificates/<code>/`` — a verification certificate's current status by
  the code of its QR (a real certificate of the bench database), no authentication, read fresh
  on every request.

Each runs against the same server in the same run, so ``vs hello`` compares like with like.
"""

from __future__ import annotations

import http.client
import json
import os
import platform
import shutil
import subprocess
import urllib.parse
from dataclasses import dataclass
from typing import Any

from bench import harness, loadgen
from bench.registry import Column, Context, Result, Row, Target, register

ORGANISATIONS = 10_000
QUICK_ORGANISATIONS = 1_000  # --quick proves the runner works; it is not a measurement
CONNECTIONS = 8
WORKERS, THREADS = 2, 4  # as `tdc serve` runs in production
PUBLIC_TARGET = 0.60
#: High enough that the public-API throttle never answers 429, yet still does its work.
PUBLIC_RATE = "1000000/s"


@dataclass(frozen=True)
class Plan:
    duration: float
    warmup: float
    rounds: int
    organisations: int
    tool: str


@dataclass(frozen=True)
class Endpoint:
    label: str
    path: str
    auth: str  # "none" or "session"


HELLO = Endpoint("GET /hello", "/hello", "none")
LIST = Endpoint("GET /organisations/", "/organisations/", "session")
PUBLIC = Endpoint("GET /api/v1/places/provinces/", "/api/v1/places/provinces/", "none")
#: The path is completed with the public code of the certificate the preparation created.
CERTIFICATE_LABEL = "GET /api/v1/public/certificates/<code>/"
CERTIFICATE_PATH = "/api/v1/public/certificates/{code}/"

COLUMNS = [
    Column("rps", "req/s", "{:,.0f}"),
    Column("p50_ms", "p50 ms", "{:.2f}"),
    Column("p99_ms", "p99 ms", "{:.2f}"),
    Column("errors", "errors", "{:d}"),
    Column("vs_hello", "vs hello", "{:.0%}"),
]


@register(
    "http",
    "gunicorn: hello vs an authenticated list vs public JSON vs a certificate lookup",
    subject_header="endpoint",
)
def run(ctx: Context) -> Result:
    plan = Plan(
        duration=ctx.duration if ctx.duration is not None else (2.0 if ctx.quick else 10.0),
        warmup=ctx.warmup if ctx.warmup is not None else (1.0 if ctx.quick else 2.0),
        rounds=ctx.rounds if ctx.rounds is not None else (1 if ctx.quick else 2),
        organisations=QUICK_ORGANISATIONS if ctx.quick else ORGANISATIONS,
        tool=loadgen.choose(ctx),
    )
    duration, warmup, rounds, tool = plan.duration, plan.warmup, plan.rounds, plan.tool
    result = Result(columns=COLUMNS, rows=[])
    result.conditions = {
        "duration_s": duration,
        "warmup_s": warmup,
        "rounds": rounds,
        "load_average_1min_at_start": _load_average(),
        "connections": CONNECTIONS,
        "load_generator": _tool_version(tool),
        "gunicorn": f"{WORKERS} workers × {THREADS} threads (gthread), tdc.wsgi:application",
        "settings": "TDC_DEBUG=0 TDC_HTTPS=0 TDC_MANIFEST_STATIC=1 "
        f"TDC_PUBLIC_API_RATE={PUBLIC_RATE} TDC_ALLOW_2FA_EXEMPT=1",
        "organisations": plan.organisations,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
    }
    result.notes += [
        f"Load from {tool} in its own process, {CONNECTIONS} keep-alive connections, "
        f"{rounds} round(s) of {warmup:g} s warm-up then {duration:g} s measured per endpoint, "
        "endpoints interleaved; req/s = all requests / all measured time, p50 and p99 = mean "
        f"over rounds. gunicorn and the load generator share this machine's {os.cpu_count()} "
        "cores.",
        "Two-factor: the bench officer has otp_exempt=True and the server runs with "
        "TDC_ALLOW_2FA_EXEMPT=1 (the demo setting), so its session passes the TOTP middleware.",
        f"Public-API throttle left on with TDC_PUBLIC_API_RATE={PUBLIC_RATE}, so it never "
        "answers 429 but still does its bookkeeping (GCRA, one number per client) on every "
        "request.",
        "Public provinces list: serialized once per worker and revalidated every "
        "TDC_REFERENCE_CACHE_SECONDS, with ETag and Cache-Control (docs/adr/0007); the load "
        "generator sends no If-None-Match, so every response is a full 200 body.",
        "Public certificate lookup: one real certificate, read from the database on every "
        "request (no cache, Cache-Control: no-store) so that a revocation shows at once.",
    ]
    busy = _load_average()
    if busy > 0.5:
        result.notes.append(
            f"The machine was busy at the start (1-min load average {busy:.1f}): other work "
            "competes for the cores, so absolute figures are low and ratios noisier."
        )
    harness.collectstatic(harness.django_env(harness.sqlite_url("http-static")), ctx)
    for db in ctx.databases:
        with harness.database(db, "http", ctx) as url:
            if url is None:
                result.notes.append(f"{db}: skipped (no server binaries found)")
                continue
            _measure_db(ctx, db, url, plan, result)
    return result


def _measure_db(ctx: Context, db: str, url: str, plan: Plan, result: Result) -> None:
    duration, warmup, rounds_n, tool = plan.duration, plan.warmup, plan.rounds, plan.tool
    env = harness.django_env(url, TDC_ALLOW_2FA_EXEMPT="1", TDC_PUBLIC_API_RATE=PUBLIC_RATE)
    count = plan.organisations
    ctx.log(f"{db}: migrate, load reference data, insert {count:,} organisations …")
    prep = harness.last_json_line(
        harness.run_django(
            ["-m", "bench.http_prepare", "--organisations", str(count)], env, capture=True
        )
    )
    ctx.log(
        f"{db}: prepared (migrate {prep['migrate_s']:.1f} s, bulk insert {prep['insert_s']:.2f} s)"
    )
    session = {"Cookie": str(prep["session_cookie"])}
    issued: dict[str, str] = prep["certificate"]  # type: ignore[assignment]
    certificate = Endpoint(CERTIFICATE_LABEL, CERTIFICATE_PATH.format(code=issued["code"]), "none")
    endpoints = (HELLO, LIST, PUBLIC, certificate)
    with harness.gunicorn(
        env, workers=WORKERS, threads=THREADS, log_name=f"gunicorn-http-{db}"
    ) as server:
        _check(server.base_url, session, str(prep["token"]), count)
        _check_certificate(server.base_url, certificate, issued["number"])
        rounds: dict[Endpoint, list[loadgen.Load]] = {e: [] for e in endpoints}
        for round_no in range(1, rounds_n + 1):
            for endpoint in endpoints:  # interleaved, so drift hits every endpoint alike
                headers = session if endpoint.auth == "session" else {}
                target = server.base_url + endpoint.path
                ctx.log(
                    f"{db}: round {round_no}/{rounds_n} {endpoint.label}: "
                    f"warm-up {warmup:g} s, measure {duration:g} s"
                )
                loadgen.measure(
                    tool, target, duration=warmup, connections=CONNECTIONS, headers=headers
                )
                rounds[endpoint].append(
                    loadgen.measure(
                        tool, target, duration=duration, connections=CONNECTIONS, headers=headers
                    )
                )
        figures = {endpoint: loadgen.combine(loads) for endpoint, loads in rounds.items()}
    hello_rps = figures[HELLO].rps
    for endpoint, load in figures.items():
        result.rows.append(
            Row(
                endpoint.label,
                db,
                {
                    "rps": load.rps,
                    "p50_ms": load.p50_ms,
                    "p99_ms": load.p99_ms,
                    "errors": load.errors,
                    "vs_hello": load.rps / hello_rps if hello_rps else None,
                    "requests": load.requests,
                    "duration_s": load.duration_s,
                    "non2xx": load.non2xx,
                    "socket_errors": load.socket_errors,
                },
            )
        )
        if load.errors:
            result.problems.append(
                f"{db} {endpoint.label}: {load.non2xx} non-2xx responses and "
                f"{load.socket_errors} socket errors; see {harness.OUT_DIR}/gunicorn-http-{db}.log"
            )
    ratio = figures[PUBLIC].rps / hello_rps if hello_rps else 0.0
    result.targets.append(
        Target(f"{db}: public JSON req/s vs hello", ratio, PUBLIC_TARGET, ratio >= PUBLIC_TARGET)
    )
    ratio = figures[certificate].rps / hello_rps if hello_rps else 0.0
    result.targets.append(
        Target(
            f"{db}: public certificate lookup req/s vs hello",
            ratio,
            PUBLIC_TARGET,
            ratio >= PUBLIC_TARGET,
        )
    )


def _get(base_url: str, path: str, headers: dict[str, str]) -> tuple[int, bytes]:
    parts = urllib.parse.urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _check(base_url: str, session: dict[str, str], token: str, organisations: int) -> None:
    """Each endpoint answers what it should before it is measured (not a redirect, not empty)."""
    status, body = _get(base_url, HELLO.path, {})
    _expect(status == 200 and json.loads(body) == {"hello": "world"}, HELLO, status, body)
    status, body = _get(base_url, PUBLIC.path, {})
    _expect(status == 200 and len(json.loads(body)) == 34, PUBLIC, status, body)
    status, body = _get(base_url, LIST.path, session)
    _expect(status == 200 and body.count(b"Bench C") >= 50, LIST, status, body)
    status, body = _get(
        base_url, "/api/v1/organisations/?page_size=1", {"Authorization": f"Token {token}"}
    )
    count: Any = json.loads(body).get("count") if status == 200 else None
    if count != organisations:
        raise RuntimeError(
            f"The officer's API sees {count} organisations instead of {organisations}: "
            "the prepared database is not what the benchmark expects."
        )


def _check_certificate(base_url: str, endpoint: Endpoint, number: str) -> None:
    """The lookup finds the prepared certificate, valid, and tells clients not to cache it."""
    parts = urllib.parse.urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
    try:
        conn.request("GET", endpoint.path)
        response = conn.getresponse()
        status, body = response.status, response.read()
        cache_control = response.getheader("Cache-Control") or ""
    finally:
        conn.close()
    data: Any = json.loads(body) if status == 200 else {}
    _expect(
        status == 200
        and data.get("number") == number
        and data.get("status") == "valid"
        and "no-store" in cache_control,
        endpoint,
        status,
        body,
    )


def _expect(ok: bool, endpoint: Endpoint, status: int, body: bytes) -> None:
    if not ok:
        raise RuntimeError(
            f"{endpoint.label} answered {status} before the load: {body[:300]!r}; "
            "fix the endpoint or the preparation before measuring."
        )


def _tool_version(tool: str) -> str:
    if tool == "wrk" and shutil.which("wrk"):
        out = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)
        first = (out.stdout or out.stderr).splitlines()
        return first[0].strip() if first else "wrk"
    return "python (bench.loadgen, http.client keep-alive, 2 processes)"


def _load_average() -> float:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return 0.0
