"""``tdc prepackage_reminders``: the daily quantity-mark certificate run.

Run once a day from cron or a systemd timer (e.g. 06:00): expires certificates past their end
date and reminds holders to request re-certification 3 months before expiry.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tdc.prepackages.tasks import send_recertification_reminders


class Command(BaseCommand):
    help = "Queue (or run with --now) the daily quantity-mark re-certification reminders."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--day", help="ISO date to run for (default: today)")
        parser.add_argument("--now", action="store_true", help="run in this process")

    def handle(self, *args: Any, **options: Any) -> None:
        day = options.get("day")
        if options["now"]:
            sent = send_recertification_reminders.call(day=day)
            self.stdout.write(f"{sent} re-certification reminder(s) sent")
        else:
            result = send_recertification_reminders.enqueue(day=day)
            self.stdout.write(f"re-certification reminders queued as task {result.id}")
