"""Seed the demo province: every module's demo seeder (``Module.demo_seeders``), in order."""

from __future__ import annotations

import datetime as dt
import os
import random
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from tdc.core.modules import DEMO_SCALES, DemoContext, demo_seeders, resolve

DEMO_PROVINCE = "80"  # Tây Ninh (merged with Long An on 1 July 2025)


@transaction.atomic
def seed_all(context: DemoContext) -> DemoContext:
    """Run every module's demo seeder in order, in one transaction."""
    for seeder in demo_seeders():
        started = time.monotonic()
        resolve(seeder.function)(context=context)
        context.timings[seeder.name] = time.monotonic() - started
    return context


class Command(BaseCommand):
    help = "Seed the demo province and one account per role (idempotent; prints new passwords)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
        parser.add_argument(
            "--scale",
            choices=sorted(DEMO_SCALES),
            default="province",
            help="province (default, ~20,000 instruments), small (tests) or national "
            "(benchmark-sized, ten times the province)",
        )
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="the day the data is seeded relative to (YYYY-MM-DD; default today): the same "
            "seed and day give identical data",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        context = DemoContext(
            province_id=DEMO_PROVINCE,
            random=random.Random(options["seed"]),  # noqa: S311 - demo data is reproducible, not secret
            scale=options["scale"],
            today=options["today"] or timezone.localdate(),
        )
        seed_all(context)
        for name, count in context.counts.items():
            self.stdout.write(f"{name:<28} {count:>8}")
        for name, seconds in context.timings.items():
            self.stdout.write(f"seeder {name:<21} {seconds:>7.1f} s")
        self._report_accounts(context.credentials)

    def _report_accounts(self, created: list[tuple[str, str, str]]) -> None:
        if not created:
            self.stdout.write("Demo data already present.")
            return
        path = settings.VAR_DIR / "demo-accounts.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = [f"{u:<12} {r:<20} {p}" for u, r, p in created]
        with open(path, "a", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
        os.chmod(path, 0o600)
        self.stdout.write(
            self.style.SUCCESS("Demo accounts (also saved in var/demo-accounts.txt):")
        )
        self.stdout.write(f"{'user':<12} {'role':<20} password")
        for line in lines:
            self.stdout.write(line)
