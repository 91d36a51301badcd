"""Reads of import inspection: scoped lists, the reference values in force on a day, the
working-day calendar the rules count in, and reduced / stepped-up inspection of a new lot
(indexed queries on importer, goods and result date)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from tdc.core import calendar as core_calendar
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


class CoreCalendar:
    """The project's working-day calendar (``tdc.core.calendar``) as the rules want it."""

    def is_working_day(self, day: dt.date) -> bool:
        return core_calendar.is_working_day(day)

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        return core_calendar.add_working_days(start, n)


CALENDAR = CoreCalendar()


def import_params(day: dt.date) -> dict[str, Param]:
    """Every import-inspection reference value in force on ``day``, keyed by step."""
    out: dict[str, Param] = {}
    for row in ImportPeriod.objects.in_force_on(day).order_by("key", "effective_from"):
        out[row.key] = Param(row.amount, version_label(row))
    return out


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


def lot_history(*, importer_id: int, goods_key: str, on: dt.date) -> list[LotOutcome]:
    """The first results of the importer's lots of the same goods decided in the horizon, by
    one range scan of ``quality_imp_goods_idx``."""
    rows = ImportRegistration.objects.filter(
        importer_id=importer_id,
        goods_key=goods_key,
        decided_on__gte=on - dt.timedelta(days=HISTORY_DAYS),
        decided_on__lte=on,
        first_passed__isnull=False,
    ).values_list("decided_on", "first_passed")
    return [LotOutcome(day, bool(passed)) for day, passed in rows if day is not None]


def surveillance_events(*, importer_id: int, goods_key: str, on: dt.date) -> list[Event]:
    rows = ImportSurveillanceEvent.objects.filter(
        importer_id=importer_id,
        goods_key=goods_key,
        day__gte=on - dt.timedelta(days=HISTORY_DAYS),
        day__lte=on,
    ).values_list("day", "kind")
    return [Event(day, kind) for day, kind in rows]


def reduced_status(
    *, importer_id: int, goods_key: str, on: dt.date, params: dict[str, Param] | None = None
) -> ReducedStatus:
    """Reduced inspection of a new lot of these goods registered on ``on``."""
    return reduced_inspection(
        lots=lot_history(importer_id=importer_id, goods_key=goods_key, on=on),
        events=surveillance_events(importer_id=importer_id, goods_key=goods_key, on=on),
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
    warned = (
        ImportOriginWarning.objects.in_force_on(on).filter(country__iexact=origin.strip()).exists()
    )
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
