"""The COPY fast path of the verifications import answers exactly what the generic import
answers: the same messages for the same bad rows, the same stored verifications, audit
events and due dates (PostgreSQL only)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from tdc.core.imports import process_file
from tdc.core.models import AuditAction, AuditEvent
from tdc.metrology.imports.verifications import VerificationImport, fast_import_csv
from tdc.metrology.models import Instrument, Verification
from tdc.metrology.tests.test_verification_import import _csv, _good, world

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY needs PostgreSQL"),
]
__all__ = ["world"]  # the fixture, shared with the generic import's tests

FIELDS = (
    "instrument_id", "kind", "verified_on", "organisation_id", "verifier_id", "place", "result",
    "certificate_number", "valid_until", "type_code", "province_id", "commune_id", "owner_id",
    "created_by_id", "version",
)  # fmt: skip


def _bad_rows(world: dict[str, Any]) -> list[list[str]]:
    a, lab, card = world["a"], world["lab"], world["verifier"].card_number
    return _good(world) + [
        [a.type_code, "Tatsuno", "", "NOPE", lab.tax_code, card, "01/02/2025", "định kỳ", "đạt",
         "KĐ-3", "01/02/2026"],
        [a.type_code, "Tatsuno", "", a.serial_number, lab.tax_code, world["alien"].card_number,
         "01/03/2025", "định kỳ", "đạt", "KĐ-4", "01/03/2026"],
        [a.type_code, "Tatsuno", "", a.serial_number, lab.tax_code, card, "01/05/2025",
         "định kỳ", "đạt", "KĐ-1", ""],
        [a.type_code, "Tatsuno", "", a.serial_number, lab.tax_code, card, "01/06/2025",
         "sometimes", "đạt", "KĐ-6", "01/06/2025"],
        [a.type_code, "Tatsuno", "", a.serial_number, lab.tax_code, card, "10/01/2025",
         "định kỳ", "đạt", "KĐ-7", "09/01/2026"],
    ]  # fmt: skip


def test_it_reports_the_same_errors_as_the_generic_import(
    world: dict[str, Any], tmp_path: Path
) -> None:
    data = _csv(_bad_rows(world))
    generic, _ = process_file(VerificationImport(user=world["staff"]), data, "v.csv", commit=True)
    path = tmp_path / "v.csv"
    path.write_bytes(data)
    fast = fast_import_csv(str(path), user=world["staff"])
    assert fast.committed == 0 and not Verification.objects.exists()
    assert {(e.row, e.column, e.message) for e in fast.errors} == {
        (e.row, e.column, e.message) for e in generic.errors
    }
    assert fast.error_count == len(generic.errors) == 7


def test_it_stores_what_the_generic_import_stores(
    world: dict[str, Any], tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    rows = _good(world)
    rows[0][9] = "KĐ\\1\t/2025"  # a backslash and a tab survive COPY's text format
    data = _csv(rows)
    with django_capture_on_commit_callbacks(execute=True):  # the due dates follow the commit
        generic, _ = process_file(
            VerificationImport(user=world["staff"]), data, "v.csv", commit=True
        )
    assert generic.ok
    stored = list(Verification.objects.order_by("pk").values_list(*FIELDS))
    due = dict(Instrument.objects.values_list("pk", "next_due_date"))
    Verification.objects.all().delete()
    Instrument.objects.update(next_due_date=None)
    path = tmp_path / "v.csv"
    path.write_bytes(data)
    fast = fast_import_csv(str(path), user=world["staff"])
    assert fast.ok and fast.committed == 3
    assert list(Verification.objects.order_by("pk").values_list(*FIELDS)) == stored
    assert dict(Instrument.objects.values_list("pk", "next_due_date")) == due
    assert Verification.objects.filter(certificate_number="KĐ\\1\t/2025").count() == 1
    events = AuditEvent.objects.filter(
        action=AuditAction.IMPORTED, details__fast_path=True
    ).order_by("object_id")
    assert sorted(int(e.object_id) for e in events) == sorted(  # object ids are text
        Verification.objects.values_list("pk", flat=True)
    )
    first = Verification.objects.order_by("pk").first()
    assert first is not None
    event = events.get(object_id=str(first.pk))
    after = event.after if isinstance(event.after, dict) else json.loads(event.after)
    assert after["id"] == first.pk and after["instrument"] == first.instrument_id
    assert event.province_code == first.province_id and event.actor_id == world["staff"].pk


def test_it_writes_in_chunks_while_reading_and_reports_progress(
    world: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "v.csv"
    path.write_bytes(_csv(_good(world)))
    seen: list[int] = []
    fast = fast_import_csv(str(path), user=world["staff"], chunk_rows=1, progress=seen.append)
    assert fast.ok and fast.committed == 3
    assert seen == [1, 2, 3, 3]  # after each chunk handed to the writer, and at the end
    ids = sorted(Verification.objects.values_list("pk", flat=True))
    events = AuditEvent.objects.filter(action=AuditAction.IMPORTED, details__fast_path=True)
    assert sorted(int(pk) for pk in events.values_list("object_id", flat=True)) == ids
    assert fast.seconds["copy_verifications"] > 0 and fast.seconds["copy_audit"] > 0


def test_a_bad_row_after_chunks_were_written_leaves_nothing(
    world: dict[str, Any], tmp_path: Path
) -> None:
    """The first rows are already COPYed when the bad last row is read: all are rolled back."""
    path = tmp_path / "v.csv"
    path.write_bytes(_csv(_bad_rows(world)))
    events_before = AuditEvent.objects.count()
    fast = fast_import_csv(str(path), user=world["staff"], chunk_rows=1)
    assert fast.committed == 0 and fast.error_count == 7
    assert not Verification.objects.exists()
    assert AuditEvent.objects.count() == events_before
    assert Instrument.objects.filter(next_due_date__isnull=False).count() == 0


def test_a_refusal_of_the_database_mid_file_rolls_everything_back(
    world: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A certificate recorded by someone else after the lookups were loaded: the unique index
    refuses the chunk that repeats it; the chunk already written is rolled back with it and the
    database's error is raised."""
    import datetime as dt

    from django.db import IntegrityError

    from tdc.metrology.imports import verification_rows as rows

    prepare = rows.VerificationRowChecker.prepare

    def prepare_then_race(self: Any) -> None:
        prepare(self)
        instrument = self.by_identity[(world["a"].type_code, "Tatsuno", world["a"].serial_number)]
        values = {
            "instrument": instrument,
            "kind": "periodic",
            "verified_on": dt.date(2024, 1, 1),
            "organisation_id": world["lab"].pk,
            "verifier_id": world["verifier"].pk,
            "result": "passed",
            "certificate_number": "KĐ-2",
            "valid_until": dt.date(2025, 1, 1),
        }
        rows.verification_row(values, world["staff"]).save()

    monkeypatch.setattr(rows.VerificationRowChecker, "prepare", prepare_then_race)
    path = tmp_path / "v.csv"
    path.write_bytes(_csv(_good(world)))
    with pytest.raises(IntegrityError):
        fast_import_csv(str(path), user=world["staff"], chunk_rows=1)
    assert list(Verification.objects.values_list("certificate_number", flat=True)) == ["KĐ-2"]
    assert not AuditEvent.objects.filter(details__fast_path=True).exists()


