"""API authentication by token: ``Authorization: Token <key>``, refused with a message that says
what to do when the token is unknown, revoked or expired, or its user inactive or locked out."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request

from tdc.accounts.models import ApiToken
from tdc.accounts.selectors import account_locked_out

#: How often the last-use time is written (not on every request).
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenAuthentication(BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the header as 'Authorization: Token <key>', with one key.")
            )
        try:
            key = parts[1].decode()
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("The token is not valid text.")) from None
        token = ApiToken.objects.select_related("user").filter(digest=key_digest(key)).first()
        if token is None:
            raise exceptions.AuthenticationFailed(
                _("This API token is not known: ask for a new one on your account page.")
            )
        now = timezone.now()
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(
                _("This API token was revoked: issue a new one on your account page.")
            )
        if token.expires_at <= now:
            raise exceptions.AuthenticationFailed(
                _("This API token expired on {day}: issue a new one on your account page.").format(
                    day=timezone.localtime(token.expires_at).strftime("%d/%m/%Y")
                )
            )
        user = token.user
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("This account is deactivated."))
        if account_locked_out(user.username):
            raise exceptions.AuthenticationFailed(
                _(
                    "This account is locked after repeated failed sign-ins; its API token works "
                    "again when the lock ends or an administrator lifts it."
                )
            )
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return user, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    """How the schema describes ``Authorization: Token <key>``."""

    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "An API token from the account page or `tdc api_token`, sent as "
                "`Token <key>`. Tokens expire (TDC_API_TOKEN_DAYS) and can be revoked."
            ),
        }
