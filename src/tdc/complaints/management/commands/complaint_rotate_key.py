"""``tdc complaint_rotate_key``: re-encrypt reporters' identities with the newest key.

Rotation: generate a key (``--generate``), put it first in TDC_COMPLAINT_KEY with the old keys
after it, run this command, then remove the old keys.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tdc.complaints.crypto import generate_key
from tdc.complaints.services import complaint_rotate_keys


class Command(BaseCommand):
    help = "Re-encrypt every stored reporter identity with the first key of TDC_COMPLAINT_KEY."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--generate", action="store_true", help="Print a new key and change nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["generate"]:
            self.stdout.write(generate_key())
            return
        count = complaint_rotate_keys()
        self.stdout.write(self.style.SUCCESS(f"{count} identities re-encrypted with the new key."))
