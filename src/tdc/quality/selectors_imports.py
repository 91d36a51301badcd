"""Reads of import inspection: scoped lists, the reference values in force on a day, the
working-day calendar the rules count in, and reduced / stepped-up inspection of a new lot
(indexed queries on importer, goods and result date)."""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import QuerySet

from tdc.core import calendar as core_calendar
from tdc.core import refdata
from tdc.core.refdata import version_label
from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet, get_for_user_or_404
from tdc.quality.choices import ImportStatus
from tdc.quality.models import (
    ImportNotice,
    ImportOriginWarning,
    ImportPeriod,
    ImportRegistration,
    ImportSurveillanceEvent,
)
from tdc.quality.rules.imports import (
    Event,
    LotOutcome,
    Param,
    ReducedStatus,
    SteppedStatus,
    reduced_inspection,
    stepped_up,
)

if TYPE_CHECKING:
    from tdc.accounts.models import User

#: How far back the reduced-inspection walk reads decided lots, in days: twice the longest
#: reduced period (2 × 24 months), so a run that started a grant still running is always seen.
HISTORY_DAYS = 4 * 366

#: Seconds a process keeps the reference values of a day before reading them again.
CACHE_SECONDS = 300.0


class CoreCalendar:
    """The project's working-day calendar (``tdc.core.calendar``) as the rules want it."""

    def is_working_day(self, day: dt.date) -> bool:
        return core_calendar.is_working_day(day)

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        return core_calendar.add_working_days(start, n)


CALENDAR = CoreCalendar()


_cache_lock = threading.Lock()
_cache: dict[tuple[int, str, dt.date], Any] = {}


def _cached(kind: str, day: dt.date, load: Any) -> Any:
    """Reference rows in force on a day, kept until reference data changes in this process
    (``refdata.generation``) or for :data:`CACHE_SECONDS` (another process may have changed
    them)."""
    key = (refdata.generation(), kind, day)
    now = time.monotonic()
    with _cache_lock:
        hit = _cache.get(key)
    if hit is not None and now - hit[0] < CACHE_SECONDS:
        return hit[1]
    value = load()
    with _cache_lock:
        if len(_cache) > 512:
            _cache.clear()
        _cache[key] = (now, value)
    return value


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()


def import_params(day: dt.date) -> dict[str, Param]:
    """Every import-inspection reference value in force on ``day``, keyed by step."""

    def load() -> dict[str, Param]:
        out: dict[str, Param] = {}
        for row in ImportPeriod.objects.in_force_on(day).order_by("key", "effective_from"):
            out[row.key] = Param(row.amount, version_label(row))
        return out

    return dict(_cached("params", day, load))


def warned_origins(day: dt.date) -> frozenset[str]:
    """Countries of origin on a high-risk warning list on ``day`` (case-folded)."""

    def load() -> frozenset[str]:
        rows = ImportOriginWarning.objects.in_force_on(day).values_list("country", flat=True)
        return frozenset(" ".join(c.split()).casefold() for c in rows)

    return _cached("origins", day, load)  # type: ignore[no-any-return]


def import_list(*, user: User, action: str = Action.VIEW) -> QuerySet[ImportRegistration]:
    return ImportRegistration.objects.for_user(user, action).select_related(
        "importer", "province", "certificate_body"
    )


def import_base() -> ScopedQuerySet[ImportRegistration]:
    return ImportRegistration.objects.select_related("importer", "province", "certificate_body")


def import_get_for_user(*, user: User, pk: object, action: str = Action.VIEW) -> ImportRegistration:
    return get_for_user_or_404(import_base(), user, action, pk=pk)


def import_notice_list(*, user: User, action: str = Action.VIEW) -> QuerySet[ImportNotice]:
    return ImportNotice.objects.for_user(user, action).select_related(
        "registration", "registration__importer", "registration__province"
    )


def import_notice_get_for_user(
    *, user: User, pk: object, action: str = Action.VIEW
) -> ImportNotice:
    return get_for_user_or_404(
        ImportNotice.objects.select_related(
            "registration", "registration__importer", "registration__province"
        ),
        user,
        action,
        pk=pk,
    )


