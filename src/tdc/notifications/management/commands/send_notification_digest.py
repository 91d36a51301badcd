"""``tdc send_notification_digest``: queue (or run) the daily e-mail digest.

Run once a day from cron or a systemd timer, e.g. at 17:30 local time.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tdc.notifications.tasks import send_daily_digest


class Command(BaseCommand):
    help = "Queue the daily notification digest e-mails (or send them now with --now)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--day", help="ISO date of the notifications (default: today)")
        parser.add_argument("--now", action="store_true", help="send in this process")

    def handle(self, *args: Any, **options: Any) -> None:
        day = options.get("day")
        if options["now"]:
            sent = send_daily_digest.call(day=day)
            self.stdout.write(f"{sent} digest e-mail(s) sent")
        else:
            result = send_daily_digest.enqueue(day=day)
            self.stdout.write(f"digest queued as task {result.id}")
