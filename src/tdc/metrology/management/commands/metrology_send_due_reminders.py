"""``tdc metrology_send_due_reminders``: the daily reminder to owners of instruments due soon.

Run once a day from cron or a systemd timer (e.g. 06:00). Owners are reminded once per due date
(``TDC_METROLOGY_REMINDER_DAYS`` days ahead, 30 by default); running it twice sends nothing new.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tdc.metrology.tasks import metrology_due_reminders


class Command(BaseCommand):
    help = "Queue (or run with --now) the daily due-date reminders to instrument owners."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--day", help="ISO date to run for (default: today)")
        parser.add_argument("--days", type=int, help="days ahead (default: the setting)")
        parser.add_argument("--now", action="store_true", help="run in this process")

    def handle(self, *args: Any, **options: Any) -> None:
        kwargs = {"day": options.get("day"), "days": options.get("days")}
        if options["now"]:
            counts = metrology_due_reminders.call(**kwargs)
            self.stdout.write(
                f"{counts['instruments']} instrument(s) of {counts['owners']} owner(s) reminded; "
                f"{counts['owners_without_account']} owner(s) without an account"
            )
        else:
            result = metrology_due_reminders.enqueue(**kwargs)
            self.stdout.write(f"due reminders queued as task {result.id}")