_PASS, _FAIL = "lot:pass", "lot:fail"


def history_sql() -> str:
    """The goods history as one statement (a range scan of ``quality_imp_goods_idx`` and one of
    ``quality_impev_goods_idx``), written once: built per call by the ORM it costs more than
    the database's work. Parameters: importer, goods key, first and last day, twice."""
    lots = ImportRegistration._meta.db_table
    events = ImportSurveillanceEvent._meta.db_table
    return (
        f"SELECT decided_on, CASE WHEN first_passed THEN '{_PASS}' ELSE '{_FAIL}' END "  # noqa: S608
        f"FROM {lots} WHERE importer_id = %s AND goods_key = %s AND decided_on >= %s "
        "AND decided_on <= %s AND first_passed IS NOT NULL "
        f"UNION ALL SELECT day, kind FROM {events} WHERE importer_id = %s AND goods_key = %s "
        "AND day >= %s AND day <= %s"
    )


def history_params(importer_id: int, goods_key: str, on: dt.date) -> list[Any]:
    since = on - dt.timedelta(days=HISTORY_DAYS)
    return [importer_id, goods_key, since, on] * 2


def goods_history(
    *, importer_id: int, goods_key: str, on: dt.date
) -> tuple[list[LotOutcome], list[Event]]:
    """The first results of the importer's lots of the same goods decided in the horizon and
    the events after clearance, in one round trip."""
    lots: list[LotOutcome] = []
    events: list[Event] = []
    with connection.cursor() as cursor:
        cursor.execute(history_sql(), history_params(importer_id, goods_key, on))
        rows = cursor.fetchall()
    for day, what in rows:
        if isinstance(day, str):  # SQLite returns dates of a UNION as text
            day = dt.date.fromisoformat(day)
        if what in (_PASS, _FAIL):
            lots.append(LotOutcome(day, what == _PASS))
        else:
            events.append(Event(day, what))
    return lots, events


def lot_history(*, importer_id: int, goods_key: str, on: dt.date) -> list[LotOutcome]:
    return goods_history(importer_id=importer_id, goods_key=goods_key, on=on)[0]


def surveillance_events(*, importer_id: int, goods_key: str, on: dt.date) -> list[Event]:
    return goods_history(importer_id=importer_id, goods_key=goods_key, on=on)[1]


def reduced_status(
    *, importer_id: int, goods_key: str, on: dt.date, params: dict[str, Param] | None = None
) -> ReducedStatus:
    """Reduced inspection of a new lot of these goods registered on ``on``."""
    lots, events = goods_history(importer_id=importer_id, goods_key=goods_key, on=on)
    return reduced_inspection(
        lots=lots,
        events=events,
        on=on,
        params=params if params is not None else import_params(on),
    )


def stepped_status(
    *,
    importer_id: int,
    origin: str,
    on: dt.date,
    reduced: ReducedStatus,
    params: dict[str, Param] | None = None,
) -> SteppedStatus:
    params = params if params is not None else import_params(on)
    failures = ImportRegistration.objects.filter(
        importer_id=importer_id,
        first_passed=False,
        decided_on__gte=on - dt.timedelta(days=HISTORY_DAYS),
        decided_on__lte=on,
    ).values_list("decided_on", flat=True)
    warned = " ".join(origin.split()).casefold() in warned_origins(on)
    return stepped_up(
        on=on,
        reduced=reduced,
        importer_failures=[day for day in failures if day is not None],
        origin_on_warning_list=warned,
        params=params,
    )


def import_statistics(*, user: User) -> dict[str, object]:
    """Counts by status, level and regime of the registrations the user may see."""
    from django.db.models import Count

    rows = import_list(user=user)
    by_status = dict(rows.values_list("status").annotate(n=Count("id")).order_by())
    by_level = dict(rows.values_list("inspection_level").annotate(n=Count("id")).order_by())
    by_regime = dict(rows.values_list("regime").annotate(n=Count("id")).order_by())
    return {
        "total": sum(by_status.values()),
        "by_status": {s.label: by_status.get(s.value, 0) for s in ImportStatus},
        "by_level": by_level,
        "by_regime": by_regime,
    }
