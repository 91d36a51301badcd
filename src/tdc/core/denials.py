"""Why a signed-in user was refused a screen, in words: who may do it and what to do instead.

A bare "403 Forbidden" dead-ends a journey (an officer who registered an instrument follows
"record a verification" and learns nothing). Every screen is registered with the model it works
on and the action it performs (:mod:`tdc.core.viewregistry`), so the refusal can name the action,
the record type, the roles that may do it, the user's own role, and the screen the user may open
instead (the list of the same records, when the role may read them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdc.core.roles import Action, Role
from tdc.core.scoping import user_may
from tdc.core.viewregistry import ViewEntry, scoped_entries

#: What each action is called in a sentence ("create" → "add").
_ACTION_WORDS: dict[str, Any] = {
    Action.VIEW: gettext_lazy("view"),
    Action.CREATE: gettext_lazy("add"),
    Action.CHANGE: gettext_lazy("change"),
    Action.ARCHIVE: gettext_lazy("archive"),
    Action.EXPORT: gettext_lazy("export"),
    Action.APPROVE: gettext_lazy("approve or sign"),
}


@dataclass(frozen=True)
class Denial:
    """The words of a refusal."""

    action: str
    record_type: str
    allowed_roles: list[str]
    user_role: str
    instead_url: str | None
    instead_label: str
    reason: str


def _entry(request: HttpRequest) -> ViewEntry | None:
    match = getattr(request, "resolver_match", None)
    if match is None or not match.view_name:
        return None
    return scoped_entries().get(match.view_name)


def _list_url(model: Any) -> str | None:
    for entry in scoped_entries().values():
        if entry.model is model and entry.kind == "list":
            try:
                return reverse(entry.url_name)
            except NoReverseMatch:
                continue
    return None


def _reason(exception: Exception | None) -> str:
    """A message the code gave the refusal (``PermissionDenied(_("…"))``), if any."""
    if exception is None or not exception.args:
        return ""
    text = str(exception.args[0]).strip()
    return text if text and text != "Forbidden" else ""


def explain(request: HttpRequest, exception: Exception | None = None) -> Denial | None:
    """The refusal of the screen ``request`` asked for, for a signed-in user; ``None`` for an
    anonymous user or a URL that is not a registered screen of a model."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    entry = _entry(request)
    reason = _reason(exception)
    if entry is None or entry.model is None:
        if not reason:
            return None
        return Denial("", "", [], _role_label(user), None, "", reason)
    model = entry.model
    spec = getattr(model, "scope", None)
    allowed: list[str] = []
    if spec is not None:
        allowed = [str(role.label) for role in Role if spec.allows(role.value, entry.action)]
    instead_url = None
    if entry.action != Action.VIEW and user_may(user, model, Action.VIEW):
        instead_url = _list_url(model)
    return Denial(
        action=str(_ACTION_WORDS.get(entry.action, entry.action)),
        record_type=str(model._meta.verbose_name_plural),
        allowed_roles=allowed,
        user_role=_role_label(user),
        instead_url=instead_url,
        instead_label=_("See the {records}").format(records=model._meta.verbose_name_plural),
        reason=reason,
    )


def _role_label(user: Any) -> str:
    role = getattr(user, "role", "") or ""
    try:
        return str(Role(role).label)
    except ValueError:
        return role
