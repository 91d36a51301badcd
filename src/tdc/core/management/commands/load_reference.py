"""Load every reference data set, idempotently: the modules' own loaders (places first), then
every app's versioned tables (``<app>/data/reference/*.yaml``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tdc.core.modules import reference_loaders, resolve
from tdc.core.refdata import load_reference_data


class Command(BaseCommand):
    help = "Load reference data (places, calendars, regulation tables); safe to run again."

    def handle(self, *args: Any, **options: Any) -> None:
        for loader in reference_loaders():
            counts = resolve(loader.function)()
            for name, count in counts.items():
                self.stdout.write(f"{name}: {count}")
        for result in load_reference_data():
            self.stdout.write(
                f"{result.path} ({result.model}): {result.total} rows, {result.created} new, "
                f"{result.updated} updated, {result.kept} kept as corrected"
            )
