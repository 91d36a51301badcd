"""Public complaint endpoints and the officers' complaints API."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from rest_framework.test import APIClient

from tdc.attachments.models import Attachment
from tdc.complaints.models import Complaint
from tdc.complaints.services import complaint_handler_grant
from tdc.complaints.tests.conftest import png_bytes
from tdc.complaints.tests.factories import REPORTER, file_complaint
from tdc.core.models import AuditAction, AuditEvent
from tdc.testing.factories import COMMUNE_A, COMMUNE_A2, PROVINCE_A, PROVINCE_B, make_user
from tdc.testing.fixtures import api_client_for

pytestmark = pytest.mark.django_db

PUBLIC = "/api/v1/public/complaints/"


def _payload(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "category": "prepackaged_quantity",
        "province": PROVINCE_A,
        "commune": COMMUNE_A,
        "business_name": "Cơ sở nước mắm Ba Lý",
        "description": "Chai ghi 500 mL nhưng chỉ có khoảng 450 mL.",
        "reporter_name": REPORTER["name"],
        "reporter_phone": REPORTER["phone"],
    }
    data.update(overrides)
    return data


def test_it_files_a_complaint_as_json(places: Any) -> None:
    response = APIClient().post(PUBLIC, _payload(), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    complaint = Complaint.objects.get(tracking_code=body["tracking_code"])
    assert body["status"] == "received"
    assert body["tracking_url"].endswith(f"/tra-cuu/phan-anh/{complaint.tracking_code}/")
    assert complaint.source == "api"


def test_it_files_a_complaint_with_photos_as_multipart(places: Any) -> None:
    photo = SimpleUploadedFile("chai.png", png_bytes(), content_type="image/png")

    response = APIClient().post(PUBLIC, {**_payload(), "photos": [photo]}, format="multipart")

    assert response.status_code == 201, response.json()
    complaint = Complaint.objects.get(tracking_code=response.json()["tracking_code"])
    assert Attachment.objects.filter(object_id=str(complaint.pk)).count() == 1


def test_it_refuses_a_non_image_photo_with_the_error_body(places: Any) -> None:
    fake = SimpleUploadedFile("chai.jpg", b"#!/bin/sh\nrm -rf /\n")

    response = APIClient().post(PUBLIC, {**_payload(), "photos": [fake]}, format="multipart")

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert "chai.jpg" in error["fields"]["photos"][0]
    assert not Complaint.objects.exists()


def test_it_refuses_a_wrong_tax_code(places: Any) -> None:
    response = APIClient().post(PUBLIC, _payload(business_tax_code="0100109107"), format="json")

    assert response.status_code == 400
    assert "business_tax_code" in response.json()["error"]["fields"]


@override_settings(TDC_COMPLAINT_RATE="3/hour")
def test_it_answers_a_flood_with_429_and_the_error_body(places: Any) -> None:
    client = APIClient()
    for _ in range(3):
        assert client.post(PUBLIC, _payload(), format="json").status_code == 201

    response = client.post(PUBLIC, _payload(), format="json")

    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled"
    assert "Retry-After" in response
    assert Complaint.objects.count() == 3


def test_it_stores_nothing_when_the_honeypot_is_filled(places: Any) -> None:
    response = APIClient().post(PUBLIC, _payload(website="buy now"), format="json")

    assert response.status_code == 201
    assert response.json()["tracking_code"].startswith("PA-")
    assert not Complaint.objects.exists()


def test_it_tracks_a_complaint_by_code_without_the_reporter(places: Any) -> None:
    complaint = file_complaint()

    response = APIClient().get(f"{PUBLIC}{complaint.tracking_code}/")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "received" and body["tracking_code"] == complaint.tracking_code
    text = response.content.decode()
    for value in REPORTER.values():
        assert value not in text
    assert "reporter" not in text and "business_name" not in text
    assert APIClient().get(f"{PUBLIC}PA-2222-2222/").status_code == 404


def test_it_lists_only_complaints_in_the_callers_jurisdiction(places: Any) -> None:
    here = file_complaint(commune_id=COMMUNE_A)
    next_door = file_complaint(commune_id=COMMUNE_A2)
    elsewhere = file_complaint(province_id=PROVINCE_B, commune_id=None)
    commune = api_client_for(make_user("commune_officer", commune_id=COMMUNE_A))
    province = api_client_for(make_user("provincial_officer", province_id=PROVINCE_A))

    seen_commune = {row["id"] for row in commune.get("/api/v1/complaints/").json()["results"]}
    seen_province = {row["id"] for row in province.get("/api/v1/complaints/").json()["results"]}

    assert seen_commune == {here.pk}
    assert seen_province == {here.pk, next_door.pk}
    assert elsewhere.pk not in seen_province
    assert commune.get(f"/api/v1/complaints/{next_door.pk}/").status_code == 404
    assert "reporter_identity" not in province.get(f"/api/v1/complaints/{here.pk}/").json()


def test_it_updates_the_status_through_the_api(places: Any) -> None:
    complaint = file_complaint()
    client = api_client_for(make_user("provincial_officer", province_id=PROVINCE_A))
    url = f"/api/v1/complaints/{complaint.pk}/"

    unversioned = client.patch(url, {"status": "verified"}, format="json")
    assert unversioned.status_code == 428
    wrong = client.patch(url, {"status": "closed", "version": complaint.version}, format="json")
    assert wrong.status_code == 400
    assert "status" in wrong.json()["error"]["fields"]

    response = client.patch(
        url, {"status": "verified", "version": complaint.version}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "verified"
    stale = client.patch(url, {"outcome": "x", "version": complaint.version}, format="json")
    assert stale.status_code == 409
    note = client.post(f"{url}notes/", {"text": "Sent an inspector"}, format="json")
    assert note.status_code == 201
    assert client.get(f"{url}notes/").json()[0]["text"] == "Sent an inspector"


def test_it_reveals_the_reporter_through_the_api_only_with_permission_and_reason(
    places: Any,
) -> None:
    complaint = file_complaint()
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    url = f"/api/v1/complaints/{complaint.pk}/reveal/"
    client = api_client_for(officer)
    assert client.get(url).json() == {"may_reveal": False, "has_reporter_identity": True}
    refused = client.post(url, {"reason": "Need a witness"}, format="json")
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "permission_denied"

    complaint_handler_grant(user=officer, by=None)
    assert client.post(url, {}, format="json").status_code == 400
    response = client.post(url, {"reason": "Witness for record KT-07"}, format="json")

    assert response.status_code == 200
    assert response.json()["name"] == REPORTER["name"]
    assert response["Cache-Control"] == "no-store"
    event = AuditEvent.objects.get(action=AuditAction.REVEALED)
    assert event.actor == officer and event.details["reason"] == "Witness for record KT-07"
