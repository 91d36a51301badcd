"""Run the web server (gunicorn + whitenoise) and the background-task worker together."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Start gunicorn and the task worker; Ctrl-C stops both."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("TDC_BIND", "127.0.0.1:8000"))
        workers = int(os.environ.get("TDC_WEB_WORKERS", "2"))
        parser.add_argument("--workers", type=int, default=workers)

    def handle(self, *args: Any, bind: str, workers: int, **options: Any) -> None:
        python = sys.executable
        web = subprocess.Popen(
            [python, "-m", "gunicorn", "tdc.wsgi:application", "--bind", bind]
            + ["--workers", str(workers), "--threads", "4", "--graceful-timeout", "5"]
            # No control socket in the home directory: several instances may run side by side.
            + ["--access-logfile", "-", "--no-control-socket"]
        )
        worker = subprocess.Popen([python, "-m", "tdc.cli", "db_worker", "--interval", "1"])
        self.stdout.write(self.style.SUCCESS(f"TĐC is running on http://{bind}/ (Ctrl-C to stop)"))
        children = [web, worker]

        asked_to_stop = False

        def stop(*_: Any) -> None:
            nonlocal asked_to_stop
            asked_to_stop = True
            for child in children:
                if child.poll() is None:
                    child.terminate()

        # Ctrl-C reaches the whole process group; handle it explicitly (also when started from a
        # script that ignores SIGINT in background jobs) and let the children finish cleanly.
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            while all(child.poll() is None for child in children):
                time.sleep(0.5)
        except KeyboardInterrupt:
            asked_to_stop = True
        died = [] if asked_to_stop else [c for c in children if c.poll() is not None]
        stop()
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
        if died:
            hints = {
                web.pid: "the web server (gunicorn) stopped: is the address already in use? "
                "Stop the other server or choose another with --bind.",
                worker.pid: "the task worker stopped: is the database migrated? "
                "`make run` (or `tdc migrate`) sets it up.",
            }
            raise CommandError(
                f"{hints[died[0].pid]} (exit code {died[0].returncode}; its messages are above)"
            )
        self.stdout.write("Stopped.")
