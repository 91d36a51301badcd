from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from tdc.accounts.demo import seed_demo


class Command(BaseCommand):
    help = "Seed the demo province and one account per role (idempotent; prints new passwords)."

    def handle(self, *args: Any, **options: Any) -> None:
        created = seed_demo()
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
