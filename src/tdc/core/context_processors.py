"""Navigation by module, built for the signed-in user's role."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.scoping import user_may

# (label, url name, model label for the permission check or None for always visible)
NAVIGATION: list[tuple[Any, str, str | None]] = [
    (_("Dashboard"), "core:dashboard", None),
    (_("Organisations"), "registry:organisation_list", "registry.Organisation"),
    (_("Audit trail"), "core:auditevent_list", "core.AuditEvent"),
    (_("Working-day calendar"), "core:calendar", None),
    (_("Places"), "places:province_list", None),
    (_("Users"), "accounts:user_list", "accounts.User"),
    (
        _("Notification templates"),
        "notifications:template_list",
        "notifications.NotificationTemplate",
    ),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    from django.apps import apps

    items = []
    for label, url_name, model_label in NAVIGATION:
        if model_label is not None and not user_may(user, apps.get_model(model_label), "view"):
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        items.append(
            {"label": label, "url": url, "active": request.path.startswith(url) and url != "/"}
        )
    return {"nav_items": items}
