"""Reads of user accounts for other apps (public surface, ADR 0009): who to notify."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import QuerySet

from tdc.accounts.models import ApiToken, User
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
