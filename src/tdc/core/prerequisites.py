"""What a workflow screen needs before its form can succeed, checked before the user types.

A journey dead-ends when a form fails only on save ("no designation", an empty verifier list
with no hint why). Each workflow screen lists its prerequisites: what is needed, whether it is
there, why not, and the link that fixes it for this user (or who to ask when the user may not
fix it). ``templates/core/partials/prerequisites.html`` shows the unmet ones above the form;
a blocking one that is unmet disables saving.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.urls import reverse

from tdc.core.scoping import user_may


@dataclass(frozen=True)
class Prerequisite:
    """One thing a screen needs."""

    #: What is needed, as a short noun phrase ("A designation in force").
    label: str
    met: bool
    #: Why it is not met and what it blocks (shown when unmet).
    detail: str = ""
    #: Where this user fixes it; empty when the user may not (then ``detail`` says who may).
    fix_url: str = ""
    fix_label: str = ""
    #: False for a warning: saving still works (e.g. sticker stock running out).
    blocking: bool = True


def fix_link(user: object, model: type, action: str, url_name: str, *args: object) -> str:
    """``url_name`` reversed when ``user`` may do ``action`` on ``model``, else ``""``."""
    if not user_may(user, model, action):
        return ""
    return reverse(url_name, args=args or None)


def unmet(prerequisites: Sequence[Prerequisite]) -> list[Prerequisite]:
    return [p for p in prerequisites if not p.met]


def blocked(prerequisites: Sequence[Prerequisite]) -> bool:
    """Whether an unmet, blocking prerequisite makes saving pointless."""
    return any(not p.met and p.blocking for p in prerequisites)


def context(prerequisites: Sequence[Prerequisite]) -> dict[str, object]:
    """The template context of ``core/partials/prerequisites.html``."""
    return {
        "prerequisites": list(prerequisites),
        "prerequisites_unmet": unmet(prerequisites),
        "prerequisites_blocked": blocked(prerequisites),
    }
