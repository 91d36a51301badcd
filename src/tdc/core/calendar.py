"""The working-day calendar: statutory deadlines counted in working days (DESIGN.md §4).

A **working day** is Monday to Friday, except

* the public holidays of Bộ luật Lao động 2019 Art. 112 (:class:`~tdc.core.models.StatutoryHoliday`
  rows: Tết Dương lịch, five days of Tết Âm lịch, Giỗ Tổ Hùng Vương on 10/3 lunar, 30/4, 1/5,
  Quốc khánh 2/9 and an adjacent day, and Ngày Văn hóa Việt Nam on 24/11 from 1 July 2026), each
  applied only on days when its row is in force;
* the compensating day off (the next working day) when such a holiday falls on a Saturday or
  Sunday (Art. 111(3));
* the government's yearly schedule (:class:`~tdc.core.models.HolidayScheduleDay` rows): the exact
  Tết days, the Quốc khánh adjacent day, and swapped days (a weekday made a day off, a Saturday
  made a working day). Where the schedule lists the holiday days of a group for a year, they
  replace the dates derived from the law for that group and year.

**Provisional.** A year with no schedule rows (or only unconfirmed ones) is derived from the law
and is *provisional*: a deadline that crosses it may move once the government decides. Days
derived where the government decides yearly (Tết, the Quốc khánh adjacent day) and schedule rows
of confidence ``unconfirmed`` are provisional too. Pass a :class:`CalendarTrace` to any function
to learn whether a provisional year or day was involved and which reference rows were used
(store ``trace.versions`` next to the computed deadline).

**Counting from the day of receipt.** Procedures differ: most count from the working day after
receipt (``count_from_receipt_day=False``: receipt on Friday 13/02/2026 + 5 working days =
Friday 27/02/2026 because of Tết); some count the day of receipt as day one
(``count_from_receipt_day=True``: Thursday 26/02/2026). Each procedure stores this as its own
setting and passes it; the calendar has no default per procedure.

Each year's calendar is built once per process and kept for five minutes, or until reference
data changes in this process (``tdc.core.refdata.generation``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import lunar_vn
from django.db.models import F, Q

from tdc.core import refdata
from tdc.core.models import (
    HolidayRule,
    HolidayScheduleDay,
    ReferenceConfidence,
    ScheduleDayKind,
    StatutoryHoliday,
)

#: Years the calendar computes (the lunar conversion covers 1900–2100).
MIN_YEAR = 1950
MAX_YEAR = 2099

#: Seconds a built year stays cached in one process before it is read again.
CACHE_SECONDS = 300.0

_DAYS_OFF = frozenset(
    {ScheduleDayKind.HOLIDAY, ScheduleDayKind.COMPENSATORY, ScheduleDayKind.DAY_OFF}
)
_DECIDED_YEARLY = frozenset({HolidayRule.LUNAR_NEW_YEAR})
_ONE_DAY = dt.timedelta(days=1)


class CalendarRangeError(ValueError):
    """A date outside the years the calendar can compute."""


# --- Plain data the calendar is built from ---------------------------------------------------


@dataclass(frozen=True)
class RuleVersion:
    """One version of a statutory holiday rule (a StatutoryHoliday row, detached)."""

    group: str
    name: str
    rule: str
    month: int
    day: int
    days: int
    effective_from: dt.date
    effective_to: dt.date | None
    legal_basis: str
    label: str

    def in_force_on(self, day: dt.date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


@dataclass(frozen=True)
class ScheduleEntry:
    """One day of the yearly schedule (a HolidayScheduleDay row, detached)."""

    date: dt.date
    group: str
    kind: str
    name: str
    confidence: str
    legal_basis: str
    label: str


@dataclass(frozen=True)
class Holiday:
    """A day that differs from the ordinary Monday–Friday week."""

    date: dt.date
    name: str
    kind: str
    group: str
    provisional: bool
    legal_basis: str
    #: Label of the reference row the day comes from.
    version: str

    @property
    def is_day_off(self) -> bool:
        return self.kind != ScheduleDayKind.WORKING_DAY


@dataclass(frozen=True)
class YearCalendar:
    """One year's exceptions to the Monday–Friday week."""

    year: int
    provisional: bool
    days: Mapping[dt.date, Holiday]
    versions: frozenset[str]

    def is_working_day(self, day: dt.date) -> bool:
        entry = self.days.get(day)
        if entry is not None:
            return not entry.is_day_off
        return day.weekday() < 5


@dataclass
class CalendarTrace:
    """What a calendar computation relied on: years, reference rows, provisional parts."""

    years: set[int] = field(default_factory=set)
    provisional_years: set[int] = field(default_factory=set)
    provisional_days: set[dt.date] = field(default_factory=set)
    versions: set[str] = field(default_factory=set)

    @property
    def provisional(self) -> bool:
        """True when a year without a firm schedule or a provisional day was involved."""
        return bool(self.provisional_years or self.provisional_days)

    def note_year(self, calendar: YearCalendar) -> None:
        self.years.add(calendar.year)
        self.versions |= calendar.versions
        if calendar.provisional:
            self.provisional_years.add(calendar.year)

    def note_day(self, calendar: YearCalendar, day: dt.date) -> None:
        entry = calendar.days.get(day)
        if entry is not None and entry.provisional:
            self.provisional_days.add(day)


