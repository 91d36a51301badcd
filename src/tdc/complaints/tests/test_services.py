"""Filing, encryption at rest, reveal with a reason, routing, deadlines, workflow, risk input."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from tdc.attachments.models import Attachment
from tdc.complaints import crypto
from tdc.complaints.checks import check_complaint_key
from tdc.complaints.choices import ComplaintStatus, HandlingLevel
from tdc.complaints.models import Complaint
from tdc.complaints.selectors import verified_complaints_for
from tdc.complaints.services import (
    complaint_handler_grant,
    complaint_reveal_reporter,
    complaint_rotate_keys,
    complaint_update,
)
from tdc.complaints.tests.conftest import png_bytes
from tdc.complaints.tests.factories import REPORTER, ComplaintFactory
from tdc.complaints.tracking import normalise_code
from tdc.core.calendar import add_working_days
from tdc.core.models import AuditAction, AuditEvent
from tdc.testing.factories import (
    COMMUNE_A,
    COMMUNE_A2,
    PROVINCE_A,
    PROVINCE_B,
    OrganisationFactory,
    make_user,
)

pytestmark = pytest.mark.django_db


def _raw_identity_column(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reporter_identity FROM complaints_complaint WHERE id = %s", [pk])
        return str(cursor.fetchone()[0])


def handler(province_id: str = PROVINCE_A) -> Any:
    user = make_user("provincial_officer", province_id=province_id)
    complaint_handler_grant(user=user, by=None)
    return type(user).objects.get(pk=user.pk)  # fresh permission cache


def test_it_stores_only_ciphertext_of_the_reporter(places: Any) -> None:
    complaint = ComplaintFactory()

    raw = _raw_identity_column(complaint.pk)
    assert raw
    for value in REPORTER.values():
        assert value not in raw
    assert "Tố Giác" not in raw and "0912345678" not in raw
    assert crypto.decrypt_identity(raw)["name"] == REPORTER["name"]


def test_it_stores_no_identity_for_an_anonymous_complaint(places: Any) -> None:
    complaint = ComplaintFactory(anonymous=True)

    assert complaint.anonymous is True
    assert _raw_identity_column(complaint.pk) == ""


def test_it_keeps_the_identity_and_client_address_out_of_the_audit_trail(places: Any) -> None:
    from tdc.core.context import client_ip_var

    token = client_ip_var.set("203.0.113.9")
    try:
        complaint = ComplaintFactory(photos=[SimpleUploadedFile("a.png", png_bytes())])
    finally:
        client_ip_var.reset(token)

    events = AuditEvent.objects.filter(object_id__in=[str(complaint.pk)])
    assert events.exists()
    dump = json.dumps([[e.before, e.after, e.details] for e in AuditEvent.objects.all()])
    assert REPORTER["name"] not in dump and REPORTER["phone"] not in dump
    assert "reporter_identity" not in dump
    assert not AuditEvent.objects.filter(ip_address="203.0.113.9").exists()


def test_it_reveals_only_to_a_complaint_handler_giving_a_reason(places: Any) -> None:
    complaint = ComplaintFactory()
    plain_officer = make_user("provincial_officer", province_id=PROVINCE_A)
    leader = make_user("provincial_leader", province_id=PROVINCE_A)
    with pytest.raises(PermissionDenied):
        complaint_reveal_reporter(complaint=complaint, by=plain_officer, reason="Need a witness")
    with pytest.raises(PermissionDenied):
        complaint_reveal_reporter(complaint=complaint, by=leader, reason="Need a witness")

    officer = handler()
    with pytest.raises(ValidationError) as excinfo:
        complaint_reveal_reporter(complaint=complaint, by=officer, reason="  ")
    assert "reason" in excinfo.value.message_dict
    assert not AuditEvent.objects.filter(action=AuditAction.REVEALED).exists()

    identity = complaint_reveal_reporter(
        complaint=complaint, by=officer, reason="Inspection 12/2026 needs the witness"
    )

    assert identity == REPORTER
    event = AuditEvent.objects.get(action=AuditAction.REVEALED)
    assert event.actor == officer
    assert event.object_id == str(complaint.pk)
    assert event.details["reason"] == "Inspection 12/2026 needs the witness"
    assert REPORTER["name"] not in json.dumps([event.before, event.after, event.details])


def test_it_refuses_a_reveal_outside_the_handlers_province(places: Any) -> None:
    complaint = ComplaintFactory()
    other = handler(PROVINCE_B)

    with pytest.raises(PermissionDenied):
        complaint_reveal_reporter(complaint=complaint, by=other, reason="Curious about it")


def test_it_grants_the_handler_capability_only_to_provincial_staff(places: Any) -> None:
    inspector = make_user("inspector", province_id=PROVINCE_A)
    with pytest.raises(ValidationError):
        complaint_handler_grant(user=inspector, by=None)

    officer = handler()

    assert officer.has_perm("complaints.reveal_reporter")
    assert AuditEvent.objects.filter(
        action=AuditAction.ROLE_CHANGED, object_id=str(officer.pk)
    ).exists()


def test_it_refuses_a_photo_that_is_not_an_image_and_stores_nothing(places: Any) -> None:
    program = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00" + b"\x00" * 200)

    with pytest.raises(ValidationError) as excinfo:
        ComplaintFactory(photos=[program])

    assert "photos" in excinfo.value.message_dict
    assert "anh.jpg" in excinfo.value.message_dict["photos"][0]
    assert not Complaint.objects.exists()
    assert not Attachment.objects.exists()


@override_settings(TDC_COMPLAINT_PHOTO_MAX_BYTES=100)
def test_it_refuses_an_oversized_photo(places: Any) -> None:
    big = SimpleUploadedFile("lon.png", png_bytes((64, 64)) + b"\x00" * 200)

    with pytest.raises(ValidationError) as excinfo:
        ComplaintFactory(photos=[big])

    assert "larger than" in excinfo.value.message_dict["photos"][0]
    assert not Complaint.objects.exists()


def test_it_attaches_photos_to_the_complaint(places: Any) -> None:
    complaint = ComplaintFactory(photos=[SimpleUploadedFile("can.png", png_bytes())])

    photo = Attachment.objects.get(object_id=str(complaint.pk))
    assert photo.media_type == "image/png"
    assert photo.province_code == PROVINCE_A


def test_it_routes_to_the_commune_only_when_it_has_commune_officers(places: Any) -> None:
    to_province = ComplaintFactory()
    make_user("commune_officer", commune_id=COMMUNE_A)
    to_commune = ComplaintFactory()
    no_commune = ComplaintFactory(commune_id=None)

    assert to_province.handling_level == HandlingLevel.PROVINCE
    assert to_commune.handling_level == HandlingLevel.COMMUNE
    assert no_commune.handling_level == HandlingLevel.PROVINCE


def test_it_sets_the_deadline_in_working_days_from_reference_data(places: Any) -> None:
    friday = dt.datetime(2026, 2, 13, 9, 0, tzinfo=timezone.get_current_timezone())

    complaint = ComplaintFactory(received_at=friday)

    assert complaint.deadline == add_working_days(dt.date(2026, 2, 13), 10)
    assert complaint.deadline > dt.date(2026, 2, 27)  # Tết days do not count
    assert complaint.deadline_basis.startswith("complaints.complainthandlingperiod@")


def test_it_matches_the_business_by_tax_code(places: Any) -> None:
    org = OrganisationFactory(province_id=PROVINCE_A, tax_code="0100109106")

    complaint = ComplaintFactory(business_tax_code="0100109106")

    assert complaint.organisation == org
    with pytest.raises(ValidationError) as excinfo:
        ComplaintFactory(business_tax_code="0100109107")
    assert "business_tax_code" in excinfo.value.message_dict


def test_it_gives_readable_unique_tracking_codes(places: Any) -> None:
    codes = {ComplaintFactory().tracking_code for _ in range(5)}

    assert len(codes) == 5
    for code in codes:
        assert normalise_code(code.lower().replace("-", " ")) == code


def test_it_follows_the_workflow_and_feeds_verified_complaints_to_the_risk_score(
    places: Any,
) -> None:
    org = OrganisationFactory(province_id=PROVINCE_A, tax_code="0100109106")
    complaint = ComplaintFactory(business_tax_code="0100109106")
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    since = timezone.now() - dt.timedelta(days=30)
    assert not verified_complaints_for(org, since).exists()

    with pytest.raises(ValidationError):
        complaint_update(complaint=complaint, by=officer, status=ComplaintStatus.RESOLVED)
    complaint = complaint_update(complaint=complaint, by=officer, status=ComplaintStatus.VERIFIED)
    assert complaint.verified_at is not None
    assert list(verified_complaints_for(org, since.date())) == [complaint]
    with pytest.raises(ValidationError) as excinfo:
        complaint_update(complaint=complaint, by=officer, status=ComplaintStatus.RESOLVED)
    assert "outcome" in excinfo.value.message_dict

    complaint = complaint_update(
        complaint=complaint,
        by=officer,
        status=ComplaintStatus.RESOLVED,
        outcome="The scale was sealed and the trader fined.",
        inspection_ref="KT-05/2026",
    )
    assert complaint.resolved_at is not None
    assert verified_complaints_for(org, since).count() == 1
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.STATUS_CHANGED,
            object_id=str(complaint.pk),
            content_type=ContentType.objects.get_for_model(complaint),
        ).count()
        == 2
    )


def test_it_refuses_handling_by_another_communes_officer(places: Any) -> None:
    complaint = ComplaintFactory()
    outsider = make_user("commune_officer", commune_id=COMMUNE_A2)

    with pytest.raises(PermissionDenied):
        complaint_update(complaint=complaint, by=outsider, status=ComplaintStatus.VERIFIED)


def test_it_rotates_to_a_new_key_keeping_identities_readable(places: Any) -> None:
    complaint = ComplaintFactory()
    old_key = crypto.configured_keys()[0]
    new_key = Fernet.generate_key().decode()

    with override_settings(TDC_COMPLAINT_KEYS=[new_key, old_key]):
        assert complaint_rotate_keys() == 1
    with override_settings(TDC_COMPLAINT_KEYS=[new_key]):
        raw = _raw_identity_column(complaint.pk)
        assert crypto.decrypt_identity(raw)["name"] == REPORTER["name"]


def test_it_fails_the_system_check_in_production_without_a_key() -> None:
    with override_settings(TDC_COMPLAINT_KEYS=[], DEBUG=False, TDC_HTTPS=True):
        assert [m.id for m in check_complaint_key()] == ["complaints.E001"]
    with override_settings(TDC_COMPLAINT_KEYS=[], DEBUG=False, TDC_HTTPS=False):
        assert [m.id for m in check_complaint_key()] == ["complaints.W001"]
    with override_settings(TDC_COMPLAINT_KEYS=["not-a-key"]):
        assert [m.id for m in check_complaint_key()] == ["complaints.E002"]
