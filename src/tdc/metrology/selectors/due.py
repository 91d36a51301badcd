"""Due and overdue instruments: the recall lists, dashboard counts, map points and reminders.

Every read starts from ``Instrument.objects.for_user(user, action)`` and filters on the
denormalised ``next_due_date`` (kept by the verification services), so a due list reads one
indexed column: ``(commune, next_due_date)``, ``(province, next_due_date)`` and
``(owner, next_due_date)``. Instruments archived, scrapped or out of service are not recalled.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from tdc.core.roles import Action
from tdc.metrology.choices import InstrumentStatus
from tdc.metrology.models import Instrument, Verification

#: Statuses of instruments that are recalled for periodic verification.
RECALLED_STATUSES = (InstrumentStatus.IN_USE, InstrumentStatus.SEALED)
#: How far ahead the due list looks by default (days).
DEFAULT_WITHIN_DAYS = 30


def reminder_days() -> int:
    """Days before the due date on which owners are reminded (``TDC_METROLOGY_REMINDER_DAYS``)."""
    return int(getattr(settings, "TDC_METROLOGY_REMINDER_DAYS", 30))


class DueStatus:
    """Where an instrument stands against its due date (the map's colours)."""

    OVERDUE = "overdue"
    DUE = "due"
    VALID = "valid"
    REVERIFY = "reverify"
    UNKNOWN = "unknown"


def due_status(instrument: Any, today: dt.date, within_days: int = DEFAULT_WITHIN_DAYS) -> str:
    if getattr(instrument, "needs_reverification", False):
        return DueStatus.REVERIFY
    due = instrument.next_due_date
    if due is None:
        return DueStatus.UNKNOWN
    if due < today:
        return DueStatus.OVERDUE
    if due <= today + dt.timedelta(days=within_days):
        return DueStatus.DUE
    return DueStatus.VALID


def recalled(user: Any, action: str = Action.VIEW) -> QuerySet[Instrument]:
    """Instruments in the user's jurisdiction that are subject to recall."""
    return Instrument.objects.for_user(user, action).filter(
        archived_at__isnull=True, status__in=RECALLED_STATUSES
    )


@dataclass(frozen=True)
class DueQuery:
    """The filters of a due list: ``state`` is ``due`` (due within ``within_days``, overdue
    included), ``overdue`` (past the due date) or ``upcoming`` (due within the window, not yet
    overdue)."""

    state: str = "due"
    within_days: int = DEFAULT_WITHIN_DAYS
    commune: str = ""
    province: str = ""
    type_code: str = ""
    owner: int | None = None
    owner_tax_code: str = ""
    organisation: int | None = None  # verification organisation that last verified it

    @classmethod
    def from_params(cls, params: Any) -> DueQuery:
        def _int(name: str) -> int | None:
            raw = (params.get(name) or "").strip()
            return int(raw) if raw.isdigit() else None

        within = _int("within_days")
        state = (params.get("state") or "due").strip()
        return cls(
            state=state if state in {"due", "overdue", "upcoming"} else "due",
            within_days=min(within, 3660) if within is not None else DEFAULT_WITHIN_DAYS,
            commune=(params.get("commune") or "").strip(),
            province=(params.get("province") or "").strip(),
            type_code=(params.get("type_code") or "").strip(),
            owner=_int("owner"),
            owner_tax_code=(params.get("owner_tax_code") or "").strip(),
            organisation=_int("organisation"),
        )


def _where(qs: QuerySet[Instrument], query: DueQuery) -> QuerySet[Instrument]:
    """The commune, type and owner filters shared by the due list and the map."""
    if query.commune:
        qs = qs.filter(commune_id=query.commune)
    if query.type_code:
        qs = qs.filter(type_code=query.type_code)
    if query.owner:
        qs = qs.filter(owner_id=query.owner)
    return qs


def _due_figures(qs: QuerySet[Instrument], today: dt.date, **more: Count) -> dict[str, int]:
    """Overdue, due within 30 days and flagged for re-verification (one aggregate query)."""
    horizon = today + dt.timedelta(days=DEFAULT_WITHIN_DAYS)
    figures = qs.aggregate(
        overdue=Count("pk", filter=Q(next_due_date__lt=today)),
        due_soon=Count("pk", filter=Q(next_due_date__gte=today, next_due_date__lte=horizon)),
        reverify=Count("pk", filter=Q(needs_reverification=True)),
        **more,
    )
    return {key: int(value or 0) for key, value in figures.items()}


def due_instruments(
    *, user: Any, query: DueQuery, today: dt.date | None = None, action: str = Action.VIEW
) -> QuerySet[Instrument]:
    """The due (or overdue) list in the user's jurisdiction, soonest due first.

    The filters are plain equalities plus a range on ``next_due_date``, so PostgreSQL walks the
    ``(commune, next_due_date)`` index for a commune's list and stops after a page.
    """
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=query.within_days)
    qs = recalled(user, action)
    if query.state == "overdue":
        qs = qs.filter(next_due_date__lt=today)
    elif query.state == "upcoming":
        qs = qs.filter(next_due_date__gte=today, next_due_date__lte=horizon)
    else:
        qs = qs.filter(next_due_date__lte=horizon)
    qs = _where(qs, query)
    if query.province:
        qs = qs.filter(province_id=query.province)
    if query.owner_tax_code:
        qs = qs.filter(owner__tax_code=query.owner_tax_code)
    if query.organisation:
        qs = qs.filter(
            pk__in=Verification.objects.filter(organisation_id=query.organisation).values(
                "instrument_id"
            )
        )
    return qs.select_related("owner", "commune").order_by("next_due_date", "id")


