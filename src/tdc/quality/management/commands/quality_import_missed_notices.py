"""``tdc quality_import_missed_notices``: the daily run that issues the notice "Lô hàng không
hoàn thiện đầy đủ hồ sơ" for every incomplete import dossier whose deadline has passed.

Run once a day from cron or a systemd timer (e.g. 06:00). On a day off it issues nothing (the
notice waits for the next working day); running it twice issues nothing new.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from tdc.quality.services import import_missed_sweep


class Command(BaseCommand):
    help = "Issue the missed-deadline notices of incomplete import-inspection dossiers."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--day", help="ISO date to run for (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        raw = options.get("day")
        day = dt.date.fromisoformat(raw) if raw else timezone.localdate()
        issued = import_missed_sweep(today=day)
        self.stdout.write(f"{issued} missed-deadline notice(s) issued for {day.isoformat()}")
