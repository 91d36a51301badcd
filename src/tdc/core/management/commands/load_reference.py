"""Load every reference data set from the repository's data files, idempotently."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tdc.core.refdata import load_reference_data
from tdc.places.loading import load_places


class Command(BaseCommand):
    help = "Load reference data (places, calendars, regulation tables); safe to run again."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = load_places()
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
        for result in load_reference_data():
            self.stdout.write(
                f"{result.path} ({result.model}): {result.total} rows, {result.created} new, "
                f"{result.updated} updated, {result.kept} kept as corrected"
            )
