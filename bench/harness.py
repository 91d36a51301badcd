"""Shared pieces for benchmarks: throw-away databases, Django commands, a gunicorn server.

Everything runs in child processes with its own environment, so one runner can measure SQLite
and PostgreSQL in turn and the process under load is never the process measuring it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.registry import OUT_DIR, REPO_DIR, Context

PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def django_env(database_url: str, **overrides: str) -> dict[str, str]:
    """Production-like settings for a benchmark process (loopback, no HTTPS, manifest static)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TDC_", "DATABASE_URL"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "tdc.settings",
            "TDC_SECRET_KEY": _bench_secret(),
            "TDC_DEBUG": "0",
            "TDC_HTTPS": "0",
            "TDC_MANIFEST_STATIC": "1",
            "TDC_VAR_DIR": str(OUT_DIR),
            "TDC_LOG_LEVEL": "WARNING",
            "DATABASE_URL": database_url,
        }
    )
    env.update(overrides)
    return env


def _bench_secret() -> str:
    path = OUT_DIR / "secret_key"
    if not path.exists():
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def run_django(args: list[str], env: dict[str, str], *, capture: bool = False) -> str:
    """Run ``python -m <args…>`` (a Django command or a bench module) in a child process."""
    proc = subprocess.run(
        [PYTHON, *args],
        env=env,
        cwd=REPO_DIR,
        check=False,
        text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return proc.stdout if capture else ""


def sqlite_url(name: str) -> str:
    """A fresh SQLite file under var/bench/ (any previous one is deleted)."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / f"{name}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


@contextlib.contextmanager
def database(kind: str, name: str, ctx: Context) -> Iterator[str | None]:
    """Yield a throw-away database URL of ``kind``, or None (with a note) when unavailable."""
    if kind == "sqlite":
        yield sqlite_url(name)
        return
    if kind != "postgres":
        raise ValueError(f"Unknown database {kind!r}: use sqlite or postgres.")
    from tdc.testing.pgserver import PostgresUnavailable, throwaway_server

    try:
        with throwaway_server() as url:
            yield url
    except PostgresUnavailable as exc:
        ctx.log(f"PostgreSQL skipped: {exc}")
        yield None


def collectstatic(env: dict[str, str], ctx: Context) -> None:
    """Collect the manifest static files to var/bench/static once per change of the sources."""
    stamp_file = OUT_DIR / "static" / ".bench-stamp"
    digest = hashlib.sha256()
    for path in sorted((REPO_DIR / "static").rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    digest.update((REPO_DIR / "pyproject.toml").read_bytes())
    stamp = digest.hexdigest()
    manifest = OUT_DIR / "static" / "staticfiles.json"
    if manifest.exists() and stamp_file.exists() and stamp_file.read_text() == stamp:
        ctx.log("static files: up to date in var/bench/static")
        return
    ctx.log("collectstatic (manifest + compression) to var/bench/static …")
    run_django(["-m", "tdc.cli", "collectstatic", "--no-input", "-v0"], env)
    stamp_file.write_text(stamp)


@dataclass
class Server:
    base_url: str
    port: int
    log_path: Path


@contextlib.contextmanager
def gunicorn(
    env: dict[str, str], *, workers: int = 2, threads: int = 4, log_name: str = "gunicorn"
) -> Iterator[Server]:
    """Start gunicorn as ``tdc serve`` does (workers × threads) on a free loopback port."""
    port = free_port()
    log_path = OUT_DIR / f"{log_name}.log"
    cmd = [
        PYTHON, "-m", "gunicorn", "tdc.wsgi:application",
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers),
        "--threads", str(threads),
        "--graceful-timeout", "5",
        "--error-logfile", str(log_path),
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env, cwd=REPO_DIR, stdout=subprocess.DEVNULL)
    server = Server(f"http://127.0.0.1:{port}", port, log_path)
    try:
        _wait_ready(server, proc)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_ready(server: Server, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({proc.returncode}); see {server.log_path}")
        try:
            with urllib.request.urlopen(f"{server.base_url}/healthz", timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer /healthz within {timeout:.0f} s")


def last_json_line(text: str) -> dict[str, object]:
    """The last line of a child's output that is a JSON object (its result)."""
    for line in reversed(text.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)  # type: ignore[no-any-return]
    raise RuntimeError(f"no JSON result in output:\n{text[-2000:]}")


def tool_path(name: str) -> str | None:
    return shutil.which(name)