# --- Deriving a year from the law ------------------------------------------------------------


def _lunar(year: int, month: int, day: int) -> dt.date:
    return lunar_vn.lunar_to_solar(lunar_vn.LunarDate(day=day, month=month, year=year))


def national_day_adjacent(day: dt.date) -> dt.date:
    """The day next to 2/9 most likely to be chosen: the one that joins a weekend.

    Matches the decisions of 2021–2025: 1/9 when it is a Monday or Friday, 3/9 when it is a
    Monday or Friday, else 1/9 when it is a weekday, else 3/9.
    """
    before, after = day - _ONE_DAY, day + _ONE_DAY
    for candidate in (before, after):
        if candidate.weekday() in (0, 4):
            return candidate
    return before if before.weekday() < 5 else after


def rule_dates(rule: RuleVersion, year: int) -> list[tuple[dt.date, bool]]:
    """The days off a rule gives in ``year``, each with whether the government decides it."""
    if rule.rule == HolidayRule.SOLAR:
        return [(dt.date(year, rule.month, rule.day), False)]
    if rule.rule == HolidayRule.LUNAR:
        return [(_lunar(year, rule.month, rule.day), False)]
    if rule.rule == HolidayRule.LUNAR_NEW_YEAR:
        # The last day of the old lunar year, then the first days of the new one.
        first = _lunar(year, rule.month, rule.day) - _ONE_DAY
        return [(first + dt.timedelta(days=i), True) for i in range(rule.days)]
    if rule.rule == HolidayRule.SOLAR_WITH_ADJACENT:
        base = dt.date(year, rule.month, rule.day)
        return [(base, False), (national_day_adjacent(base), True)]
    raise ValueError(f"unknown holiday rule {rule.rule!r}")


def _next_free_weekday(day: dt.date, taken: Mapping[dt.date, Holiday]) -> dt.date:
    candidate = day + _ONE_DAY
    while candidate.weekday() >= 5 or candidate in taken:
        candidate += _ONE_DAY
    return candidate


def build_year(
    year: int, rules: Sequence[RuleVersion], schedule: Sequence[ScheduleEntry]
) -> YearCalendar:
    """One year's calendar from the law's rules and the government's schedule (pure)."""
    firm = [e for e in schedule if e.confidence != ReferenceConfidence.UNCONFIRMED]
    year_provisional = not firm
    days: dict[dt.date, Holiday] = {}
    versions: set[str] = set()
    for entry in schedule:
        days[entry.date] = Holiday(
            date=entry.date,
            name=entry.name,
            kind=entry.kind,
            group=entry.group,
            provisional=year_provisional or entry.confidence == ReferenceConfidence.UNCONFIRMED,
            legal_basis=entry.legal_basis,
            version=entry.label,
        )
        versions.add(entry.label)
    scheduled_groups = {
        e.group for e in schedule if e.kind in _DAYS_OFF - {ScheduleDayKind.DAY_OFF}
    }
    derived: list[Holiday] = []
    for rule in rules:
        if rule.group in scheduled_groups:
            continue
        for day, decided_yearly in rule_dates(rule, year):
            if day.year != year or day in days or not rule.in_force_on(day):
                continue
            holiday = Holiday(
                date=day,
                name=rule.name,
                kind=ScheduleDayKind.HOLIDAY,
                group=rule.group,
                provisional=year_provisional or decided_yearly,
                legal_basis=rule.legal_basis,
                version=rule.label,
            )
            days[day] = holiday
            derived.append(holiday)
            versions.add(rule.label)
    for holiday in sorted(derived, key=lambda h: h.date):
        if holiday.date.weekday() < 5:
            continue
        compensation = _next_free_weekday(holiday.date, days)
        days[compensation] = Holiday(
            date=compensation,
            name=holiday.name,
            kind=ScheduleDayKind.COMPENSATORY,
            group=holiday.group,
            provisional=holiday.provisional,
            legal_basis=holiday.legal_basis,
            version=holiday.version,
        )
    return YearCalendar(
        year=year,
        provisional=year_provisional,
        days=dict(sorted(days.items())),
        versions=frozenset(versions),
    )


# --- Reading the reference tables, with a per-year cache -----------------------------------


def _rules_for(year: int) -> list[RuleVersion]:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return [
        RuleVersion(
            group=row.group,
            name=row.name,
            rule=row.rule,
            month=row.month,
            day=row.day,
            days=row.days,
            effective_from=row.effective_from,
            effective_to=row.effective_to,
            legal_basis=row.legal_basis,
            label=row.version_label,
        )
        for row in StatutoryHoliday.objects.overlapping(start, end).order_by("effective_from")
    ]


