"""Reads of organisations, always scoped to the user."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from tdc.core.filters import folded_search
from tdc.core.modules import SearchResult
from tdc.core.prerequisites import Prerequisite, fix_link
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


def organisation_dashboard(user: Any) -> dict[str, Any]:
    """The dashboard card's figures: organisations in the user's jurisdiction, by kind."""
    by_kind = organisation_counts_by_kind(user=user)
    return {
        "total": sum(count for _, count in by_kind),
        "chart": {"labels": [str(label) for label, _ in by_kind], "data": [c for _, c in by_kind]},
    }


def organisation_search(*, user: Any, query: str, limit: int) -> list[SearchResult]:
    """Organisations the user may see whose name, tax code or address has every word."""
    rows = folded_search(organisation_list(user=user), query).order_by("name")[:limit]
    return [
        SearchResult(
            title=row.name,
            url=row.get_absolute_url(),
            detail=" · ".join(part for part in (row.tax_code or "", str(row.province)) if part),
        )
        for row in rows
    ]


# --- For other apps: organisations are read only through these (public surface, ADR 0009) ----


def organisation_all() -> ScopedQuerySet[Organisation]:
    """Every organisation, before scoping (API fields that take an organisation id; the service
    behind them checks the caller may use it)."""
    return Organisation.objects.all()


def organisation_by_tax_code(tax_code: str) -> Organisation | None:
    """The organisation registered under a tax code, if any."""
    return Organisation.objects.filter(tax_code=tax_code).first()


def organisation_ids_by_tax_code() -> dict[str, int]:
    """Tax code → id of every organisation that has one (imports resolve references by it)."""
    rows = Organisation.objects.filter(tax_code__isnull=False).values_list("tax_code", "pk")
    return {tax_code: pk for tax_code, pk in rows if tax_code}


def organisation_visible(user: Any, organisation_id: int | None) -> bool:
    """Whether the user may see the organisation (services check the owners they are given)."""
    return organisation_list(user=user).filter(pk=organisation_id or 0).exists()


def organisation_of_kinds(*kinds: str) -> ScopedQuerySet[Organisation]:
    """Organisations of the given kinds by name, before scoping (verification bodies and
    laboratories are chosen nation-wide)."""
    return Organisation.objects.filter(kind__in=kinds).order_by("name")


def organisation_prerequisite(*, user: Any, label: str, kind: str | None = None) -> Prerequisite:
    """A form whose record belongs to an organisation needs one in the user's jurisdiction
    (of ``kind`` if given): met, or the link to add it."""
    qs = organisation_list(user=user).filter(merged_into__isnull=True)
    if kind:
        qs = qs.filter(kind=kind)
    return Prerequisite(
        label,
        qs.exists(),
        _("no such organisation of your jurisdiction is in the register yet; add it first."),
        fix_link(user, Organisation, Action.CREATE, "registry:organisation_create"),
        _("Add an organisation"),
    )
