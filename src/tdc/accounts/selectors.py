"""Reads of user accounts for other apps (public surface, ADR 0009): who to notify."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import QuerySet

from tdc.accounts.models import ApiToken, User
from tdc.core.modules import PickerOption
from tdc.core.pickers import rank
from tdc.core.roles import Role

#: Roles whose accounts provincial staff may pick (inspection teams, assignments).
_STAFF_ROLES = (Role.PROVINCIAL_LEADER, Role.PROVINCIAL_OFFICER, Role.INSPECTOR)


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


def account_locked_out(username: str) -> bool:
    """Whether repeated failed sign-ins currently lock the account (django-axes' records of
    failures within the cool-off time, from any address)."""
    import datetime as dt

    from axes.models import AccessAttempt
    from django.conf import settings
    from django.utils import timezone

    cooloff = dt.timedelta(hours=float(settings.AXES_COOLOFF_TIME))
    return AccessAttempt.objects.filter(
        username=username,
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=timezone.now() - cooloff,
    ).exists()


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    """A user's API tokens, newest first."""
    return ApiToken.objects.filter(user=user).select_related("revoked_by").order_by("-created_at")


def user_picker(
    *, user: Any, query: str, ids: list[str] | None, limit: int, params: Mapping[str, str]
) -> list[PickerOption]:
    """Accounts by name or user name: every account a system administrator may see, and for
    provincial staff the active staff accounts of their own province (to form inspection
    teams); ``role=inspector,provincial_officer`` keeps those roles only."""
    qs = User.objects.for_user(user)
    if not qs.exists() and getattr(user, "province_id", None) and user.role in _STAFF_ROLES:
        qs = User.objects.filter(
            province_id=user.province_id, is_active=True, role__in=_STAFF_ROLES
        )
    roles = [r for r in params.get("role", "").split(",") if r]
    if roles:
        qs = qs.filter(role__in=roles)
    if ids:
        qs = qs.filter(pk__in=[i for i in ids if i.isdigit()])
    rows = qs.only("pk", "username", "first_name", "last_name", "role")[:5000]
    options = [
        PickerOption(
            str(u.pk), u.get_full_name() or u.username, f"{u.username} · {u.get_role_display()}"
        )
        for u in rows
    ]
    return rank(options, query, limit)
