"""Run the web server (gunicorn + whitenoise) and the background-task worker together."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Start gunicorn and the task worker; Ctrl-C stops both."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("TDC_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("TDC_WEB_WORKERS", "2")))

    def handle(self, *args: Any, bind: str, workers: int, **options: Any) -> None:
        python = sys.executable
        web = subprocess.Popen(
            [
                python, "-m", "gunicorn", "tdc.wsgi:application",
                "--bind", bind, "--workers", str(workers), "--threads", "4",
                "--access-logfile", "-", "--graceful-timeout", "5",
            ]
        )
        worker = subprocess.Popen([python, "-m", "tdc.cli", "db_worker", "--interval", "1"])
        self.stdout.write(self.style.SUCCESS(f"TĐC is running on http://{bind}/ (Ctrl-C to stop)"))
        children = [web, worker]

        def stop(*_: Any) -> None:
            for child in children:
                if child.poll() is None:
                    child.terminate()

        signal.signal(signal.SIGTERM, stop)
        try:
            while all(child.poll() is None for child in children):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            for child in children:
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
        self.stdout.write("Stopped.")
