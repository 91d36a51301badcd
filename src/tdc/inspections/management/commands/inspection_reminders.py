"""Daily: remind teams of remedy deadlines and mark unpaid fines overdue (cron/systemd)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tdc.inspections.services import reminders_send


class Command(BaseCommand):
    help = "Send remedy-deadline reminders and mark unpaid sanction fines overdue (run daily)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Run as if today were this day (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        today = dt.date.fromisoformat(options["date"]) if options.get("date") else None
        sent = reminders_send(today=today)
        remedies, overdue = sent["remedies"], sent["overdue_payments"]
        self.stdout.write(f"remedy reminders: {remedies}, fines marked overdue: {overdue}")
