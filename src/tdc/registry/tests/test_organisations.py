"""Organisations: validation, uniqueness, concurrency, merge, UI lists and exports, API."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from tdc.core.exceptions import ConcurrentEditError
from tdc.registry import services
from tdc.registry.choices import OrganisationKind, OrganisationStatus
from tdc.registry.models import Organisation
from tdc.testing.factories import (
    COMMUNE_A,
    COMMUNE_B,
    PROVINCE_A,
    PROVINCE_B,
    OrganisationFactory,
    make_user,
    valid_tax_code,
)
from tdc.testing.fixtures import api_client_for

if TYPE_CHECKING:
    from tdc.accounts.models import User

pytestmark = pytest.mark.django_db


def _create(by: User, places: dict[str, Any], **extra: Any) -> Organisation:
    fields = {
        "kind": OrganisationKind.ENTERPRISE,
        "name": "Công ty TNHH Đo lường Việt",
        "tax_code": valid_tax_code(),
        "province": places["province_a"],
        "commune": places["commune_a"],
    } | extra
    return services.organisation_create(by=by, **fields)


@pytest.mark.parametrize(
    ("tax_code", "code"),
    [
        ("12345", "tax_code_length"),
        ("0100233480", "tax_code_checksum"),
        ("01002334AB", "tax_code_format"),
    ],
)
def test_it_rejects_invalid_tax_codes_with_a_message(
    places: dict[str, Any], officer_a: Any, tax_code: str, code: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        _create(officer_a, places, tax_code=tax_code)
    assert exc.value.error_dict["tax_code"][0].code == code
    assert not Organisation.objects.exists()


def test_it_normalises_a_branch_tax_code(places: dict[str, Any], officer_a: Any) -> None:
    org = _create(officer_a, places, tax_code="0314409058 002")
    assert org.tax_code == "0314409058-002"


def test_it_names_the_existing_record_on_a_duplicate_tax_code(
    places: dict[str, Any], officer_a: Any
) -> None:
    first = _create(officer_a, places)
    with pytest.raises(ValidationError) as exc:
        _create(officer_a, places, tax_code=first.tax_code, name="Khác")
    message = exc.value.message_dict["tax_code"][0]
    assert first.name in message and str(first.pk) in message
    assert Organisation.objects.count() == 1


def test_it_refuses_a_commune_of_another_province(places: dict[str, Any], officer_a: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        _create(officer_a, places, commune=places["commune_b"])
    assert "commune" in exc.value.message_dict


def test_it_refuses_a_stale_edit(officer_a: Any) -> None:
    org = OrganisationFactory()
    services.organisation_update(organisation=org, by=officer_a, expected_version=1, phone="1")
    with pytest.raises(ConcurrentEditError):
        services.organisation_update(organisation=org, by=officer_a, expected_version=1, phone="2")
    org.refresh_from_db()
    assert org.phone == "1" and org.version == 2


def test_it_repoints_references_when_merging(officer_a: Any) -> None:
    keep, duplicate = OrganisationFactory(tax_code=None), OrganisationFactory()
    staff = make_user("business_user", organisation=duplicate, province_id=PROVINCE_A)
    code = duplicate.tax_code
    services.organisation_merge(keep=keep, duplicate=duplicate, by=officer_a, reason="trùng")
    staff.refresh_from_db()
    keep.refresh_from_db()
    duplicate.refresh_from_db()
    assert staff.organisation_id == keep.pk
    assert duplicate.merged_into_id == keep.pk
    assert duplicate.status == OrganisationStatus.DISSOLVED
    assert keep.tax_code == code


def test_it_searches_without_diacritics(officer_client: Any, officer_a: Any, places: Any) -> None:
    _create(officer_a, places, name="Công ty Xăng dầu Đồng Tháp")
    _create(officer_a, places, name="Hợp tác xã Rau sạch")
    response = officer_client.get("/organisations/", {"q": "xang dau dong"})
    body = response.content.decode()
    assert "Xăng dầu Đồng Tháp" in body
    assert "Rau sạch" not in body


def test_it_renders_only_the_results_for_htmx(officer_client: Any, org_a: Any) -> None:
    response = officer_client.get("/organisations/", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body
    assert 'id="result-count"' in body


def test_it_exports_the_filtered_list_as_csv_and_xlsx(officer_client: Any) -> None:
    OrganisationFactory(name="Alpha Việt", province_id=PROVINCE_A)
    OrganisationFactory(name="Beta Việt", province_id=PROVINCE_A)
    OrganisationFactory(name="Ngoài tỉnh", province_id=PROVINCE_B, commune_id=COMMUNE_B)
    response = officer_client.get("/organisations/", {"q": "viet", "_export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    names = sorted(r[0] for r in rows[1:])
    assert names == ["Alpha Việt", "Beta Việt"]

    response = officer_client.get("/organisations/", {"_export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(values) == ["Alpha Việt", "Beta Việt"]


def test_it_exports_large_lists_in_the_background(
    officer_client: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from tdc.core.models import JobProgress

    settings.TDC_SYNC_EXPORT_LIMIT = 2
    OrganisationFactory.create_batch(3, province_id=PROVINCE_A)
    OrganisationFactory(province_id=PROVINCE_B, commune_id=COMMUNE_B)
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.get("/organisations/", {"_export": "xlsx"})
    assert response.status_code == 302
    job = JobProgress.objects.get()
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert job.status == JobProgress.Status.SUCCEEDED
    assert (job.done, job.total, job.percent) == (3, 3, 100)
    sheet = openpyxl.load_workbook(job.result_file.open("rb")).active
    assert sheet.max_row == 4  # header + the three rows of the officer's province
    page = officer_client.get(response["Location"]).content.decode()
    assert "100%" in page and job.result_file.url in page


def test_it_validates_inline_without_saving(officer_client: Any, org_a: Any) -> None:
    response = officer_client.post(
        f"/organisations/{org_a.pk}/edit/",
        {
            "_validate": "1",
            "kind": org_a.kind,
            "name": "Tên mới",
            "tax_code": "123",
            "province": PROVINCE_A,
            "commune": COMMUNE_A,
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "10 digits" in response.content.decode() or "10 chữ số" in response.content.decode()
    org_a.refresh_from_db()
    assert org_a.name != "Tên mới"


def test_it_shows_a_conflict_instead_of_overwriting(
    officer_client: Any, org_a: Any, officer_a: Any
) -> None:
    services.organisation_update(organisation=org_a, by=officer_a, phone="0909")
    response = officer_client.post(
        f"/organisations/{org_a.pk}/edit/",
        {
            "_version": "1",
            "kind": org_a.kind,
            "name": "Ghi đè",
            "tax_code": org_a.tax_code,
            "province": PROVINCE_A,
            "commune": COMMUNE_A,
        },
    )
    assert response.status_code == 200
    assert "version 2" in response.content.decode() or "phiên bản 2" in response.content.decode()
    org_a.refresh_from_db()
    assert org_a.name != "Ghi đè"


def test_it_saves_an_edit_and_shows_it_in_the_timeline(officer_client: Any, org_a: Any) -> None:
    response = officer_client.post(
        f"/organisations/{org_a.pk}/edit/",
        {
            "_version": "1",
            "kind": org_a.kind,
            "name": "Tên đã sửa",
            "tax_code": org_a.tax_code,
            "province": PROVINCE_A,
            "commune": COMMUNE_A,
        },
    )
    assert response.status_code == 302
    detail = officer_client.get(response["Location"]).content.decode()
    assert "Tên đã sửa" in detail
    assert 'data-testid="timeline"' in detail and "name" in detail
    # The page the save leads to says so, once.
    assert 'class="alert alert-success"' in detail and "have been saved" in detail
    again = officer_client.get(response["Location"]).content.decode()
    assert "have been saved" not in again


def test_it_creates_through_the_api_and_filters(officer_a: Any) -> None:
    client = api_client_for(officer_a)
    payload = {
        "kind": "enterprise",
        "name": "Công ty API",
        "tax_code": valid_tax_code(),
        "province": PROVINCE_A,
        "commune": COMMUNE_A,
    }
    created = client.post("/api/v1/organisations/", payload, format="json")
    assert created.status_code == 201, created.content
    listed = client.get("/api/v1/organisations/", {"tax_code": payload["tax_code"]}).json()
    assert [row["name"] for row in listed["results"]] == ["Công ty API"]


def test_it_answers_api_errors_in_one_shape(officer_a: Any) -> None:
    client = api_client_for(officer_a)
    bad = client.post(
        "/api/v1/organisations/",
        {"kind": "enterprise", "name": "X", "tax_code": "999", "province": PROVINCE_A},
        format="json",
    )
    assert bad.status_code == 400
    error = bad.json()["error"]
    assert error["code"] == "invalid" and "tax_code" in error["fields"]


def test_it_answers_409_on_a_stale_api_edit(officer_a: Any, org_a: Any) -> None:
    client = api_client_for(officer_a)
    first = client.patch(
        f"/api/v1/organisations/{org_a.pk}/", {"phone": "1", "version": 1}, format="json"
    )
    assert first.status_code == 200
    stale = client.patch(
        f"/api/v1/organisations/{org_a.pk}/", {"phone": "2", "version": 1}, format="json"
    )
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "conflict"


def test_it_hides_other_provinces_from_the_api(officer_a: Any, org_b: Any) -> None:
    response = api_client_for(officer_a).get(f"/api/v1/organisations/{org_b.pk}/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_it_keeps_the_filter_when_exporting_in_the_background(
    officer_client: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from tdc.core.models import JobProgress

    settings.TDC_SYNC_EXPORT_LIMIT = 1
    OrganisationFactory(name="Xăng dầu Một", province_id=PROVINCE_A)
    OrganisationFactory(name="Xăng dầu Hai", province_id=PROVINCE_A)
    OrganisationFactory(name="Cấp nước Ba", province_id=PROVINCE_A)
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.get("/organisations/", {"q": "xang dau", "_export": "xlsx"})
    assert response.status_code == 302
    job = JobProgress.objects.get()
    assert job.status == JobProgress.Status.SUCCEEDED, job.message
    sheet = openpyxl.load_workbook(job.result_file.open("rb")).active
    names = sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True))
    assert names == ["Xăng dầu Hai", "Xăng dầu Một"]