def due_counts(*, user: Any, today: dt.date | None = None) -> dict[str, int]:
    """Dashboard counts: overdue, due within 30 days, flagged for re-verification, recalled."""
    return _due_figures(recalled(user), today or timezone.localdate(), total=Count("pk"))


def map_points(
    *, user: Any, query: DueQuery, today: dt.date | None = None, limit: int = 5000
) -> list[dict[str, Any]]:
    """Instruments with coordinates as map markers, coloured by their due status."""
    today = today or timezone.localdate()
    qs = _where(recalled(user).filter(latitude__isnull=False, longitude__isnull=False), query)
    rows = qs.order_by("next_due_date", "id").values(
        "pk",
        "latitude",
        "longitude",
        "type_code",
        "serial_number",
        "next_due_date",
        "needs_reverification",
        "owner__name",
    )[:limit]
    points = []
    for row in rows:
        status = due_status(
            _Row(row["next_due_date"], row["needs_reverification"]), today, query.within_days
        )
        points.append(
            {
                "id": row["pk"],
                "lat": float(row["latitude"] or 0),
                "lng": float(row["longitude"] or 0),
                "label": f"{row['type_code']} {row['serial_number']}",
                "owner": row["owner__name"],
                "due": row["next_due_date"].strftime("%d/%m/%Y") if row["next_due_date"] else "",
                "status": status,
                "url": f"/metrology/instruments/{row['pk']}/",
            }
        )
    return points


@dataclass(frozen=True)
class _Row:
    next_due_date: dt.date | None
    needs_reverification: bool


def due_for_reminder(today: dt.date, days: int | None = None) -> QuerySet[Instrument]:
    """Instruments (all jurisdictions) whose due date is within ``days`` from ``today`` and not
    yet past: the owners' reminders of the day (the task leaves out those already reminded)."""
    days = reminder_days() if days is None else days
    return (
        Instrument.objects.filter(
            archived_at__isnull=True,
            status__in=RECALLED_STATUSES,
            next_due_date__gte=today,
            next_due_date__lte=today + dt.timedelta(days=days),
        )
        .select_related("owner")
        .order_by("owner_id", "next_due_date", "id")
    )


def province_digest(province_id: str, today: dt.date) -> dict[str, Any]:
    """The weekly digest of one province: overdue, due within 30 days, flagged, by commune."""
    base = Instrument.objects.filter(
        province_id=province_id, archived_at__isnull=True, status__in=RECALLED_STATUSES
    )
    worst = list(
        base.filter(next_due_date__lt=today)
        .values("commune__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "commune__name")[:5]
    )
    return {
        **_due_figures(base, today),
        "worst_communes": [(row["commune__name"] or "—", row["n"]) for row in worst],
    }
