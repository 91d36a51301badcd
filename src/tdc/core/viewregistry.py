"""Registry of every view and API endpoint, with what it exposes.

Each URL is registered with the model it shows and the action it performs; the generated
permission-matrix test walks the URL resolver, fails on any URL not registered here, and checks
every registered one for every role, in and out of scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.db import models

Kind = Literal[
    "list", "detail", "create", "update", "export", "action", "api_list", "api_detail", "page"
]


@dataclass(frozen=True)
class ViewEntry:
    """One URL name and the access it grants."""

    url_name: str
    kind: Kind
    model: type[models.Model] | None
    action: str = "view"
    #: For object URLs: the URL keyword that carries the primary key.
    pk_kwarg: str = "pk"
    #: For object URLs keyed by something other than the pk (e.g. a tax code).
    lookup_field: str = "pk"


@dataclass(frozen=True)
class OpenEntry:
    """A URL outside role scoping, with the reason (public lookup, sign-in, schema…)."""

    url_name: str
    reason: str


_entries: dict[str, ViewEntry] = {}
_open: dict[str, OpenEntry] = {}


def register_view(
    url_name: str,
    kind: Kind,
    model: type[models.Model] | str | None,
    action: str = "view",
    *,
    pk_kwarg: str = "pk",
    lookup_field: str = "pk",
) -> None:
    """Registers a scoped URL; ``model`` may be a label (``"registry.Organisation"``) for a
    model of another app, which a module names without importing its models."""
    if isinstance(model, str):
        from django.apps import apps

        model = apps.get_model(model)
    _entries[url_name] = ViewEntry(url_name, kind, model, action, pk_kwarg, lookup_field)


def register_open(url_name: str, reason: str) -> None:
    _open[url_name] = OpenEntry(url_name, reason)


def scoped_entries() -> dict[str, ViewEntry]:
    return dict(_entries)


def open_entries() -> dict[str, OpenEntry]:
    return dict(_open)
