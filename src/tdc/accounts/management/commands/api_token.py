from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tdc.accounts.models import User
from tdc.accounts.services import api_token_issue


class Command(BaseCommand):
    help = "Issue (or rotate) the API token of USERNAME and print it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist as exc:
            raise CommandError(f"No user named {username!r}.") from exc
        self.stdout.write(api_token_issue(user=user, by=None))
