"""Importing organisations from XLSX/CSV: validate every row, commit all or nothing, audit."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tdc.core.imports import load_report
from tdc.core.models import AuditAction, AuditEvent, JobProgress
from tdc.registry.imports import OrganisationImport
from tdc.registry.models import Organisation
from tdc.testing.factories import (
    COMMUNE_A,
    COMMUNE_B,
    PROVINCE_A,
    OrganisationFactory,
    make_user,
    valid_tax_code,
)
from tdc.testing.fixtures import client_for

pytestmark = pytest.mark.django_db

HEADERS = [c.header for c in OrganisationImport.columns]


def _xlsx(rows: list[list[Any]], headers: list[str] = HEADERS) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("to-chuc.xlsx", buffer.getvalue())


def _row(**values: Any) -> list[Any]:
    data = {
        "kind": "Doanh nghiệp",
        "name": "Công ty TNHH Ánh Dương",
        "short_name": "",
        "english_name": "",
        "tax_code": valid_tax_code(),
        "province": PROVINCE_A,
        "commune": COMMUNE_A,
        "address": "Ấp 1",
        "legacy_address": "",
        "legal_representative": "Nguyễn Văn An",
        "phone": "0272 3812 345",
        "email": "lienhe@anhduong.vn",
    }
    data.update(values)
    return [data[c.key] for c in OrganisationImport.columns]


def _import_events() -> Any:
    return AuditEvent.objects.filter(
        action=AuditAction.IMPORTED, content_type=ContentType.objects.get_for_model(Organisation)
    )


def _upload(client: Any, upload: SimpleUploadedFile) -> JobProgress:
    response = client.post(reverse("registry:organisation_import"), {"file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    return JobProgress.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[-1])


def test_it_reports_every_error_with_row_and_column_and_writes_nothing(officer_a: Any) -> None:
    existing = OrganisationFactory()
    duplicate = valid_tax_code()
    upload = _xlsx(
        [
            _row(name="Công ty Tốt"),
            _row(tax_code="0312345678"),  # wrong check digit
            _row(kind="Nhà máy", commune="99999"),  # unknown kind and commune
            _row(tax_code=duplicate),
            _row(tax_code=duplicate),  # again in the same file
            _row(tax_code=existing.tax_code, name=""),  # in the register already, no name
            _row(email="not-an-email", province="92", commune=""),  # other province
        ]
    )
    client = client_for(officer_a)
    before = Organisation.objects.count()

    job = _upload(client, upload)

    report = load_report(job)
    errors = {(e.row, e.column) for e in report.errors}
    assert report.total_rows == 7 and report.valid_rows == 2 and report.rejected_rows == 5
    assert {
        (3, "Mã số thuế"),
        (4, "Loại hình"),
        (4, "Mã xã"),
        (6, "Mã số thuế"),
        (7, "Mã số thuế"),
        (7, "Tên đầy đủ"),
        (8, "Thư điện tử"),
        (8, "Mã tỉnh"),
    } <= errors
    by_cell = {(e.row, e.column): e.message for e in report.errors}
    assert "row 5" in by_cell[(6, "Mã số thuế")]
    assert f"no. {existing.pk}" in by_cell[(7, "Mã số thuế")]
    page = client.get(reverse("core:import_report", args=[job.pk])).content.decode()
    assert "check digit" in page and "import-confirm" not in page
    # Confirming anyway writes nothing.
    client.post(reverse("core:import_report", args=[job.pk]))
    assert Organisation.objects.count() == before
    assert not _import_events().exists()


def test_it_commits_a_good_file_with_one_audit_event_per_row(officer_a: Any) -> None:
    rows = [_row(name=f"Hợp tác xã Số {n}") for n in range(3)]
    rows.append(_row(name="Hộ kinh doanh Bà Tư", kind="Hộ kinh doanh", tax_code="", commune=""))
    client = client_for(officer_a)

    job = _upload(client, _xlsx(rows))
    assert load_report(job).ok
    assert (
        "import-confirm"
        in client.get(reverse("core:import_report", args=[job.pk])).content.decode()
    )
    response = client.post(reverse("core:import_report", args=[job.pk]))

    assert response.status_code == 302
    created = Organisation.objects.filter(created_by=officer_a)
    assert created.count() == 4
    household = created.get(name="Hộ kinh doanh Bà Tư")
    assert household.tax_code is None and household.province_id == PROVINCE_A
    assert created.get(name="Hợp tác xã Số 0").search_text.startswith("hop tac xa so 0")
    events = _import_events()
    assert events.count() == 4
    assert {e.object_id for e in events} == {str(pk) for pk in created.values_list("pk", flat=True)}
    assert all(e.actor_id == officer_a.pk and e.province_code == PROVINCE_A for e in events)
    report = load_report(JobProgress.objects.get(pk=job.pk))
    assert report.stage == "committed" and report.committed == 4
    # A second confirmation does not import the file twice.
    client.post(reverse("core:import_report", args=[job.pk]))
    assert created.count() == 4


def test_it_returns_the_rejected_rows_with_an_error_column(officer_a: Any) -> None:
    client = client_for(officer_a)
    job = _upload(client, _xlsx([_row(), _row(name="Sai mã", tax_code="123")]))

    response = client.get(reverse("core:import_rejected", args=[job.pk]))

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    lines = list(sheet.iter_rows(values_only=True))
    assert lines[0][0] == "Row" and lines[0][1:-1] == tuple(HEADERS) and lines[0][-1] == "Errors"
    assert len(lines) == 2
    assert lines[1][0] == 3 and lines[1][2] == "Sai mã"
    assert "Mã số thuế" in lines[1][-1] and "10 digits" in lines[1][-1]


def test_it_runs_large_files_in_the_background(
    officer_a: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TDC_IMPORT_BACKGROUND_ROWS = 3
    client = client_for(officer_a)
    rows = [_row(name=f"Công ty Số {n}") for n in range(5)]

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = _upload(client, _xlsx(rows))
    assert len(callbacks) == 1  # validation was queued, not run in the request
    job.refresh_from_db()
    assert job.status == JobProgress.Status.SUCCEEDED and job.total == 5
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(reverse("core:import_report", args=[job.pk]))

    assert len(callbacks) == 1
    assert Organisation.objects.filter(name__startswith="Công ty Số").count() == 5
    page = client.get(reverse("core:job_detail", args=[job.pk])).content.decode()
    assert "5 records imported" in page


def test_it_shows_progress_while_a_background_import_waits(officer_a: Any, settings: Any) -> None:
    settings.TDC_IMPORT_BACKGROUND_ROWS = 1
    client = client_for(officer_a)

    job = _upload(client, _xlsx([_row(), _row()]))  # the task is queued, not yet run

    page = client.get(reverse("core:import_report", args=[job.pk])).content.decode()
    assert 'http-equiv="refresh"' in page and "job-status" in page
    assert not Organisation.objects.filter(created_by=officer_a).exists()


def test_it_offers_a_template_that_imports_as_is(officer_a: Any) -> None:
    client = client_for(officer_a)
    response = client.get(reverse("core:import_template", args=["organisations"]))

    workbook = load_workbook(io.BytesIO(response.content))
    data, guide = workbook.worksheets
    assert [cell.value for cell in data[1]] == HEADERS
    assert [row[0] for row in guide.iter_rows(min_row=2, values_only=True)] == HEADERS
    data.append(_row(name="Từ mẫu"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = _upload(client, SimpleUploadedFile("mau.xlsx", buffer.getvalue()))
    assert load_report(job).ok


def test_it_reads_csv_with_english_headers_and_numeric_tax_codes(officer_a: Any) -> None:
    tax_code = valid_tax_code("01")
    content = (
        "Kind;Full name;Tax code;Province code;Commune code\n"
        f"enterprise;Công ty Bình Minh;{int(tax_code)};80;28165\n"
    ).encode()

    assert tax_code.startswith("0") and not str(int(tax_code)).startswith("0")
    client = client_for(officer_a)
    job = _upload(client, SimpleUploadedFile("orgs.csv", content))
    assert load_report(job).ok, load_report(job).errors
    client.post(reverse("core:import_report", args=[job.pk]))

    # The leading zero the number cell lost is back in the register.
    assert Organisation.objects.get(name="Công ty Bình Minh").tax_code == tax_code


def test_it_fills_the_commune_from_the_old_address(officer_a: Any) -> None:
    client = client_for(officer_a)
    legacy = "Ấp Long Thạnh, xã Phước Lý, huyện Cần Giuộc, tỉnh Long An"
    job = _upload(
        client, _xlsx([_row(name="Cơ sở Phước Lý", province="", commune="", legacy_address=legacy)])
    )
    client.post(reverse("core:import_report", args=[job.pk]))

    org = Organisation.objects.get(name="Cơ sở Phước Lý")
    assert (org.province_id, org.commune_id) == (PROVINCE_A, COMMUNE_A)
    assert org.legacy_address == legacy


def test_it_refuses_a_file_without_the_required_columns(officer_a: Any) -> None:
    job = _upload(client_for(officer_a), _xlsx([["x"]], headers=["Ghi chú"]))

    report = load_report(job)
    assert report.file_errors and "Loại hình" in report.file_errors[0]
    assert report.ignored == ["Ghi chú"]


def test_it_keeps_commune_officers_to_their_commune() -> None:
    officer = make_user("commune_officer", commune_id=COMMUNE_A)
    job = _upload(client_for(officer), _xlsx([_row(), _row(commune="28159")]))

    report = load_report(job)
    assert [(e.row, e.column) for e in report.errors] == [(3, "Mã xã")]


def test_it_turns_away_users_who_may_not_create_organisations(org_a: Any) -> None:
    user = make_user("business_user", organisation=org_a, province_id=PROVINCE_A)
    client = client_for(user)

    assert client.get(reverse("registry:organisation_import")).status_code == 403
    assert client.get(reverse("core:import_template", args=["organisations"])).status_code == 403


def test_it_shows_the_import_button_on_the_organisation_list(officer_a: Any) -> None:
    body = client_for(officer_a).get(reverse("registry:organisation_list")).content.decode()

    assert reverse("registry:organisation_import") in body


def test_it_hides_other_users_import_runs(officer_a: Any) -> None:
    job = _upload(client_for(officer_a), _xlsx([_row(commune=COMMUNE_B, province="")]))
    other = client_for(make_user("provincial_officer", province_id=PROVINCE_A))

    assert other.get(reverse("core:import_report", args=[job.pk])).status_code == 404
    assert other.get(reverse("core:import_rejected", args=[job.pk])).status_code == 404
