"""``tdc metrology_weekly_digest``: the officers' weekly digest of due and overdue instruments.

Run once a week from cron or a systemd timer (e.g. Monday 07:00). Each provincial officer and
leader gets one digest per ISO week; running it twice in a week sends nothing new.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tdc.metrology.tasks import metrology_weekly_digest


class Command(BaseCommand):
    help = "Queue (or run with --now) the weekly due/overdue digest to provincial officers."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--day", help="ISO date to run for (default: today)")
        parser.add_argument("--now", action="store_true", help="run in this process")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            sent = metrology_weekly_digest.call(day=options.get("day"))
            self.stdout.write(f"{sent} weekly digest(s) sent")
        else:
            result = metrology_weekly_digest.enqueue(day=options.get("day"))
            self.stdout.write(f"weekly digest queued as task {result.id}")
