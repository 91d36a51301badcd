"""Load generators run as separate processes: wrk (preferred) or a Python keep-alive fallback.

``measure(...)`` runs one fixed-duration load against one URL and returns the figures. The
Python fallback is also a command, ``python -m bench.loadgen URL --duration S --connections N``,
so that the load always comes from a process other than the server's and the runner's.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from bench.registry import Context

WRK_SCRIPT = Path(__file__).with_name("wrk_report.lua")


@dataclass
class Load:
    requests: int
    duration_s: float
    p50_ms: float
    p99_ms: float
    non2xx: int
    socket_errors: int
    tool: str

    @property
    def rps(self) -> float:
        return self.requests / self.duration_s if self.duration_s else 0.0

    @property
    def errors(self) -> int:
        return self.non2xx + self.socket_errors


def combine(loads: list[Load]) -> Load:
    """Rounds of one subject as one figure: rate over all time, mean percentiles, all errors."""
    n = len(loads)
    return Load(
        requests=sum(x.requests for x in loads),
        duration_s=sum(x.duration_s for x in loads),
        p50_ms=sum(x.p50_ms for x in loads) / n,
        p99_ms=sum(x.p99_ms for x in loads) / n,
        non2xx=sum(x.non2xx for x in loads),
        socket_errors=sum(x.socket_errors for x in loads),
        tool=loads[0].tool,
    )


def choose(ctx: Context) -> str:
    """ "wrk" or "python"; with "auto", install Debian's wrk when it is missing and we may."""
    if ctx.loadgen == "python":
        return "python"
    if shutil.which("wrk"):
        return "wrk"
    if ctx.loadgen == "wrk" or os.environ.get("TDC_BENCH_NO_INSTALL") != "1":
        _install_wrk(ctx)
    if shutil.which("wrk"):
        return "wrk"
    if ctx.loadgen == "wrk":
        raise RuntimeError("wrk is not installed: run `apt-get install wrk` (Debian package).")
    ctx.log("wrk unavailable: using the Python load generator (slower; it competes for the CPU)")
    return "python"


def _install_wrk(ctx: Context) -> None:
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return
    ctx.log("wrk missing: installing Debian's package (apt-get install wrk) …")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "install", "-y", "-qq", "wrk"],):
        result = subprocess.run(cmd, env=env, check=False, capture_output=True)
        if result.returncode != 0:  # package lists may be missing on a fresh machine
            subprocess.run(["apt-get", "update", "-qq"], env=env, check=False, capture_output=True)
            subprocess.run(cmd, env=env, check=False, capture_output=True)


def measure(
    tool: str, url: str, *, duration: float, connections: int, headers: dict[str, str]
) -> Load:
    if tool == "wrk":
        return _wrk(url, duration=duration, connections=connections, headers=headers)
    return _python(url, duration=duration, connections=connections, headers=headers)


def _wrk(url: str, *, duration: float, connections: int, headers: dict[str, str]) -> Load:
    threads = min(2, connections)
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(duration))}s",
           "--timeout", "10s", "-s", str(WRK_SCRIPT)]  # fmt: skip
    for name, value in headers.items():
        cmd += ["-H", f"{name}: {value}"]
    proc = subprocess.run([*cmd, url], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"wrk failed ({proc.returncode}): {proc.stderr or proc.stdout}")
    data = _last_json(proc.stdout)
    return Load(
        requests=int(data["requests"]),
        duration_s=float(data["duration_s"]),
        p50_ms=float(data["p50_ms"]),
        p99_ms=float(data["p99_ms"]),
        non2xx=int(data["non2xx"]),
        socket_errors=int(data["socket_errors"]),
        tool="wrk",
    )


def _python(url: str, *, duration: float, connections: int, headers: dict[str, str]) -> Load:
    cmd = [sys.executable, "-m", "bench.loadgen", url, "--duration", str(duration),
           "--connections", str(connections)]  # fmt: skip
    for name, value in headers.items():
        cmd += ["--header", f"{name}: {value}"]
    proc = subprocess.run(
        cmd, capture_output=True, text=True, check=False, cwd=Path(__file__).parent.parent
    )
    if proc.returncode != 0:
        raise RuntimeError(f"Python load generator failed: {proc.stderr[-2000:]}")
    data = _last_json(proc.stdout)
    return Load(**{**data, "tool": "python"})


def _last_json(text: str) -> dict[str, float]:
    for line in reversed(text.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)  # type: ignore[no-any-return]
    raise RuntimeError(f"no figures in the load generator's output:\n{text[-2000:]}")


# --- the Python fallback ----------------------------------------------------------------------


def _client(
    target: urllib.parse.SplitResult,
    headers: dict[str, str],
    start: float,
    deadline: float,
    out: list[tuple[list[float], int, int]],
) -> None:
    path = target.path or "/"
    if target.query:
        path += "?" + target.query
    latencies: list[float] = []
    non2xx = errors = 0
    conn = http.client.HTTPConnection(target.hostname or "127.0.0.1", target.port, timeout=10)
    while time.perf_counter() < start:
        time.sleep(0.001)
    while time.perf_counter() < deadline:
        began = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            errors += 1
            conn.close()
            conn = http.client.HTTPConnection(target.hostname or "127.0.0.1", target.port)
            continue
        latencies.append(time.perf_counter() - began)
        if not 200 <= response.status < 300:
            non2xx += 1
    conn.close()
    out.append((latencies, non2xx, errors))


def _process(args: tuple[str, dict[str, str], int, float, float]) -> tuple[list[float], int, int]:
    url, headers, threads, start, deadline = args
    target = urllib.parse.urlsplit(url)
    out: list[tuple[list[float], int, int]] = []
    workers = [
        threading.Thread(target=_client, args=(target, headers, start, deadline, out))
        for _ in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    latencies = [lat for chunk, _, _ in out for lat in chunk]
    return latencies, sum(n for _, n, _ in out), sum(e for _, _, e in out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--header", action="append", default=[])
    args = parser.parse_args(argv)
    headers = dict(h.split(": ", 1) for h in args.header)
    processes = max(1, min(args.processes, args.connections))
    per_process = [args.connections // processes] * processes
    for i in range(args.connections % processes):
        per_process[i] += 1
    # perf_counter is system-wide monotonic on Linux, so all processes share start and end.
    start = time.perf_counter() + 0.5
    deadline = start + args.duration
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        parts = pool.map(_process, [(args.url, headers, n, start, deadline) for n in per_process])
    latencies = sorted(lat for chunk, _, _ in parts for lat in chunk)
    n = len(latencies)

    def pct(p: float) -> float:
        return latencies[min(n - 1, int(p / 100 * n))] * 1000 if n else 0.0

    print(
        json.dumps(
            {
                "requests": n,
                "duration_s": args.duration,
                "p50_ms": pct(50),
                "p99_ms": pct(99),
                "non2xx": sum(p[1] for p in parts),
                "socket_errors": sum(p[2] for p in parts),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
