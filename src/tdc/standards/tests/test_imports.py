"""Bulk import of the national catalogue's export: every row checked, all or nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tdc.core.imports import get_import_type, process_file
from tdc.core.models import AuditEvent
from tdc.standards.models import Standard

pytestmark = pytest.mark.django_db

HEADER = "Số hiệu,Tên tiêu chuẩn,Mã ICS,Tiêu chuẩn quốc tế tương ứng,Ngày ban hành\n"


def _run(officer: Any, body: str, *, commit: bool) -> Any:
    import_type = get_import_type("standards")
    assert import_type is not None
    data = (HEADER + body).encode("utf-8")
    return process_file(import_type(user=officer), data, "danh-muc.csv", commit=commit)


def test_it_imports_rows_in_any_spelling_with_audit(officer_a: Any) -> None:
    report, rejected = _run(
        officer_a,
        "tcvn 5699-2-3 : 2017,Thiết bị điện gia dụng — An toàn — Phần 2-3,97.030,"
        "IEC 60335-2-3:2015,15/06/2017\n"
        "TCVN 90500:2020,Tiêu chuẩn thử,,,\n",
        commit=True,
    )
    assert report.stage == "committed" and report.committed == 2, report
    standard = Standard.objects.get(designation="TCVN 5699-2-3:2017")
    assert standard.international_designation == "IEC 60335-2-3:2015"
    assert standard.harmonisation == "IDT" and standard.ics_list == ["97.030"]
    assert "thiet bi dien" in standard.search_text
    assert AuditEvent.objects.filter(object_id=str(standard.pk), action="imported").exists()


def test_it_reports_each_bad_row_and_writes_nothing(officer_a: Any) -> None:
    before = Standard.objects.count()
    report, rejected = _run(
        officer_a,
        "TCVN 90501:2020,Đúng,,,\n"
        "QCVN 04 : 2009/BKHCN,Trùng với danh mục,,,\n"
        "QCVN 4:2009,Thiếu cơ quan,,,\n"
        "TCVN 90502:2020,ICS sai,99.999,,\n"
        "tcvn 90501 : 2020,Trùng trong tệp,,,\n",
        commit=True,
    )
    assert report.stage == "validated" and report.rejected_rows == 4
    messages = {(e.row, e.column): e.message for e in report.errors}
    assert "QCVN 4:2009/BKHCN" in messages[(3, "Số hiệu")]
    assert "cơ quan ban hành" in messages[(4, "Số hiệu")]
    assert "99.999" in messages[(5, "Mã ICS")]
    assert "2" in messages[(6, "Số hiệu")]
    assert rejected is not None
    assert Standard.objects.count() == before
