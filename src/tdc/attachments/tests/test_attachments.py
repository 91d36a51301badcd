"""Attachments: upload with checksum, size and content checks, scoped download, soft removal."""

from __future__ import annotations

import hashlib
import io
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from tdc.attachments.models import Attachment
from tdc.attachments.services import attachment_add
from tdc.core.models import AuditAction, AuditEvent
from tdc.testing.factories import PROVINCE_A, PROVINCE_B, make_user
from tdc.testing.fixtures import api_client_for, client_for

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200 + b"This program"
)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _upload(client: Any, org: Any, name: str, content: bytes, **extra: Any) -> Any:
    return client.post(
        reverse("api:attachment-list"),
        {
            "record_type": "registry.organisation",
            "record_id": str(org.pk),
            "file": SimpleUploadedFile(name, content),
            **extra,
        },
        format="multipart",
    )


def _events(obj: Any) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
        ).order_by("id")
    )


def _xlsx() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Mã số thuế", "Tên"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.django_db
def test_it_stores_an_upload_with_its_sha256_and_audits_it_on_the_parent(
    officer_a: Any, org_a: Any
) -> None:
    response = _upload(api_client_for(officer_a), org_a, "quyet-dinh.pdf", PDF, description="QĐ")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert body["size"] == len(PDF)
    assert body["content_type"] == "application/pdf"
    assert body["original_name"] == "quyet-dinh.pdf"
    assert body["uploaded_by"] == officer_a.username
    attachment = Attachment.objects.get(pk=body["id"])
    with attachment.file.open("rb") as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == attachment.sha256
    assert "quyet-dinh" not in attachment.file.name  # storage names reveal nothing
    assert attachment.province_code == PROVINCE_A
    assert [e.action for e in _events(attachment)] == [AuditAction.CREATED]
    parent_event = _events(org_a)[-1]
    assert parent_event.details["attachment_added"]["sha256"] == attachment.sha256


@pytest.mark.django_db
def test_it_accepts_a_spreadsheet_recognised_from_its_content(officer_a: Any, org_a: Any) -> None:
    response = _upload(api_client_for(officer_a), org_a, "danh-sach.xlsx", _xlsx())

    assert response.status_code == 201, response.content
    assert response.json()["content_type"].endswith("spreadsheetml.sheet")


@pytest.mark.django_db
def test_it_refuses_a_file_over_the_size_limit(officer_a: Any, org_a: Any, settings: Any) -> None:
    settings.TDC_ATTACHMENT_MAX_BYTES = 32

    response = _upload(api_client_for(officer_a), org_a, "big.pdf", PDF)

    assert response.status_code == 400
    message = response.json()["error"]["fields"]["file"][0]
    assert "larger than the 32" in message
    assert "compress or split" in message
    assert not Attachment.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_renamed_executable_by_its_content(officer_a: Any, org_a: Any) -> None:
    response = _upload(api_client_for(officer_a), org_a, "bien-ban.pdf", EXE)

    assert response.status_code == 400
    message = response.json()["error"]["fields"]["file"][0]
    assert "Windows program" in message
    assert "Upload the original document" in message
    assert not Attachment.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_type_not_on_the_list(officer_a: Any, org_a: Any) -> None:
    response = _upload(api_client_for(officer_a), org_a, "setup.exe", EXE)

    assert response.status_code == 400
    assert "“.exe” are not accepted" in response.json()["error"]["fields"]["file"][0]


@pytest.mark.django_db
def test_it_refuses_a_zip_renamed_as_a_spreadsheet(officer_a: Any, org_a: Any) -> None:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.bin", b"\x00" * 10)

    response = _upload(api_client_for(officer_a), org_a, "bao-cao.xlsx", buffer.getvalue())

    assert response.status_code == 400
    assert "ZIP archive" in response.json()["error"]["fields"]["file"][0]


