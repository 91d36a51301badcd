"""Public form, tracking pages, staff screens and scoping."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from tdc.attachments.models import Attachment
from tdc.complaints import crypto
from tdc.complaints.models import Complaint
from tdc.complaints.services import complaint_handler_grant, complaint_note_add
from tdc.complaints.tests.conftest import png_bytes
from tdc.complaints.tests.factories import REPORTER, ComplaintFactory
from tdc.core.models import AuditAction, AuditEvent
from tdc.testing.factories import (
    COMMUNE_A,
    COMMUNE_A2,
    PROVINCE_A,
    PROVINCE_B,
    make_user,
)
from tdc.testing.fixtures import client_for

pytestmark = pytest.mark.django_db

NEW = reverse("complaints_public:complaint_new")


def _form_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "category": "fuel_metrology",
        "province": PROVINCE_A,
        "commune": COMMUNE_A,
        "address": "Cây xăng số 3, Quốc lộ 50",
        "business_name": "Cửa hàng xăng dầu Phước Lý",
        "business_tax_code": "",
        "description": "Bơm 10 lít nhưng can chỉ có 9,6 lít.",
        "reporter_name": REPORTER["name"],
        "reporter_phone": REPORTER["phone"],
        "reporter_email": REPORTER["email"],
        "reporter_address": REPORTER["address"],
        "website": "",
    }
    data.update(overrides)
    return data


def test_it_files_a_complaint_without_an_account(client: Client, places: Any) -> None:
    page = client.get(NEW)
    assert page.status_code == 200
    assert 'name="website"' in page.content.decode()

    photo = SimpleUploadedFile("bom.png", png_bytes(), content_type="image/png")
    response = client.post(NEW, {**_form_data(), "photos": [photo]})

    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/phan-anh/da-gui/{complaint.tracking_code}/")
    shown = client.get(response["Location"]).content.decode()
    assert complaint.tracking_code in shown
    assert complaint.category == "fuel_metrology"
    assert Attachment.objects.filter(object_id=str(complaint.pk)).count() == 1
    assert REPORTER["name"] not in complaint.reporter_identity
    assert complaint.anonymous is False
    assert crypto.decrypt_identity(complaint.reporter_identity) == REPORTER


def test_it_keeps_no_contact_of_an_anonymous_reporter(client: Client, places: Any) -> None:
    response = client.post(NEW, _form_data(anonymous="on"))

    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert complaint.anonymous is True and complaint.reporter_identity == ""


def test_it_refuses_a_non_image_photo_keeping_what_was_typed(client: Client, places: Any) -> None:
    fake = SimpleUploadedFile("anh.png", b"%PDF-1.4 not a photo", content_type="image/png")

    response = client.post(NEW, {**_form_data(), "photos": [fake]})

    body = response.content.decode()
    assert response.status_code == 200
    assert "anh.png" in body and "JPEG, PNG or WebP" in body
    assert "Bơm 10 lít nhưng can chỉ có 9,6 lít." in body
    assert "Cửa hàng xăng dầu Phước Lý" in body
    assert not Complaint.objects.exists()


@override_settings(TDC_COMPLAINT_PHOTO_MAX_BYTES=200)
def test_it_refuses_an_oversized_photo_with_a_clear_message(client: Client, places: Any) -> None:
    big = SimpleUploadedFile("lon.png", png_bytes((80, 80)) + b"\x00" * 500)

    response = client.post(NEW, {**_form_data(), "photos": [big]})

    body = response.content.decode()
    assert "lon.png" in body and "larger than" in body
    assert not Complaint.objects.exists()


def test_it_answers_a_filled_honeypot_with_success_but_stores_nothing(
    client: Client, places: Any
) -> None:
    response = client.post(NEW, _form_data(website="http://spam.example"))

    assert response.status_code == 302
    assert "/phan-anh/da-gui/PA-" in response["Location"]
    assert not Complaint.objects.exists()


@override_settings(TDC_COMPLAINT_RATE="2/hour")
def test_it_answers_a_flood_from_one_address_with_429(client: Client, places: Any) -> None:
    for _ in range(2):
        assert client.post(NEW, _form_data()).status_code == 302

    response = client.post(NEW, _form_data())

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "minutes" in response.content.decode() or "phút" in response.content.decode()
    assert Complaint.objects.count() == 2
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert other.post(NEW, _form_data()).status_code == 302


def test_it_shows_status_and_outcome_on_the_tracking_page_but_never_the_reporter(
    client: Client, places: Any
) -> None:
    complaint = ComplaintFactory()
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    complaint_note_add(complaint=complaint, by=officer, text="Internal: the trader is a cousin")

    response = client.get(
        reverse("complaints_public:tracking_detail", args=[complaint.tracking_code])
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert complaint.tracking_code in body
    for value in REPORTER.values():
        assert value not in body
    assert "cousin" not in body
    assert "Quầy thịt Cô Ba" not in body  # nor the business named
    lookup = client.get(
        reverse("complaints_public:tracking_lookup"),
        {"code": complaint.tracking_code.lower().replace("-", " ")},
    )
    assert lookup.status_code == 302
    unknown = client.get(reverse("complaints_public:tracking_detail", args=["PA-2222-2222"]))
    assert unknown.status_code == 404


def test_it_hides_complaints_of_another_commune_from_a_commune_officer(places: Any) -> None:
    here = ComplaintFactory(commune_id=COMMUNE_A)
    there = ComplaintFactory(commune_id=COMMUNE_A2, business_name="Sạp cá Cần Giuộc")
    officer = client_for(make_user("commune_officer", commune_id=COMMUNE_A))

    listing = officer.get(reverse("complaints:complaint_list")).content.decode()

    assert here.tracking_code in listing
    assert there.tracking_code not in listing
    assert officer.get(reverse("complaints:complaint_detail", args=[there.pk])).status_code == 404
    assert officer.get(reverse("complaints:complaint_detail", args=[here.pk])).status_code == 200


def test_it_limits_provincial_staff_to_their_province(places: Any) -> None:
    ours = ComplaintFactory()
    theirs = ComplaintFactory(province_id=PROVINCE_B, commune_id=None)
    officer = client_for(make_user("provincial_officer", province_id=PROVINCE_A))
    business = client_for(make_user("business_user", province_id=PROVINCE_A))

    listing = officer.get(reverse("complaints:complaint_list")).content.decode()

    assert ours.tracking_code in listing and theirs.tracking_code not in listing
    assert business.get(reverse("complaints:complaint_list")).status_code == 403


def test_it_lists_complaints_in_a_fixed_number_of_queries(
    places: Any, django_assert_max_num_queries: Any
) -> None:
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    client = client_for(officer)
    assignee = make_user("provincial_officer", province_id=PROVINCE_A)
    for _ in range(3):
        complaint = ComplaintFactory()
        Complaint.objects.filter(pk=complaint.pk).update(assigned_to=assignee)
    client.get(reverse("complaints:complaint_list"))
    for _ in range(10):
        ComplaintFactory()

    with django_assert_max_num_queries(14):
        response = client.get(reverse("complaints:complaint_list"))

    assert response.status_code == 200


def test_it_reveals_the_reporter_on_screen_only_to_a_handler_with_a_reason(places: Any) -> None:
    complaint = ComplaintFactory()
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    url = reverse("complaints:complaint_reveal", args=[complaint.pk])
    plain = client_for(officer)
    assert REPORTER["name"] not in plain.get(url).content.decode()
    assert plain.post(url, {"reason": "Need to call back"}).status_code == 403

    complaint_handler_grant(user=officer, by=None)
    handler = client_for(type(officer).objects.get(pk=officer.pk))
    refused = handler.post(url, {"reason": ""})
    assert REPORTER["name"] not in refused.content.decode()

    response = handler.post(url, {"reason": "Need to call back for the exact time"})

    assert REPORTER["name"] in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    event = AuditEvent.objects.get(action=AuditAction.REVEALED)
    assert event.details == {"reason": "Need to call back for the exact time"}
    detail = handler.get(reverse("complaints:complaint_detail", args=[complaint.pk]))
    assert "Need to call back for the exact time" in detail.content.decode()  # in the timeline


def test_it_handles_a_complaint_through_the_edit_screen(places: Any) -> None:
    complaint = ComplaintFactory()
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    client = client_for(officer)
    url = reverse("complaints:complaint_edit", args=[complaint.pk])
    form = client.get(url)
    assert form.status_code == 200
    # Only the steps the workflow allows from "received" are offered.
    offered = [value for value, _label in form.context["form"].fields["status"].choices]
    assert offered == ["received", "verified", "rejected"]

    response = client.post(
        url,
        {
            "status": "verified",
            "handling_level": "province",
            "assigned_to": officer.pk,
            "outcome": "",
            "inspection_ref": "",
            "_version": complaint.version,
        },
    )

    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "verified" and complaint.assigned_to == officer
    note = client.post(
        reverse("complaints:complaint_note_add", args=[complaint.pk]), {"text": "Called the market"}
    )
    assert note.status_code == 302
    assert complaint.notes.get().text == "Called the market"


def test_it_shows_statistics_and_the_dashboard_card(places: Any) -> None:
    ComplaintFactory()
    ComplaintFactory(category="labels")
    client = client_for(make_user("provincial_leader", province_id=PROVINCE_A))

    stats = client.get(reverse("complaints:statistics"))
    card = client.get(reverse("complaints:dashboard_card"))
    dashboard = client.get(reverse("core:dashboard"))

    assert stats.status_code == 200
    assert "complaints-category-data" in stats.content.decode()
    assert 'data-testid="complaints-card"' in card.content.decode()
    assert reverse("complaints:dashboard_card") in dashboard.content.decode()