def _job(world: dict[str, Any], data: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tdc.core.imports import start_import

    upload = SimpleUploadedFile("verifications.csv", data, content_type="text/csv")
    return start_import(user=world["staff"], import_type=VerificationImport, upload=upload)


def test_the_import_screens_commit_large_csv_files_by_the_fast_path(
    world: dict[str, Any], settings: Any
) -> None:
    from tdc.core.imports import run_import_job

    settings.TDC_IMPORT_BACKGROUND_ROWS = 2  # the file's 3 rows make it a large file
    job = _job(world, _csv(_good(world)))
    report = run_import_job(job, commit=True)
    assert report.stage == "committed" and report.committed == 3
    assert AuditEvent.objects.filter(details__fast_path=True).count() == 3
    job.refresh_from_db()
    assert job.message == "3 records imported." and not job.result_file


def test_the_import_screens_report_bad_rows_of_a_large_file_as_usual(
    world: dict[str, Any], settings: Any
) -> None:
    from tdc.core.imports import run_import_job

    settings.TDC_IMPORT_BACKGROUND_ROWS = 2
    job = _job(world, _csv(_bad_rows(world)))
    report = run_import_job(job, commit=True)
    assert report.committed == 0 and report.error_count == 7
    assert not Verification.objects.exists()
    job.refresh_from_db()
    assert job.result_file  # the rejected rows, from the generic path


def test_small_files_keep_the_generic_path(world: dict[str, Any], settings: Any) -> None:
    from tdc.core.imports import run_import_job

    settings.TDC_IMPORT_BACKGROUND_ROWS = 5000
    report = run_import_job(_job(world, _csv(_good(world))), commit=True)
    assert report.committed == 3
    assert not AuditEvent.objects.filter(details__fast_path=True).exists()