@pytest.mark.django_db
def test_it_answers_404_to_a_download_outside_the_users_scope(officer_a: Any, org_a: Any) -> None:
    attachment = attachment_add(
        parent=org_a, by=officer_a, uploaded_file=SimpleUploadedFile("a.pdf", PDF)
    )
    outsider = make_user("provincial_officer", province_id=PROVINCE_B)

    url = reverse("api:attachment-download", args=[attachment.pk])
    assert api_client_for(outsider).get(url).status_code == 404
    ui_url = reverse("attachments:attachment_download", args=[attachment.pk])
    assert client_for(outsider).get(ui_url).status_code == 404
    listing = api_client_for(outsider).get(
        reverse("api:attachment-list"),
        {"record_type": "registry.organisation", "record_id": org_a.pk},
    )
    assert listing.status_code == 404

    inside = client_for(make_user("provincial_leader", province_id=PROVINCE_A)).get(ui_url)
    assert inside.status_code == 200
    assert b"".join(inside.streaming_content) == PDF
    assert 'filename="a.pdf"' in inside["Content-Disposition"]


@pytest.mark.django_db
def test_it_refuses_uploads_from_users_who_may_only_view_the_record(org_a: Any) -> None:
    inspector = make_user("inspector", province_id=PROVINCE_A)

    response = _upload(api_client_for(inspector), org_a, "a.pdf", PDF)

    assert response.status_code == 403
    assert not Attachment.objects.exists()


@pytest.mark.django_db
def test_it_removes_softly_keeping_the_file_and_auditing_both_records(
    officer_a: Any, org_a: Any
) -> None:
    attachment = attachment_add(
        parent=org_a, by=officer_a, uploaded_file=SimpleUploadedFile("a.pdf", PDF)
    )
    client = api_client_for(officer_a)
    url = reverse("api:attachment-detail", args=[attachment.pk])

    refused = client.delete(url)
    assert refused.status_code == 400
    assert "reason" in refused.json()["error"]["fields"]

    response = client.delete(url, {"reason": "Tải nhầm tệp"}, format="json")

    assert response.status_code == 200, response.content
    attachment.refresh_from_db()
    assert attachment.removed_at is not None
    assert attachment.removed_by == officer_a
    assert attachment.file.storage.exists(attachment.file.name)
    archived = _events(attachment)[-1]
    assert archived.action == AuditAction.ARCHIVED
    assert archived.details["reason"] == "Tải nhầm tệp"
    assert _events(org_a)[-1].details["attachment_removed"]["reason"] == "Tải nhầm tệp"
    listing = client.get(
        reverse("api:attachment-list"),
        {"record_type": "registry.organisation", "record_id": org_a.pk},
    )
    assert listing.json()["results"] == []
    with_removed = client.get(
        reverse("api:attachment-list"),
        {"record_type": "registry.organisation", "record_id": org_a.pk, "include_removed": "1"},
    )
    assert [row["id"] for row in with_removed.json()["results"]] == [attachment.pk]


@pytest.mark.django_db
def test_it_uploads_and_lists_through_the_panel_on_the_organisation_page(
    officer_a: Any, org_a: Any
) -> None:
    client = client_for(officer_a)
    detail = client.get(reverse("registry:organisation_detail", args=[org_a.pk]))
    assert b'id="attachments-panel"' in detail.content
    assert b"record_type=registry.organisation" in detail.content

    response = client.post(
        reverse("attachments:attachment_list"),
        {
            "record_type": "registry.organisation",
            "record_id": org_a.pk,
            "file": SimpleUploadedFile("anh-hien-truong.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
            "description": "Ảnh hiện trường",
        },
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert "anh-hien-truong.png" in body
    assert "Ảnh hiện trường" in body
    refused = client.post(
        reverse("attachments:attachment_list"),
        {
            "record_type": "registry.organisation",
            "record_id": org_a.pk,
            "file": SimpleUploadedFile("virus.pdf", EXE),
        },
        HTTP_HX_REQUEST="true",
    )
    assert "Windows program" in refused.content.decode()
    assert Attachment.objects.count() == 1


@pytest.mark.django_db
def test_it_removes_through_the_panel_with_a_reason(officer_a: Any, org_a: Any) -> None:
    attachment = attachment_add(
        parent=org_a, by=officer_a, uploaded_file=SimpleUploadedFile("a.pdf", PDF)
    )
    client = client_for(officer_a)
    url = reverse("attachments:attachment_remove", args=[attachment.pk])

    assert "Reason for removal" in client.get(url).content.decode()
    response = client.post(url, {"reason": "Bản trùng"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert "No files are attached" in response.content.decode()
    assert Attachment.objects.get(pk=attachment.pk).removal_reason == "Bản trùng"
