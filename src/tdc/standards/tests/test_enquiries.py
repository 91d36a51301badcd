"""The TBT enquiry point: the answer is due after the working days of the reference row in force
on receipt (weekends and holidays skipped); a business files its own question; an officer
answers once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tdc.core.calendar import add_working_days
from tdc.standards.models import Enquiry, EnquiryTimeLimit
from tdc.standards.services import enquiry_answer, enquiry_deadline, enquiry_receive
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory, make_user
from tdc.testing.fixtures import client_for

pytestmark = pytest.mark.django_db


def test_it_counts_the_answer_deadline_in_working_days_from_the_reference_row() -> None:
    friday = dt.date(2026, 11, 6)
    due, rule = enquiry_deadline(friday)
    assert due == dt.date(2026, 11, 13)  # 5 working days: Mon 9 … Fri 13
    assert rule.startswith("standards.enquirytimelimit@") or "enquiry" in rule.lower()
    row = EnquiryTimeLimit.objects.get(step="enquiry_answer")
    assert row.confidence == "unconfirmed"
    row.working_days = 3
    row.save()
    assert enquiry_deadline(friday)[0] == add_working_days(friday, 3)


def test_a_business_files_its_question_and_an_officer_answers_it(officer_a: Any) -> None:
    org = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)
    business = make_user("business_user", organisation=org, province_id=PROVINCE_A)
    response = client_for(business).post(
        reverse("standards:enquiry_create"),
        {
            "asker": "Trần Thị Bình",
            "question": "EU có yêu cầu mới về an toàn đồ chơi không?",
            "received_on": "2026-11-06",
            "publish": "on",
        },
    )
    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.organisation == org and enquiry.answer_due == dt.date(2026, 11, 13)
    assert (
        client_for(business)
        .post(reverse("standards:enquiry_answer", args=[enquiry.pk]))
        .status_code
        == 404
    )
    answered = client_for(officer_a).post(
        reverse("standards:enquiry_answer", args=[enquiry.pk]),
        {"answer": "Xem thông báo G/TBT/N/EU/1100.", "answered_on": "2026-11-10"},
    )
    assert answered.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.answered_on == dt.date(2026, 11, 10)
    with pytest.raises(ValidationError):
        enquiry_answer(
            enquiry=enquiry, by=officer_a, answer="again", answered_on=dt.date(2026, 11, 11)
        )


def test_it_refuses_an_empty_question(officer_a: Any) -> None:
    with pytest.raises(ValidationError):
        enquiry_receive(
            by=officer_a,
            province=officer_a.province,
            asker="x",
            question="  ",
            received_on=dt.date(2026, 11, 6),
        )
    assert not Enquiry.objects.exists()
