from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tdc.accounts.models import User
from tdc.accounts.services import api_token_issue, api_token_revoke


class Command(BaseCommand):
    help = (
        "Issue (or rotate) the API token of USERNAME and print it once; --revoke revokes the "
        "user's tokens instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--days", type=int, default=None, help="validity in days")
        parser.add_argument("--revoke", action="store_true", help="revoke the active tokens")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist as exc:
            raise CommandError(f"No user named {username!r}.") from exc
        if options["revoke"]:
            count = api_token_revoke(user=user, by=None)
            self.stdout.write(f"Revoked {count} token(s) of {username}.")
            return
        self.stdout.write(api_token_issue(user=user, by=None, days=options["days"]))
