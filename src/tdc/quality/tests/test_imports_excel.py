"""Import lots from a spreadsheet: every problem on its row and column (lot contradicting its
certificate, unknown importer or body, medium-risk goods), nothing written unless all rows are
valid; a good file creates numbered registrations with their regime and deadlines."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import Workbook

from tdc.core.imports import process_file
from tdc.quality.imports import ImportLotImport
from tdc.quality.models import ImportRegistration
from tdc.quality.tests.factories import ConformityBodyFactory, officer
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory

pytestmark = pytest.mark.django_db

HEADERS = [c.header for c in ImportLotImport.columns]


def _xlsx(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _row(tax_code: str, body_number: str, **values: Any) -> list[Any]:
    data = {
        "importer_tax_code": tax_code,
        "customs_declaration": "106001234560",
        "product": "Nồi cơm điện",
        "brand": "Kangaroo",
        "model_type": "KG18RC",
        "manufacturer": "Zhongshan Kangaroo",
        "origin": "Trung Quốc",
        "hs_code": "8516.60.10",
        "qcvn": "QCVN 4:2009/BKHCN",
        "quantity": 500,
        "unit": "chiếc",
        "gtin": "",
        "certificate_kind": "lô",
        "certificate_number": "CN-1",
        "body_number": body_number,
        "certificate_issued_on": "01/09/2026",
        "certificate_valid_until": "01/09/2027",
        "certificate_qcvn": "QCVN 4:2009/BKHCN",
        "certificate_model": "KG18RC",
        "certificate_origin": "Trung Quốc",
        "certificate_quantity": 500,
        "registered_on": "10/09/2026",
        "cleared_on": "",
    }
    data.update(values)
    return [data[c.key] for c in ImportLotImport.columns]


def test_every_problem_is_reported_on_its_row_and_column_and_nothing_is_written() -> None:
    org = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)
    body = ConformityBodyFactory()
    data = _xlsx(
        [
            _row(org.tax_code, body.registration_number),
            _row(org.tax_code, body.registration_number, certificate_quantity=100),
            _row("0000000000", "XYZ"),
            _row(
                org.tax_code,
                body.registration_number,
                hs_code="8539.52.90",
                qcvn="QCVN 19:2025/BKHCN",
                certificate_qcvn="QCVN 19:2025/BKHCN",
            ),
            _row(org.tax_code, body.registration_number, registered_on="31/02/2026"),
        ]
    )
    report, rejected = process_file(
        ImportLotImport(user=officer()), data, "lo-hang.xlsx", commit=True
    )
    cells = {(e.row, e.column) for e in report.errors}
    assert (3, "Số lượng") in cells
    assert (4, "Mã số thuế người nhập khẩu") in cells
    assert (4, "Số đăng ký tổ chức chứng nhận") in cells
    assert (5, "Mã HS") in cells
    assert (6, "Ngày đăng ký") in cells
    assert report.valid_rows == 1 and report.rejected_rows == 4
    assert rejected is not None
    assert not ImportRegistration.objects.exists()


def test_a_good_file_creates_numbered_registrations_with_regime_and_deadlines() -> None:
    org = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)
    body = ConformityBodyFactory()
    data = _xlsx(
        [
            _row(org.tax_code, body.registration_number),
            _row(
                org.tax_code,
                body.registration_number,
                registered_on="2026-03-11",
                certificate_issued_on="01/03/2026",
            ),
        ]
    )
    report, _rejected = process_file(
        ImportLotImport(user=officer()), data, "lo-hang.xlsx", commit=True
    )
    assert report.committed == 2, report.errors
    rows = ImportRegistration.objects.order_by("registered_on")
    assert [r.regime for r in rows] == ["group2", "risk_based"]
    assert all(r.number and r.goods_key and r.confirm_due for r in rows)


def test_the_upload_page_and_template_are_offered_to_an_officer() -> None:
    from django.urls import reverse

    from tdc.testing.fixtures import client_for

    client = client_for(officer())
    page = client.get(reverse("core:import_upload", args=["import-lots"]))
    assert page.status_code == 200
    assert "Số đăng ký tổ chức chứng nhận" in page.content.decode()
    template = client.get(reverse("core:import_template", args=["import-lots"]))
    assert template.status_code == 200 and template.content.startswith(b"PK")
