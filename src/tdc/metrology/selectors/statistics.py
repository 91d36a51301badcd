"""Statistics of legal metrology: verifications by month, type, result and organisation;
overdue rate by commune; instruments by type.

Every figure is one grouped query on the user's scoped queryset. Verifications filter on a
range of ``verified_on`` (plus the province a provincial user is scoped to), so PostgreSQL reads
the ``(province, verified_on, type_code)`` or ``(organisation, verified_on)`` index; the
instrument figures group a province's rows read through ``(province, type_code)`` and
``(province, next_due_date)``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from tdc.core.roles import Action
from tdc.metrology.choices import VerificationResult
from tdc.metrology.models import Verification
from tdc.metrology.selectors.due import recalled
from tdc.places.selectors import commune_area_map


@dataclass(frozen=True)
class Period:
    """A range of verification dates, ``start`` ≤ day < ``end``."""

    start: dt.date
    end: dt.date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year + 1, 1, 1))

    @classmethod
    def last_12_months(cls, today: dt.date) -> Period:
        first = today.replace(day=1)
        year, month = first.year, first.month - 11
        if month <= 0:
            year, month = year - 1, month + 12
        return cls(dt.date(year, month, 1), (first + dt.timedelta(days=32)).replace(day=1))

    @classmethod
    def chosen(cls, year: str | None, today: dt.date) -> Period:
        """The year asked for (``?year=``, 2000–2100), else the last 12 months."""
        raw = (year or "").strip()
        if raw.isdigit() and 2000 <= int(raw) <= 2100:
            return cls.year(int(raw))
        return cls.last_12_months(today)

    def months(self) -> list[dt.date]:
        months, day = [], self.start.replace(day=1)
        while day < self.end:
            months.append(day)
            day = (day + dt.timedelta(days=32)).replace(day=1)
        return months


def verifications_in(*, user: Any, period: Period) -> QuerySet[Verification]:
    return Verification.objects.for_user(user, Action.VIEW).filter(
        verified_on__gte=period.start, verified_on__lt=period.end
    )


def monthly(*, user: Any, period: Period) -> list[dict[str, Any]]:
    """Verifications per month, passed and failed (one grouped query)."""
    rows = (
        verifications_in(user=user, period=period)
        .annotate(month=TruncMonth("verified_on"))
        .values("month")
        .annotate(
            total=Count("pk"),
            passed=Count("pk", filter=Q(result=VerificationResult.PASSED)),
        )
        .order_by("month")
    )
    found = {_month(row["month"]): row for row in rows}
    series = []
    for month in period.months():
        row = found.get(month, {"total": 0, "passed": 0})
        series.append(
            {
                "month": month,
                "total": row["total"],
                "passed": row["passed"],
                "failed": row["total"] - row["passed"],
            }
        )
    return series


def _dicts(rows: Any) -> list[dict[str, Any]]:
    return [dict(row) for row in rows]


def _month(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date().replace(day=1)
    return value.replace(day=1)


def by_type(*, user: Any, period: Period) -> list[dict[str, Any]]:
    """Verifications per instrument type, passed and failed, most first."""
    return _dicts(
        verifications_in(user=user, period=period)
        .values("type_code")
        .annotate(
            total=Count("pk"),
            passed=Count("pk", filter=Q(result=VerificationResult.PASSED)),
        )
        .order_by("-total", "type_code")
    )


def by_result(*, user: Any, period: Period) -> dict[str, int]:
    rows = verifications_in(user=user, period=period).values("result").annotate(n=Count("pk"))
    counts = {value: 0 for value in VerificationResult.values}
    counts.update({row["result"]: row["n"] for row in rows.order_by()})
    return counts


def by_organisation(*, user: Any, period: Period, limit: int = 20) -> list[dict[str, Any]]:
    """Verifications per verification organisation (the busiest first)."""
    return _dicts(
        verifications_in(user=user, period=period)
        .values("organisation_id", "organisation__name")
        .annotate(
            total=Count("pk"),
            passed=Count("pk", filter=Q(result=VerificationResult.PASSED)),
        )
        .order_by("-total", "organisation__name")[:limit]
    )


def overdue_by_commune(
    *, user: Any, today: dt.date | None = None, limit: int = 30
) -> list[dict[str, Any]]:
    """Recalled instruments per commune and the share overdue, worst first."""
    today = today or timezone.localdate()
    rows = (
        recalled(user)
        .filter(next_due_date__isnull=False)
        .values("commune_id", "commune__name")
        .annotate(total=Count("pk"), overdue=Count("pk", filter=Q(next_due_date__lt=today)))
        .order_by("-overdue", "commune__name")[:limit]
    )
    result: list[dict[str, Any]] = []
    for row in rows:
        total = row["total"] or 0
        result.append({**row, "rate": (row["overdue"] / total) if total else 0.0})
    result.sort(key=lambda r: (-float(r["rate"]), -int(r["overdue"])))
    return result


def overdue_areas(*, user: Any, today: dt.date | None = None) -> dict[str, Any]:
    """The due map's base layer: the approximate commune areas of the user's province (or of
    the provinces their instruments are in) with each commune's instruments, overdue count and
    rate, as GeoJSON."""
    rows = overdue_by_commune(user=user, today=today, limit=10_000)
    values = {
        r["commune_id"]: {
            "name": r["commune__name"],
            "total": r["total"],
            "overdue": r["overdue"],
            "rate": round(float(r["rate"]) * 100, 1),
        }
        for r in rows
        if r["commune_id"]
    }
    province = getattr(user, "province_id", None)
    return commune_area_map(values, {province} if province else None)


def instruments_by_type(*, user: Any) -> list[dict[str, Any]]:
    return _dicts(
        recalled(user)
        .values("type_code")
        .annotate(total=Count("pk"))
        .order_by("-total", "type_code")
    )


def overview(*, user: Any, period: Period, today: dt.date | None = None) -> dict[str, Any]:
    """Every figure of the statistics page."""
    return {
        "period": period,
        "monthly": monthly(user=user, period=period),
        "by_type": by_type(user=user, period=period),
        "by_result": by_result(user=user, period=period),
        "by_organisation": by_organisation(user=user, period=period),
        "overdue_by_commune": overdue_by_commune(user=user, today=today),
        "instruments_by_type": instruments_by_type(user=user),
    }