def _schedule_for(year: int) -> list[ScheduleEntry]:
    # The row in force on the day it describes applies (a later decision ends the earlier row).
    rows = (
        HolidayScheduleDay.objects.filter(date__year=year, effective_from__lte=F("date"))
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=F("date")))
        .order_by("date", "effective_from")
    )
    entries: dict[dt.date, ScheduleEntry] = {}
    for row in rows:
        entries[row.date] = ScheduleEntry(
            date=row.date,
            group=row.group,
            kind=row.kind,
            name=row.name,
            confidence=row.confidence,
            legal_basis=row.legal_basis,
            label=row.version_label,
        )
    return list(entries.values())


_cache: dict[int, tuple[int, float, YearCalendar]] = {}
_cache_lock = threading.Lock()


def clear_cache() -> None:
    """Forget every built year (tests; after bulk changes made outside the services)."""
    with _cache_lock:
        _cache.clear()


def check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise CalendarRangeError(
            f"The working-day calendar covers {MIN_YEAR}–{MAX_YEAR}; {year} is outside it."
        )


def year_calendar(year: int, *, trace: CalendarTrace | None = None) -> YearCalendar:
    """The calendar of ``year``, built from the reference tables (cached)."""
    check_year(year)
    now = time.monotonic()
    current = refdata.generation()
    cached = _cache.get(year)
    if cached is not None and cached[0] == current and now - cached[1] < CACHE_SECONDS:
        calendar = cached[2]
    else:
        calendar = build_year(year, _rules_for(year), _schedule_for(year))
        with _cache_lock:
            _cache[year] = (current, now, calendar)
    if trace is not None:
        trace.note_year(calendar)
    return calendar


# --- The functions deadlines use --------------------------------------------------------------


class _Walker:
    """Looks days up year by year, noting what it used in the trace."""

    def __init__(self, trace: CalendarTrace | None) -> None:
        self.trace = trace
        self.calendars: dict[int, YearCalendar] = {}

    def is_working_day(self, day: dt.date) -> bool:
        calendar = self.calendars.get(day.year)
        if calendar is None:
            calendar = year_calendar(day.year, trace=self.trace)
            self.calendars[day.year] = calendar
        if self.trace is not None:
            self.trace.note_day(calendar, day)
        return calendar.is_working_day(day)


def is_working_day(day: dt.date, *, trace: CalendarTrace | None = None) -> bool:
    """Whether public administration works on ``day``."""
    return _Walker(trace).is_working_day(day)


def add_working_days(
    start: dt.date,
    n: int,
    *,
    count_from_receipt_day: bool = False,
    trace: CalendarTrace | None = None,
) -> dt.date:
    """The day on which a limit of ``n`` working days from ``start`` ends.

    With ``count_from_receipt_day=False`` day one is the first working day after ``start``;
    with ``True`` it is ``start`` itself when that is a working day. ``n=0`` gives ``start``.
    """
    if n < 0:
        raise ValueError("The number of working days cannot be negative.")
    if n == 0:
        return start
    walker = _Walker(trace)
    day = start
    remaining = n
    if count_from_receipt_day and walker.is_working_day(start):
        remaining -= 1
    while remaining > 0:
        day += _ONE_DAY
        if walker.is_working_day(day):
            remaining -= 1
    return day


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def last_day_of_validity(start: dt.date, months: int) -> dt.date:
    """The last day of a validity of ``months`` beginning on ``start``: the day before the same
    date ``months`` later (a certificate issued on 04/05/2026 for 12 months ends 03/05/2027)."""
    return add_months(start, months) - dt.timedelta(days=1)


def working_days_between(a: dt.date, b: dt.date, *, trace: CalendarTrace | None = None) -> int:
    """Working days after ``a`` up to and including ``b`` (negative when ``b`` is before ``a``).

    The inverse of :func:`add_working_days`: ``working_days_between(a, add_working_days(a, n))
    == n``.
    """
    if b < a:
        return -working_days_between(b, a, trace=trace)
    walker = _Walker(trace)
    count = 0
    day = a
    while day < b:
        day += _ONE_DAY
        if walker.is_working_day(day):
            count += 1
    return count


def holidays(
    year: int, *, include_working_days: bool = False, trace: CalendarTrace | None = None
) -> list[Holiday]:
    """The days off of ``year`` beyond weekends: holidays, compensating and swapped days off.

    With ``include_working_days=True`` the weekend days swapped into working days are listed
    too (kind ``working_day``).
    """
    calendar = year_calendar(year, trace=trace)
    return [day for day in calendar.days.values() if include_working_days or day.is_day_off]


def versions_of(days: Iterable[Holiday]) -> list[str]:
    """Sorted labels of the reference rows behind some calendar days."""
    return sorted({day.version for day in days})
