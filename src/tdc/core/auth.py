"""The signed-in user of a request, typed as the project's user model."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

if TYPE_CHECKING:
    from django.http import HttpRequest
    from rest_framework.request import Request

    from tdc.accounts.models import User


def authenticated_user(request: HttpRequest | Request) -> User:
    """The user of a request that sign-in (``login_required``, API permissions) already let in.

    Views behind sign-in use it where a service wants a ``User``; an anonymous caller that
    reached the view anyway is refused.
    """
    user = request.user
    if not isinstance(user, get_user_model()):
        raise PermissionDenied
    return cast("User", user)
