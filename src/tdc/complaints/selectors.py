"""Reads of complaints: scoped to the user, public by tracking code, statistics, risk input."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth

from tdc.complaints.choices import VERIFIED_STATUSES, ComplaintCategory, ComplaintStatus
from tdc.complaints.models import Complaint, ComplaintNote
from tdc.complaints.tracking import normalise_code
from tdc.core.roles import Action, Role
from tdc.core.scoping import ScopedQuerySet, get_for_user_or_404

#: Roles that may hold the complaint-handler capability (the permission decides who does).
REVEAL_ROLES = frozenset({Role.PROVINCIAL_LEADER, Role.PROVINCIAL_OFFICER})
REVEAL_PERMISSION = "complaints.reveal_reporter"

#: Fields the public tracking page and endpoint read (never the reporter, never notes).
PUBLIC_FIELDS = (
    "tracking_code",
    "category",
    "status",
    "received_at",
    "deadline",
    "verified_at",
    "resolved_at",
    "closed_at",
    "outcome",
    "province__name",
    "commune__name",
)


def complaint_base() -> ScopedQuerySet[Complaint]:
    """The one queryset every staff complaint screen and endpoint starts from."""
    return Complaint.objects.select_related("province", "commune", "organisation", "assigned_to")


def complaint_list(*, user: Any, action: str = Action.VIEW) -> QuerySet[Complaint]:
    return complaint_base().for_user(user, action)


def complaint_get_for_user(*, user: Any, pk: Any, action: str = Action.VIEW) -> Complaint:
    return get_for_user_or_404(complaint_base(), user, action, pk=pk)


def complaint_notes(complaint: Complaint) -> QuerySet[ComplaintNote]:
    return complaint.notes.select_related("created_by").order_by("created_at", "id")


def complaint_public_get(code: str) -> dict[str, Any] | None:
    """What the reporter may see of a complaint, found by its tracking code; else ``None``."""
    canonical = normalise_code(code)
    if canonical is None:
        return None
    row = Complaint.objects.filter(tracking_code=canonical).values(*PUBLIC_FIELDS).first()
    if row is None:
        return None
    categories = dict(ComplaintCategory.choices)
    statuses = dict(ComplaintStatus.choices)
    row["category_label"] = categories.get(row["category"], row["category"])
    row["status_label"] = statuses.get(row["status"], row["status"])
    row["province_name"] = row.pop("province__name")
    row["commune_name"] = row.pop("commune__name")
    return row


def user_may_handle(user: Any, complaint: Complaint) -> bool:
    """Whether the user may work on this complaint (status, notes, assignment)."""
    return bool(Complaint.objects.filter(pk=complaint.pk).for_user(user, Action.CHANGE).exists())


def user_is_complaint_handler(user: Any) -> bool:
    """Whether the user holds the complaint-handler capability (granted person by person)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(user, "role", None) in REVEAL_ROLES
        and user.has_perm(REVEAL_PERMISSION)
    )


def may_reveal_reporter(user: Any, complaint: Complaint) -> bool:
    """A complaint handler, for a complaint inside their jurisdiction."""
    if not user_is_complaint_handler(user):
        return False
    return bool(Complaint.objects.filter(pk=complaint.pk).for_user(user, Action.VIEW).exists())


def assignable_users(complaint: Complaint | None, user: Any) -> QuerySet[Any]:
    """Officers a complaint may be assigned to: staff of its commune or province."""
    users = get_user_model().objects.filter(
        is_active=True, role__in=[Role.PROVINCIAL_OFFICER, Role.PROVINCIAL_LEADER]
    )
    province_id = complaint.province_id if complaint else getattr(user, "province_id", None)
    commune_id = complaint.commune_id if complaint else None
    officers = users.filter(province_id=province_id)
    if commune_id:
        officers = officers | get_user_model().objects.filter(
            is_active=True, role=Role.COMMUNE_OFFICER, commune_id=commune_id
        )
    return officers.order_by("last_name", "first_name", "username")


def verified_complaints_for(organisation: Any, since: dt.datetime | dt.date) -> QuerySet[Complaint]:
    """Verified complaints about one organisation received since a moment (risk score input).

    Counts complaints an officer verified (whatever happened after: in progress, resolved,
    closed); rejected and unverified ones are left out.
    """
    if isinstance(since, dt.date) and not isinstance(since, dt.datetime):
        since = dt.datetime.combine(since, dt.time.min, tzinfo=dt.UTC)
    return Complaint.objects.filter(
        organisation=organisation, status__in=VERIFIED_STATUSES, received_at__gte=since
    ).order_by("-received_at")


def complaint_statistics(*, user: Any, since: dt.date | None = None) -> dict[str, Any]:
    """Counts of the complaints the user may see: by category, outcome, month and commune."""
    qs = Complaint.objects.for_user(user, Action.VIEW).order_by()
    if since is not None:
        qs = qs.filter(received_at__date__gte=since)
    categories = dict(ComplaintCategory.choices)
    statuses = dict(ComplaintStatus.choices)
    by_category = [
        (str(categories.get(r["category"], r["category"])), r["n"])
        for r in qs.values("category").annotate(n=Count("id")).order_by("-n", "category")
    ]
    by_status = [
        (str(statuses.get(r["status"], r["status"])), r["n"])
        for r in qs.values("status").annotate(n=Count("id")).order_by("status")
    ]
    by_month = [
        (r["month"].strftime("%m/%Y") if r["month"] else "—", r["n"])
        for r in qs.annotate(month=TruncMonth("received_at"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("month")
    ]
    by_commune = [
        (r["commune__name"] or "—", r["n"])
        for r in qs.values("commune__name").annotate(n=Count("id")).order_by("-n")[:20]
    ]
    return {
        "total": sum(n for _label, n in by_category),
        "open": qs.exclude(
            status__in=[ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED, ComplaintStatus.REJECTED]
        ).count(),
        "by_category": by_category,
        "by_status": by_status,
        "by_month": by_month,
        "by_commune": by_commune,
    }
