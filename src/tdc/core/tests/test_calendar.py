"""The working-day calendar: worked examples from the law and the 2025–2027 schedules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tdc.core import calendar
from tdc.core.calendar import (
    CalendarTrace,
    RuleVersion,
    add_working_days,
    build_year,
    holidays,
    is_working_day,
    working_days_between,
)
from tdc.testing.fixtures import client_for

D = dt.date


@pytest.fixture(autouse=True)
def _fresh_calendar() -> Iterator[None]:
    calendar.clear_cache()
    yield
    calendar.clear_cache()


@pytest.mark.django_db
class TestWorkedExamples:
    def test_it_adds_five_working_days_from_the_friday_before_tet_2026(self) -> None:
        # Sat 14/02 – Sun 22/02/2026 is off (Tết 16–20/02 plus weekends).
        trace = CalendarTrace()
        assert add_working_days(D(2026, 2, 13), 5, trace=trace) == D(2026, 2, 27)
        assert trace.provisional is False
        assert any(v.startswith("core.holidayscheduleday@2026-01-01#") for v in trace.versions)

    def test_it_counts_the_day_of_receipt_when_the_procedure_says_so(self) -> None:
        assert add_working_days(D(2026, 2, 13), 5, count_from_receipt_day=True) == D(2026, 2, 26)
        # A receipt on a day off starts counting on the next working day either way.
        assert add_working_days(D(2026, 2, 14), 1, count_from_receipt_day=True) == D(2026, 2, 23)
        assert add_working_days(D(2026, 2, 14), 1) == D(2026, 2, 23)

    def test_it_gives_zero_days_as_the_start_and_refuses_negative_days(self) -> None:
        assert add_working_days(D(2026, 2, 14), 0) == D(2026, 2, 14)
        with pytest.raises(ValueError, match="negative"):
            add_working_days(D(2026, 2, 14), -1)

    def test_it_makes_24_november_a_holiday_from_2026_only(self) -> None:
        assert is_working_day(D(2025, 11, 24)) is True  # a Monday, before Nghị quyết 28/2026
        assert is_working_day(D(2026, 11, 24)) is False  # a Tuesday, Ngày Văn hóa Việt Nam
        names = {h.date: h.name for h in holidays(2026)}
        assert names[D(2026, 11, 24)] == "Ngày Văn hóa Việt Nam"
        assert D(2025, 11, 24) not in {h.date for h in holidays(2025)}

    def test_it_gives_monday_off_when_gio_to_falls_on_sunday_2026(self) -> None:
        by_date = {h.date: h for h in holidays(2026)}
        assert by_date[D(2026, 4, 26)].group == "hung_kings"
        assert by_date[D(2026, 4, 27)].kind == "compensatory"
        assert is_working_day(D(2026, 4, 27)) is False
        assert add_working_days(D(2026, 4, 24), 1) == D(2026, 4, 28)

    def test_it_follows_the_swapped_days_of_the_2025_schedule(self) -> None:
        assert is_working_day(D(2025, 1, 27)) is False  # Monday swapped off
        assert is_working_day(D(2025, 2, 8)) is True  # Saturday worked instead
        assert is_working_day(D(2025, 2, 1)) is False  # Tết mùng 4 on a Saturday
        assert add_working_days(D(2025, 1, 24), 1) == D(2025, 2, 3)

    def test_it_flags_a_year_without_schedule_as_provisional(self) -> None:
        trace = CalendarTrace()
        # Tết Canh Tuất: mùng 1 = Sat 02/02/2030, derived from the lunar calendar.
        assert add_working_days(D(2030, 1, 31), 1, trace=trace) == D(2030, 2, 8)
        assert trace.provisional is True
        assert trace.provisional_years == {2030}
        days = holidays(2030)
        assert all(day.provisional for day in days)
        tet = [d.date for d in days if d.group == "lunar_new_year"]
        assert tet == [D(2030, 2, d) for d in range(1, 8)]  # 5 days + 2 compensating

    def test_it_marks_the_unconfirmed_2027_schedule_provisional(self) -> None:
        trace = CalendarTrace()
        add_working_days(D(2027, 2, 4), 1, trace=trace)
        assert trace.provisional_years == {2027}

    def test_it_marks_a_derived_national_day_adjacent_day_provisional(self) -> None:
        by_date = {h.date: h for h in holidays(2026)}
        assert by_date[D(2026, 9, 2)].provisional is False
        assert by_date[D(2026, 9, 1)].provisional is True
        trace = CalendarTrace()
        add_working_days(D(2026, 8, 31), 1, trace=trace)
        assert trace.provisional is True
        assert trace.provisional_years == set()

    def test_it_counts_working_days_between_as_the_inverse_of_adding(self) -> None:
        assert working_days_between(D(2026, 2, 13), D(2026, 2, 27)) == 5
        assert working_days_between(D(2026, 2, 27), D(2026, 2, 13)) == -5
        assert working_days_between(D(2026, 2, 13), D(2026, 2, 13)) == 0
        for start in (D(2025, 12, 24), D(2026, 2, 10), D(2026, 4, 24), D(2026, 8, 28)):
            for n in (1, 3, 7, 15, 30):
                end = add_working_days(start, n)
                assert working_days_between(start, end) == n, (start, n)

    def test_it_crosses_years(self) -> None:
        trace = CalendarTrace()
        assert add_working_days(D(2026, 12, 30), 2, trace=trace) == D(2027, 1, 4)
        assert trace.years == {2026, 2027}

    def test_it_refuses_years_outside_its_range(self) -> None:
        with pytest.raises(calendar.CalendarRangeError):
            is_working_day(D(1900, 1, 1))


def test_it_derives_a_year_from_the_law_alone() -> None:
    rules = [
        RuleVersion("new_year", "Tết Dương lịch", "solar", 1, 1, 1, D(2021, 1, 1), None, "", "a"),
        RuleVersion("culture_day", "Văn hóa", "solar", 11, 24, 1, D(2026, 7, 1), None, "", "b"),
        RuleVersion(
            "national_day",
            "Quốc khánh",
            "solar_with_adjacent",
            9,
            2,
            2,
            D(2021, 1, 1),
            None,
            "",
            "c",
        ),
    ]
    year = build_year(2028, rules, [])
    assert year.provisional is True
    # 1/1/2028 is a Saturday: Monday 3/1 is the compensating day.
    assert year.days[D(2028, 1, 3)].kind == "compensatory"
    # 2/9/2028 is a Saturday: the adjacent day is Friday 1/9 and Monday 4/9 compensates.
    assert year.days[D(2028, 9, 1)].kind == "holiday"
    assert year.days[D(2028, 9, 4)].kind == "compensatory"
    assert D(2028, 11, 24) in year.days
    assert build_year(2025, rules, []).days.get(D(2025, 11, 24)) is None


@pytest.mark.parametrize(
    ("national_day", "adjacent"),
    [
        (D(2021, 9, 2), D(2021, 9, 3)),
        (D(2022, 9, 2), D(2022, 9, 1)),
        (D(2023, 9, 2), D(2023, 9, 1)),
        (D(2024, 9, 2), D(2024, 9, 3)),
        (D(2025, 9, 2), D(2025, 9, 1)),
    ],
)
def test_it_picks_the_national_day_adjacent_day_as_past_decisions_did(
    national_day: dt.date, adjacent: dt.date
) -> None:
    assert calendar.national_day_adjacent(national_day) == adjacent


@pytest.mark.django_db
class TestApi:
    def test_it_adds_working_days_for_anyone(self) -> None:
        response = APIClient().get(
            reverse("api:calendar_add_working_days"), {"start": "2026-02-13", "days": "5"}
        )
        assert response.status_code == 200, response.content
        assert response.json() == {
            "start": "2026-02-13",
            "days": 5,
            "count_from_receipt_day": False,
            "date": "2026-02-27",
            "provisional": False,
        }

    def test_it_reports_a_provisional_result(self) -> None:
        response = APIClient().get(
            reverse("api:calendar_add_working_days"),
            {"start": "2030-01-31", "days": "1", "count_from_receipt_day": "true"},
        )
        assert response.json()["date"] == "2030-01-31"
        assert response.json()["provisional"] is True

    @pytest.mark.parametrize(
        ("params", "field", "words"),
        [
            ({"start": "13/02/2026", "days": "5"}, "start", "YYYY-MM-DD"),
            ({"start": "2026-02-30", "days": "5"}, "start", "YYYY-MM-DD"),
            ({"days": "5"}, "start", "start=YYYY-MM-DD"),
            ({"start": "2026-02-13", "days": "-1"}, "days", "cannot be negative"),
            ({"start": "2026-02-13", "days": "năm"}, "days", "whole number"),
            ({"start": "2026-02-13", "days": "999999"}, "days", "at most"),
            ({"start": "1800-01-01", "days": "1"}, "start", "covers the years"),
        ],
    )
    def test_it_rejects_bad_input_with_the_error_shape(
        self, params: dict[str, str], field: str, words: str
    ) -> None:
        response = APIClient().get(reverse("api:calendar_add_working_days"), params)
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["code"] == "invalid"
        assert words in " ".join(error["fields"][field])

    def test_it_lists_a_years_holidays(self) -> None:
        response = APIClient().get(reverse("api:calendar_holidays"), {"year": "2026"})
        assert response.status_code == 200
        rows = {row["date"]: row for row in response.json()}
        assert rows["2026-11-24"]["kind"] == "holiday"
        assert rows["2026-11-24"]["legal_basis"].startswith("Nghị quyết 28/2026/QH16")
        assert rows["2026-04-27"]["kind"] == "compensatory"
        assert rows["2026-02-17"]["provisional"] is False
        assert set(rows["2026-02-17"]) == {
            "date",
            "name",
            "kind",
            "group",
            "provisional",
            "legal_basis",
        }

    def test_it_lists_swapped_working_days_too(self) -> None:
        rows = APIClient().get(reverse("api:calendar_holidays"), {"year": "2025"}).json()
        assert {"date": "2025-02-08", "kind": "working_day"}.items() <= next(
            r for r in rows if r["date"] == "2025-02-08"
        ).items()

    @pytest.mark.parametrize("year", ["", "20x6", "1800"])
    def test_it_rejects_a_bad_year(self, year: str) -> None:
        response = APIClient().get(reverse("api:calendar_holidays"), {"year": year})
        assert response.status_code == 400
        assert "year" in response.json()["error"]["fields"]


@pytest.mark.django_db
class TestPage:
    def test_it_shows_a_years_holidays(self, officer_a: Any) -> None:
        response = client_for(officer_a).get(reverse("core:calendar"), {"year": "2026"})
        assert response.status_code == 200
        body = response.content.decode()
        assert "Ngày Văn hóa Việt Nam" in body
        assert 'datetime="2026-04-27"' in body
        assert 'data-testid="year-provisional"' not in body

    def test_it_warns_about_a_provisional_year(self, officer_a: Any) -> None:
        response = client_for(officer_a).get(reverse("core:calendar"), {"year": "2030"})
        assert 'data-testid="year-provisional"' in response.content.decode()

    def test_it_calculates_in_place_with_htmx(self, officer_a: Any) -> None:
        response = client_for(officer_a).get(
            reverse("core:calendar"),
            {"start": "2026-02-13", "days": "5"},
            HTTP_HX_REQUEST="true",
        )
        body = response.content.decode()
        assert "27/02/2026" in body
        assert "<html" not in body

    def test_it_explains_a_bad_calculator_input(self, officer_a: Any) -> None:
        response = client_for(officer_a).get(
            reverse("core:calendar"), {"start": "2026-02-13", "days": "-3"}
        )
        assert 'data-testid="calculator-errors"' in response.content.decode()
