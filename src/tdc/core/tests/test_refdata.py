"""Versioned reference data: loading from data files, corrections with audit, version labels."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError

from tdc.core import calendar
from tdc.core.exceptions import ConcurrentEditError
from tdc.core.models import (
    AuditAction,
    AuditEvent,
    HolidayScheduleDay,
    ReferenceConfidence,
    StatutoryHoliday,
)
from tdc.core.refdata import (
    load_reference_data,
    reference_files,
    reference_row_supersede,
    reference_row_update,
    version_label,
)
from tdc.testing.factories import PROVINCE_A, make_user

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def _fresh_calendar() -> Iterator[None]:
    calendar.clear_cache()
    yield
    calendar.clear_cache()


def events_for(obj: Any) -> list[AuditEvent]:
    ct = ContentType.objects.get_for_model(type(obj))
    return list(AuditEvent.objects.filter(content_type=ct, object_id=str(obj.pk)).order_by("id"))


def schedule_row(day: dt.date) -> HolidayScheduleDay:
    return HolidayScheduleDay.objects.in_force_on(day).get(date=day)


def test_it_finds_the_data_files_of_the_calendar() -> None:
    names = {path.name for path in reference_files()}
    assert {
        "holidays-statutory.yaml",
        "holidays-schedule-2025.yaml",
        "holidays-schedule-2026.yaml",
        "holidays-schedule-2027.yaml",
    } <= names


def test_it_loads_idempotently() -> None:
    # The test database was loaded once already; loading again changes nothing.
    before = (StatutoryHoliday.objects.count(), HolidayScheduleDay.objects.count())
    events_before = AuditEvent.objects.count()
    first = load_reference_data()
    second = load_reference_data()
    after = (StatutoryHoliday.objects.count(), HolidayScheduleDay.objects.count())
    assert before == after
    assert before[0] == 7
    assert sum(r.created + r.updated for r in first + second) == 0
    assert [r.total for r in first] == [r.total for r in second]
    assert AuditEvent.objects.count() == events_before


def test_it_loads_a_new_file_once_and_updates_changed_rows(tmp_path: Path) -> None:
    path = tmp_path / "extra.yaml"
    body = """
        model: core.HolidayScheduleDay
        key: [date, effective_from]
        defaults: {{effective_from: 2031-01-01, confidence: unconfirmed, legal_basis: test}}
        rows:
          - {{date: 2031-01-02, group: new_year, kind: day_off, name: "{name}"}}
    """
    path.write_text(textwrap.dedent(body.format(name="Hoán đổi")), encoding="utf-8")
    (first,) = load_reference_data([path])
    (again,) = load_reference_data([path])
    assert (first.created, again.created, again.unchanged) == (1, 0, 1)
    path.write_text(textwrap.dedent(body.format(name="Hoán đổi (sửa)")), encoding="utf-8")
    (changed,) = load_reference_data([path])
    assert changed.updated == 1
    row = HolidayScheduleDay.objects.get(date=D(2031, 1, 2))
    assert row.name == "Hoán đổi (sửa)"
    assert row.version == 2
    actions = [e.action for e in events_for(row)]
    assert actions == [AuditAction.IMPORTED, AuditAction.UPDATED]


def test_it_says_which_row_of_a_file_is_wrong(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "model: core.HolidayScheduleDay\nkey: [date, effective_from]\nrows:\n"
        "  - {date: 2031-01-04, effective_from: 2031-01-01, group: new_year,"
        " kind: working_day, name: x, colour: red}\n",
        encoding="utf-8",
    )
    with pytest.raises(ImproperlyConfigured, match="colour"):
        load_reference_data([path])


def test_it_picks_the_version_in_force_on_a_day() -> None:
    culture = StatutoryHoliday.objects.get(group="culture_day")
    assert culture.effective_from == D(2026, 7, 1)
    assert not StatutoryHoliday.objects.in_force_on(D(2026, 6, 30)).filter(pk=culture.pk).exists()
    assert StatutoryHoliday.objects.in_force_on(D(2026, 7, 1)).filter(pk=culture.pk).exists()
    assert StatutoryHoliday.objects.in_force_on(D(2026, 7, 1)).count() == 7
    assert StatutoryHoliday.objects.in_force_on(D(2025, 11, 24)).count() == 6


def test_it_labels_versions_stably() -> None:
    row = schedule_row(D(2026, 2, 17))
    assert version_label(row) == f"core.holidayscheduleday@2026-01-01#{row.pk}"


class TestCorrections:
    def test_it_audits_an_administrators_correction(self) -> None:
        admin = make_user("system_admin")
        row = schedule_row(D(2026, 2, 17))
        updated = reference_row_update(
            row=row,
            by=admin,
            expected_version=row.version,
            reason="Quyết định chính thức đã ban hành",
            confidence=ReferenceConfidence.CONFIRMED,
            source="https://example.gov.vn/quyet-dinh",
        )
        assert updated.version == row.version + 1
        assert updated.modified_by == admin
        (event,) = events_for(row)[-1:]
        assert event.action == AuditAction.UPDATED
        assert event.actor == admin
        assert event.before["confidence"] == "reported"
        assert event.after["confidence"] == "confirmed"
        assert event.details["reason"] == "Quyết định chính thức đã ban hành"
        assert event.details["version_label"] == row.version_label

    def test_it_keeps_a_correction_when_the_files_are_loaded_again(self) -> None:
        admin = make_user("system_admin")
        row = schedule_row(D(2026, 2, 17))
        reference_row_update(row=row, by=admin, confidence=ReferenceConfidence.CONFIRMED)
        results = load_reference_data()
        row.refresh_from_db()
        assert row.confidence == ReferenceConfidence.CONFIRMED
        assert sum(r.kept for r in results) == 1

    def test_it_lets_only_administrators_correct(self) -> None:
        officer = make_user("provincial_officer", province_id=PROVINCE_A)
        row = schedule_row(D(2026, 2, 17))
        with pytest.raises(PermissionDenied):
            reference_row_update(row=row, by=officer, name="x")
        row.refresh_from_db()
        assert row.name != "x"

    def test_it_refuses_a_stale_edit(self) -> None:
        admin = make_user("system_admin")
        row = schedule_row(D(2026, 2, 17))
        reference_row_update(row=row, by=admin, notes="first")
        with pytest.raises(ConcurrentEditError):
            reference_row_update(row=row, by=admin, expected_version=row.version, notes="second")

    def test_it_validates_a_correction(self) -> None:
        admin = make_user("system_admin")
        row = schedule_row(D(2026, 2, 17))
        with pytest.raises(ValidationError) as info:
            reference_row_update(row=row, by=admin, effective_to=D(2025, 1, 1))
        assert "effective_to" in info.value.message_dict
        with pytest.raises(ValidationError) as info:
            reference_row_update(row=row, by=admin, kind="working_day")
        assert "kind" in info.value.message_dict

    def test_it_changes_the_calendar_at_once(self) -> None:
        assert calendar.is_working_day(D(2026, 2, 20)) is False
        admin = make_user("system_admin")
        # The government withdraws the fifth Tết day from 1 February 2026.
        reference_row_update(
            row=schedule_row(D(2026, 2, 20)), by=admin, effective_to=D(2026, 1, 31)
        )
        assert calendar.is_working_day(D(2026, 2, 20)) is True

    def test_it_supersedes_a_version_from_a_date(self) -> None:
        admin = make_user("system_admin")
        old = StatutoryHoliday.objects.get(group="new_year")
        new = reference_row_supersede(
            row=old, by=admin, effective_from=D(2040, 1, 1), name="Tết Dương lịch (mới)"
        )
        old.refresh_from_db()
        assert old.effective_to == D(2039, 12, 31)
        assert new.effective_from == D(2040, 1, 1)
        assert new.rule == old.rule
        assert StatutoryHoliday.objects.in_force_on(D(2039, 12, 31)).get(group="new_year") == old
        assert StatutoryHoliday.objects.in_force_on(D(2040, 1, 1)).get(group="new_year") == new
        assert events_for(new)[0].details["supersedes"] == old.version_label
        holiday = {h.date: h for h in calendar.holidays(2040)}[D(2040, 1, 1)]
        assert holiday.name == "Tết Dương lịch (mới)"
        assert holiday.version == new.version_label
