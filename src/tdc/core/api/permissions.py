"""API access: role-level permission from the model's ScopeSpec; rows via ``for_user``."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.throttling import AnonRateThrottle

from tdc.core.api.throttling import SteadyRateThrottle
from tdc.core.roles import Action
from tdc.core.scoping import user_may

_METHOD_ACTION: dict[str, str] = {
    "POST": Action.CREATE,
    "PUT": Action.CHANGE,
    "PATCH": Action.CHANGE,
    "DELETE": Action.ARCHIVE,
}


class ScopedModelPermission(BasePermission):
    """Lets a request through when the user's role may act on the viewset's model at all.

    Which rows are visible is decided by the viewset's ``for_user`` queryset: objects outside
    the scope answer 404.
    """

    def has_permission(self, request: Any, view: Any) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        model = view.get_queryset().model
        lookup = getattr(view, "lookup_url_kwarg", None) or getattr(view, "lookup_field", "pk")
        if lookup in getattr(view, "kwargs", {}):
            # One object: the scoped queryset decides, so a forbidden object answers 404 too.
            return True
        if request.method in SAFE_METHODS:
            return user_may(user, model, Action.VIEW)
        action = getattr(view, "write_action", None) or _METHOD_ACTION.get(request.method, "")
        return user_may(user, model, action)


class PublicRateThrottle(SteadyRateThrottle, AnonRateThrottle):
    """Rate limit of the public endpoints under /api/v1/public/, per client address.

    O(1) per request at any configured rate (``tdc.core.api.throttling``, docs/adr/0007).
    """

    scope = "public"
