"""Reads of user accounts for other apps (public surface, ADR 0009): who to notify."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import QuerySet

from tdc.accounts.models import User
from tdc.core.roles import Role


def business_accounts_by_organisation(organisation_ids: Iterable[int]) -> dict[int, list[User]]:
    """The active business-user accounts of each organisation (organisations without one are
    absent), so that owners can be told about their records."""
    accounts: dict[int, list[User]] = defaultdict(list)
    for user in User.objects.filter(
        organisation_id__in=list(organisation_ids), role=Role.BUSINESS_USER, is_active=True
    ).order_by("pk"):
        assert user.organisation_id is not None  # filtered on it
        accounts[user.organisation_id].append(user)
    return dict(accounts)


def provincial_staff(*roles: str) -> QuerySet[User]:
    """Active accounts with one of ``roles`` and a province, by province then id."""
    return User.objects.filter(role__in=roles, is_active=True, province_id__isnull=False).order_by(
        "province_id", "pk"
    )
