"""The verifications import: references resolved from preloaded lookups, every bad row
reported, all or nothing, due dates refreshed; the COPY fast path on PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from tdc.core.imports import process_file
from tdc.core.models import AuditAction, AuditEvent
from tdc.core.roles import Role
from tdc.metrology.imports.verifications import VerificationImport, fast_import_csv
from tdc.metrology.models import Instrument, Verification
from tdc.metrology.tests.factories import (
    InstrumentFactory,
    VerificationOrganisationFactory,
    VerifierFactory,
)
from tdc.testing.factories import PROVINCE_A, OrganisationFactory, make_user

pytestmark = pytest.mark.django_db

HEADER = [
    "Mã loại phương tiện đo",
    "Nhà sản xuất",
    "Mã số thuế chủ sở hữu",
    "Số sản xuất",
    "Mã số thuế tổ chức kiểm định",
    "Số hiệu kiểm định viên",
    "Ngày kiểm định",
    "Hình thức kiểm định",
    "Kết quả",
    "Số giấy chứng nhận",
    "Hiệu lực đến",
]


@pytest.fixture
def world() -> dict[str, Any]:
    owner = OrganisationFactory(province_id=PROVINCE_A)
    lab = VerificationOrganisationFactory()
    other_lab = VerificationOrganisationFactory(name="Khác")
    verifier = VerifierFactory(organisation=lab)
    alien = VerifierFactory(organisation=other_lab)
    a = InstrumentFactory(owner=owner)
    b = InstrumentFactory(owner=owner)
    staff = make_user(Role.VERIFICATION_STAFF, organisation=lab, province_id=PROVINCE_A)
    return locals()


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def _good(world: dict[str, Any]) -> list[list[str]]:
    a, b, lab, card = world["a"], world["b"], world["lab"], world["verifier"].card_number
    return [
        [a.type_code, "Tatsuno", "", a.serial_number, lab.tax_code, card, "10/01/2025",
         "định kỳ", "đạt", "KĐ-1", "09/01/2026"],
        [a.type_code, "Tatsuno", "", a.serial_number, lab.tax_code, card, "2026-01-08",
         "periodic", "passed", "KĐ-2", "2027-01-07"],
        ["", "", world["owner"].tax_code, b.serial_number, lab.tax_code, card, "05/03/2026",
         "ban đầu", "không đạt", "", ""],
    ]  # fmt: skip


def test_it_imports_verifications_and_refreshes_due_dates(
    world: dict[str, Any],
    django_assert_max_num_queries: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    data = _csv(_good(world))
    with django_assert_max_num_queries(20), django_capture_on_commit_callbacks(execute=True):
        report, rejected = process_file(
            VerificationImport(user=world["staff"]), data, "v.csv", commit=True
        )
    assert report.ok and report.committed == 3 and rejected is None, report.errors
    a = Instrument.objects.get(pk=world["a"].pk)
    assert a.next_due_date == dt.date(2027, 1, 7)
    failed = Verification.objects.get(instrument=world["b"])
    assert failed.result == "failed" and failed.kind == "initial" and failed.owner == world["owner"]
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.IMPORTED, content_type__model="verification"
        ).count()
        == 3
    )


def test_it_reports_every_bad_row_and_writes_nothing(world: dict[str, Any]) -> None:
    a, lab, card = world["a"], world["lab"], world["verifier"].card_number
    rows = _good(world) + [
        [a.type_code, "Tatsuno", "", "NOPE", lab.tax_code, card, "01/02/2025", "định kỳ", "đạt",
         "KĐ-3", "01/02/2026"],
        [a.type_code, "Tatsuno", "", a.serial_number, lab.tax_code, world["alien"].card_number,
         "01/03/2025", "định kỳ", "đạt", "KĐ-4", "01/03/2026"],
        [a.type_code, "Tatsuno", "", a.serial_number, world["other_lab"].tax_code, card,
         "01/04/2025", "định kỳ", "đạt", "KĐ-5", "01/04/2026"],
        [a.type_code, "Tatsuno", "", a.serial_number, lab.tax_code, card, "01/05/2025",
         "định kỳ", "đạt", "KĐ-1", ""],
        [a.type_code, "Tatsuno", "", a.serial_number, lab.tax_code, card, "01/06/2025",
         "sometimes", "đạt", "KĐ-6", "01/06/2025"],
    ]  # fmt: skip
    report, rejected = process_file(
        VerificationImport(user=world["staff"]), _csv(rows), "v.csv", commit=True
    )
    assert report.stage == "validated" and report.committed == 0
    assert report.rejected_rows == 5 and rejected is not None, report.errors
    cells = {(e.row, e.column) for e in report.errors}
    assert cells == {
        (5, "Số sản xuất"),  # no such instrument
        (6, "Số hiệu kiểm định viên"),  # verifier of another organisation
        (7, "Mã số thuế tổ chức kiểm định"),  # not the importer's organisation
        (8, "Số giấy chứng nhận"),  # certificate already in row 2
        (8, "Hiệu lực đến"),  # passed without validity
        (9, "Hình thức kiểm định"),  # unknown kind
        (9, "Hiệu lực đến"),  # validity not after the date
    }
    assert not Verification.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY needs PostgreSQL")
def test_it_imports_through_the_copy_fast_path(world: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_bytes(_csv(_good(world)))
    report = fast_import_csv(str(path), user=world["staff"])
    assert report.ok and report.committed == 3
    assert Instrument.objects.get(pk=world["a"].pk).next_due_date == dt.date(2027, 1, 7)
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.IMPORTED, content_type__model="verification"
        ).count()
        == 3
    )
    bad = tmp_path / "bad.csv"
    bad.write_bytes(_csv(_good(world)))  # same certificates again
    again = fast_import_csv(str(bad), user=world["staff"])
    assert again.error_count == 2 and again.committed == 0
    assert Verification.objects.count() == 3
