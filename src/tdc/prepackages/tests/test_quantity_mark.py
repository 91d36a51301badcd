"""Quantity mark (V): Group 1 declarations and Group 2 certificates, their deadlines from
reference data and the working-day calendar, the receipt PDF, reminders before expiry."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from tdc.core.models import AuditEvent
from tdc.notifications.models import Notification
from tdc.prepackages import services
from tdc.prepackages.choices import CertificationStatus, DeclarationStatus
from tdc.prepackages.models import MarkCertification
from tdc.prepackages.tests.factories import MarkCertificationFactory, MarkDeclarationFactory
from tdc.testing.factories import PROVINCE_A, make_user
from tdc.testing.fixtures import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer() -> Any:
    return make_user("provincial_officer", province_id=PROVINCE_A)


@pytest.fixture
def leader() -> Any:
    return make_user("provincial_leader", province_id=PROVINCE_A)


def test_it_numbers_receipts_consecutively(org_a: Any, officer: Any) -> None:
    first = MarkDeclarationFactory(declarant=org_a, by=officer, received_on=dt.date(2026, 3, 2))
    second = MarkDeclarationFactory(declarant=org_a, by=officer, received_on=dt.date(2026, 3, 3))
    assert first.receipt_number.split("/")[0] == "0001"
    assert second.receipt_number.split("/")[0] == "0002"


def test_it_counts_the_completion_time_from_the_notice(
    org_a: Any, officer: Any, leader: Any
) -> None:
    declaration = MarkDeclarationFactory(
        declarant=org_a, by=officer, received_on=dt.date(2026, 3, 2)
    )
    declaration = services.declaration_mark_incomplete(
        declaration=declaration,
        by=officer,
        missing_items="Quy trình kiểm soát",
        notice_on=dt.date(2026, 3, 4),
    )
    assert declaration.completion_due == dt.date(2026, 4, 3)  # 30 days
    declaration = services.declaration_complete(
        declaration=declaration, by=officer, completed_on=dt.date(2026, 3, 20)
    )
    assert declaration.stamp_due == dt.date(2026, 3, 27)  # 5 working days from completion
    declaration = services.declaration_accept(
        declaration=declaration, by=leader, accepted_on=dt.date(2026, 3, 25)
    )
    assert declaration.status == DeclarationStatus.ACCEPTED
    events = AuditEvent.objects.filter(
        object_id=str(declaration.pk),
        content_type=ContentType.objects.get_for_model(declaration),
        action="status_changed",
    )
    assert events.count() == 3


def test_it_replaces_a_declaration_by_its_redeclaration_and_cancels(
    org_a: Any, officer: Any, leader: Any
) -> None:
    old = MarkDeclarationFactory(declarant=org_a, by=officer, received_on=dt.date(2026, 3, 2))
    old = services.declaration_accept(declaration=old, by=leader, accepted_on=dt.date(2026, 3, 5))
    new = MarkDeclarationFactory(
        declarant=org_a,
        by=officer,
        products="Nước mắm 750 mL",
        received_on=dt.date(2026, 6, 1),
        supersedes=old,
    )
    services.declaration_accept(declaration=new, by=leader, accepted_on=dt.date(2026, 6, 3))
    old.refresh_from_db()
    assert old.status == DeclarationStatus.SUPERSEDED
    with pytest.raises(ValidationError):
        services.declaration_cancel(declaration=new, by=leader, reason="", on=dt.date(2026, 7, 1))
    new = services.declaration_cancel(
        declaration=new, by=leader, reason="Giải thể", on=dt.date(2026, 7, 1)
    )
    assert new.status == DeclarationStatus.CANCELLED


def test_it_prints_the_stamped_receipt(org_a: Any, officer: Any, leader: Any) -> None:
    declaration = MarkDeclarationFactory(
        declarant=org_a, by=officer, received_on=dt.date(2026, 3, 2)
    )
    services.declaration_accept(declaration=declaration, by=leader, accepted_on=dt.date(2026, 3, 4))
    response = client_for(officer).get(
        reverse("prepackages:declaration_receipt", args=[declaration.pk])
    )
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert declaration.receipt_number in text
    assert "Nước mắm 1 L" in text


def test_it_needs_two_assessors_in_the_team(org_a: Any, officer: Any) -> None:
    cert = MarkCertificationFactory(applicant=org_a, by=officer)
    cert = services.certification_accept_file(
        certification=cert, by=officer, completed_on=dt.date(2026, 3, 5)
    )
    with pytest.raises(ValidationError):
        services.certification_set_team(
            certification=cert, by=officer, assessors=[{"name": "A"}], set_on=dt.date(2026, 3, 6)
        )


def test_it_certifies_for_five_years(org_a: Any, officer: Any) -> None:
    cert = MarkCertificationFactory(applicant=org_a, by=officer, issued_on=dt.date(2026, 3, 16))
    assert cert.status == CertificationStatus.CERTIFIED
    assert cert.valid_until == dt.date(2031, 3, 15)
    assert cert.certificate_number.startswith("0001/2026/")


def test_it_suspends_for_at_most_six_months_and_revokes(
    org_a: Any, officer: Any, leader: Any
) -> None:
    cert = MarkCertificationFactory(applicant=org_a, by=officer, issued_on=dt.date(2026, 3, 16))
    with pytest.raises(ValidationError):
        services.certification_suspend(
            certification=cert,
            by=leader,
            reason="Vi phạm",
            on=dt.date(2026, 5, 1),
            until=dt.date(2026, 11, 2),
        )
    cert = services.certification_suspend(
        certification=cert,
        by=leader,
        reason="Vi phạm",
        on=dt.date(2026, 5, 1),
        until=dt.date(2026, 11, 1),
    )
    assert cert.status == CertificationStatus.SUSPENDED
    cert = services.certification_revoke(
        certification=cert, by=leader, reason="Không khắc phục", on=dt.date(2026, 9, 1)
    )
    assert cert.status == CertificationStatus.REVOKED


def test_it_reminds_three_months_before_expiry_once(org_a: Any, officer: Any) -> None:
    cert = MarkCertificationFactory(
        applicant=org_a, by=officer, issued_on=dt.date(2021, 9, 1)
    )  # ends 31/08/2026
    holder = make_user("business_user", organisation=org_a, province_id=PROVINCE_A)
    assert services.certification_send_reminders(today=dt.date(2026, 5, 30)) == 0
    call_command("prepackage_reminders", "--now", "--day", "2026-05-31", stdout=io.StringIO())
    cert.refresh_from_db()
    assert cert.reminder_sent_on == dt.date(2026, 5, 31)
    notified = Notification.objects.filter(event_type="prepackages.recertification_due")
    assert {n.recipient_id for n in notified} >= {holder.pk, officer.pk}
    assert cert.certificate_number in notified.first().title
    assert services.certification_send_reminders(today=dt.date(2026, 6, 1)) == 0
    services.certification_send_reminders(today=dt.date(2026, 9, 1))
    cert.refresh_from_db()
    assert cert.status == CertificationStatus.EXPIRED
    assert MarkCertification.objects.filter(status="certified").count() == 0


def test_it_offers_transitions_on_the_detail_page_by_role(
    org_a: Any, officer: Any, leader: Any
) -> None:
    declaration = MarkDeclarationFactory(
        declarant=org_a, by=officer, received_on=dt.date(2026, 3, 2)
    )
    officer_page = client_for(officer).get(declaration.get_absolute_url()).content.decode()
    assert 'value="incomplete"' in officer_page and 'value="accept"' not in officer_page
    client = client_for(leader)
    assert 'value="accept"' in client.get(declaration.get_absolute_url()).content.decode()
    url = reverse("prepackages:declaration_transition", args=[declaration.pk])
    response = client.post(url, {"action": "accept", "accept-on": "2026-03-04"})
    assert response.status_code == 302
    declaration.refresh_from_db()
    assert declaration.accepted_on == dt.date(2026, 3, 4)
