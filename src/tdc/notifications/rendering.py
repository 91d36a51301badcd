"""Rendering the editable notification templates (Django template syntax, plain text)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from django.template import Context, Engine, TemplateSyntaxError

__all__ = ["TemplateSyntaxError", "compile_check", "render_text"]


@functools.cache
def _engine() -> Engine:
    # Plain text for e-mail: no HTML escaping; the notification centre escapes on display.
    return Engine(
        autoescape=False,
        libraries={
            "i18n": "django.templatetags.i18n",
            "l10n": "django.templatetags.l10n",
            "tz": "django.templatetags.tz",
        },
    )


def compile_check(source: str) -> None:
    """Raise :class:`TemplateSyntaxError` when ``source`` is not a valid template."""
    _engine().from_string(source)


def render_text(source: str, context: Mapping[str, Any]) -> str:
    return _engine().from_string(source).render(Context(dict(context), autoescape=False))


def render_subject(source: str, context: Mapping[str, Any]) -> str:
    """One line of at most 255 characters (titles and e-mail subjects)."""
    return " ".join(render_text(source, context).split())[:255]
