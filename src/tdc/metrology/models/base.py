"""Shared pieces of the metrology models: role sets and scoping with extra paths."""

from __future__ import annotations

from typing import Any, Self

from django.db.models import Q

from tdc.core.roles import ROLE_JURISDICTION, Action, Jurisdiction, Role
from tdc.core.scoping import ScopedQuerySet, ScopeSpec

PROVINCE_STAFF = frozenset({Role.SYSTEM_ADMIN, Role.PROVINCIAL_LEADER, Role.PROVINCIAL_OFFICER})
PROVINCE_EDITORS = frozenset({Role.SYSTEM_ADMIN, Role.PROVINCIAL_OFFICER})
READERS = frozenset(
    {
        *PROVINCE_STAFF,
        Role.NATIONAL_USER,
        Role.INSPECTOR,
        Role.COMMUNE_OFFICER,
        Role.VERIFICATION_STAFF,
        Role.BUSINESS_USER,
    }
)
OFFICIAL_READERS = frozenset(
    {*PROVINCE_STAFF, Role.NATIONAL_USER, Role.INSPECTOR, Role.COMMUNE_OFFICER}
)
#: Readers of registers placed by organisation only (no commune): commune officers have no
#: jurisdiction over them.
STATE_READERS = frozenset({*PROVINCE_STAFF, Role.NATIONAL_USER, Role.INSPECTOR})


class MetrologyQuerySet(ScopedQuerySet):
    """Scoping that may widen the :class:`ScopeSpec` filter with a model's extra rule.

    A model defines ``scope_extra_q(user, level)`` returning a ``Q`` that is OR-ed with the
    ScopeSpec filter for users whose role may perform the action (e.g. verification staff see
    the instruments their organisation verified, not only those it owns). Extra rules never
    grant an action the role does not have.
    """

    def for_user(self, user: Any, action: str = Action.VIEW) -> Self:
        spec: ScopeSpec = self.model.scope  # type: ignore[attr-defined]
        q = spec.q_for(user, action)
        extra = getattr(self.model, "scope_extra_q", None)
        role = getattr(user, "role", None)
        if extra is not None and spec.allows(role, action) and getattr(user, "is_active", False):
            level = ROLE_JURISDICTION.get(role or "")
            more = extra(user, level) if level else None
            if more is not None:
                q = more if q is None else q | more
        if q is None:
            return self.none()
        return self.filter(q)


def organisation_of(user: Any, level: str) -> int | None:
    """The organisation id scoping an organisation-level user, else ``None``."""
    if level != Jurisdiction.ORGANISATION:
        return None
    return getattr(user, "organisation_id", None)


def province_of(user: Any, level: str) -> str | None:
    """The province code scoping a province-level user, else ``None``."""
    if level != Jurisdiction.PROVINCE:
        return None
    return getattr(user, "province_id", None)


def no_match() -> Q:
    """A filter matching nothing (for extra rules that do not apply)."""
    return Q(pk__in=[])
