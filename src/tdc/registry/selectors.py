"""Reads of organisations, always scoped to the user."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, QuerySet

from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet, get_for_user_or_404
from tdc.registry.choices import OrganisationKind
from tdc.registry.models import Organisation

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def organisation_base() -> ScopedQuerySet[Organisation]:
    """The one queryset every organisation screen and endpoint starts from."""
    return Organisation.objects.select_related("province", "commune")


def organisation_list(*, user: Any, action: str = Action.VIEW) -> QuerySet[Organisation]:
    return organisation_base().for_user(user, action)


def organisation_get_for_user(*, user: Any, pk: int, action: str = Action.VIEW) -> Organisation:
    return get_for_user_or_404(organisation_base(), user, action, pk=pk)


def organisation_counts_by_kind(*, user: Any) -> list[tuple[StrOrPromise, int]]:
    rows = (
        Organisation.objects.for_user(user, Action.VIEW)
        .order_by()
        .values("kind")
        .annotate(n=Count("id"))
    )
    labels = dict(OrganisationKind.choices)
    return [(labels.get(row["kind"], row["kind"]), row["n"]) for row in rows]
