"""Navigation by module, built for the signed-in user's role from the modules' menu entries."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from tdc.core.modules import MENU_GROUPS, menu_entries
from tdc.core.scoping import user_may


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_groups": []}
    groups: dict[str, list[dict[str, Any]]] = {}
    for group, entry in menu_entries():
        if entry.model is not None and not user_may(
            user, apps.get_model(entry.model), entry.action
        ):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        groups.setdefault(group, []).append(
            {"label": entry.label, "url": url, "active": request.path.startswith(url)}
        )
    return {
        "nav_groups": [
            {
                "label": MENU_GROUPS[group],
                "items": items,
                "active": any(i["active"] for i in items),
            }
            for group, items in groups.items()
        ]
    }
