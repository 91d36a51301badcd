"""A throw-away PostgreSQL server for tests and benchmarks.

``python -m tdc.testing.pgserver -- <command …>`` starts a private cluster from the installed
binaries (``/usr/lib/postgresql/*/bin``; as root it runs as the ``postgres`` user), runs the
command with ``DATABASE_URL`` pointing at it, and removes the cluster afterwards. With
``TDC_TEST_DATABASE_URL`` set, that server is used instead. With ``TDC_REQUIRE_POSTGRES=1`` a
missing PostgreSQL is an error; otherwise the command is skipped with a notice.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    pass


def find_bindir() -> Path | None:
    override = os.environ.get("TDC_PG_BINDIR")
    candidates = [override] if override else []
    candidates += sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
        reverse=True,
    )
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").exists():
            return Path(candidate)
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@contextlib.contextmanager
def throwaway_server() -> Iterator[str]:
    """Start a private cluster and yield its database URL; stop and delete it afterwards."""
    url = os.environ.get("TDC_TEST_DATABASE_URL")
    if url:
        yield url
        return
    bindir = find_bindir()
    if bindir is None:
        raise PostgresUnavailable(
            "PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin and PATH). "
            "Install them with: apt-get install postgresql (or set TDC_TEST_DATABASE_URL)."
        )
    base = Path(tempfile.mkdtemp(prefix="tdc-pg-"))
    data, sockets = base / "data", base / "run"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        shutil.chown(sockets, "postgres")
    port = _free_port()
    log = base / "server.log"
    try:
        subprocess.run(
            _as_postgres(
                [
                    str(bindir / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    "tdc",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                    "--no-sync",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        options = (
            f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200 "
            "-c shared_buffers=256MB"
        )
        subprocess.run(
            _as_postgres(
                [
                    str(bindir / "pg_ctl"),
                    "-D",
                    str(data),
                    "-o",
                    options,
                    "-l",
                    str(log),
                    "-w",
                    "start",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        subprocess.run(
            _as_postgres(
                [str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "tdc", "tdc"]
            ),
            check=True,
        )
        yield f"postgres://tdc@127.0.0.1:{port}/tdc"
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                _as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )
        shutil.rmtree(base, ignore_errors=True)


def main(argv: list[str]) -> int:
    if "--" in argv:
        argv = argv[argv.index("--") + 1 :]
    if not argv:
        print("usage: python -m tdc.testing.pgserver -- COMMAND …", file=sys.stderr)
        return 2
    required = os.environ.get("TDC_REQUIRE_POSTGRES") == "1"
    try:
        with throwaway_server() as url:
            env = {**os.environ, "DATABASE_URL": url, "TDC_TEST_POSTGRES": "1"}
            return subprocess.run(argv, env=env, check=False).returncode
    except PostgresUnavailable as exc:
        if required:
            print(f"ERROR: {exc} (TDC_REQUIRE_POSTGRES=1)", file=sys.stderr)
            return 1
        print(f"SKIPPED PostgreSQL tests: {exc}", file=sys.stderr)
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
