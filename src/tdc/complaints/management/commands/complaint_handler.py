"""``tdc complaint_handler grant|revoke|list [USERNAME]``: who may reveal complaint reporters."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tdc.complaints.services import complaint_handler_grant, reveal_permission


class Command(BaseCommand):
    help = (
        "Grant or withdraw the complaint-handler capability (reveal reporters' identities) to "
        "one provincial officer or leader, or list who holds it. Each change is audited."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["grant", "revoke", "list"])
        parser.add_argument("username", nargs="?")

    def handle(self, *args: Any, **options: Any) -> None:
        users = get_user_model().objects
        if options["action"] == "list":
            holders = users.filter(user_permissions=reveal_permission()).order_by("username")
            for user in holders:
                self.stdout.write(f"{user.username}\t{user.get_role_display()}\t{user.province}")
            return
        if not options["username"]:
            raise CommandError("Name the user: tdc complaint_handler grant USERNAME")
        try:
            user = users.get(username=options["username"])
        except users.model.DoesNotExist as exc:
            raise CommandError(f"No user named {options['username']!r}.") from exc
        try:
            complaint_handler_grant(user=user, by=None, grant=options["action"] == "grant")
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        verb = "may now" if options["action"] == "grant" else "may no longer"
        self.stdout.write(self.style.SUCCESS(f"{user.username} {verb} reveal reporters."))
