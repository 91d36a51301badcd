"""Sticker and stamp stock: ranges issued without overlap, consumption, voiding, stock report."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import override

from tdc.metrology import selectors, services
from tdc.metrology.models import StampBatch, StampUse
from tdc.metrology.tests.factories import Lab, LabFactory, VerificationFactory
from tdc.testing.fixtures import api_client_for, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Any:
    with override("en"):
        yield


@pytest.fixture
def lab() -> Lab:
    return LabFactory()


def _issue(lab: Lab, first: int, last: int, **extra: Any) -> StampBatch:
    return services.stamp_batch_issue(
        by=lab.officer,
        organisation=lab.organisation,
        kind=extra.pop("kind", "sticker"),
        prefix=extra.pop("prefix", "TN"),
        first_number=first,
        last_number=last,
        issued_on=dt.date(2026, 1, 5),
        **extra,
    )


def test_it_refuses_overlapping_ranges_naming_the_existing_batch(lab: Lab) -> None:
    with pytest.raises(ValidationError) as caught:
        _issue(lab, 400, 600)
    assert "TN0000001–TN0000500" in " ".join(caught.value.message_dict["first_number"])
    assert _issue(lab, 501, 600).size == 100
    assert _issue(lab, 1, 100, prefix="TX").prefix == "TX"  # another prefix is another series
    assert _issue(lab, 1, 100, kind="stamp").kind == "stamp"
    with pytest.raises(ValidationError):
        _issue(lab, 700, 650)


def test_it_voids_unused_serials_and_refuses_used_ones(lab: Lab) -> None:
    VerificationFactory(lab=lab)
    with pytest.raises(ValidationError) as caught:
        services.stamp_void(
            batch=lab.batch, by=lab.staff, first_number=1, last_number=3, reason="Rách"
        )
    assert "TN0000001" in " ".join(caught.value.message_dict["first_number"])
    voided = services.stamp_void(
        batch=lab.batch, by=lab.staff, first_number=2, last_number=4, reason="Rách khi dán"
    )
    assert [u.serial for u in voided] == ["TN0000002", "TN0000003", "TN0000004"]
    with pytest.raises(ValidationError) as caught:
        VerificationFactory(
            lab=lab,
            instrument__serial_number="CB-2",
            stamp_serial="TN0000003",
        )
    assert "voided" in " ".join(caught.value.message_dict["stamp_serial"])
    with pytest.raises(ValidationError):
        services.stamp_void(batch=lab.batch, by=lab.staff, first_number=5, reason=" ")


def test_it_refuses_a_second_use_of_a_serial_in_the_database(lab: Lab) -> None:
    verification = VerificationFactory(lab=lab)
    with pytest.raises(IntegrityError), transaction.atomic():
        StampUse.objects.create(
            organisation=lab.organisation,
            kind="sticker",
            serial="TN0000001",
            verification=verification,
            used_on=dt.date(2026, 5, 4),
        )


def test_it_reports_issued_used_voided_and_remaining(lab: Lab) -> None:
    for i in range(3):
        VerificationFactory(
            lab=lab,
            instrument__serial_number=f"R-{i}",
            stamp_serial=f"TN{i + 1:07d}",
        )
    services.stamp_void(
        batch=lab.batch, by=lab.staff, first_number=10, last_number=11, reason="Mất"
    )
    (total,) = selectors.stamp_stock_report(
        StampBatch.objects.filter(organisation=lab.organisation)
    )
    assert (total.issued, total.used, total.voided, total.remaining) == (500, 3, 2, 495)
    client = client_for(lab.officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("metrology:stamp_stock")).content.decode()
    assert "495" in page and lab.organisation.name in page
    detail = client.get(lab.batch.get_absolute_url()).content.decode()
    assert "TN0000010" in detail and "Mất" in detail


def test_it_issues_voids_and_reports_through_the_screens_and_the_api(lab: Lab) -> None:
    client = client_for(lab.officer)
    page = client.post(
        reverse("metrology:stamp_batch_create"),
        {
            "organisation": lab.organisation.pk,
            "kind": "stamp",
            "prefix": "dk",
            "first_number": 1,
            "last_number": 50,
            "number_width": 5,
            "issued_on": "2026-02-01",
        },
    )
    batch = StampBatch.objects.get(kind="stamp")
    assert page.status_code == 302 and batch.prefix == "DK"
    api = api_client_for(lab.staff)
    voided = api.post(
        f"/api/v1/metrology/stamp-batches/{batch.pk}/void/",
        {"first_number": 7, "reason": "Hỏng"},
        format="json",
    )
    assert voided.status_code == 200 and voided.json() == {
        "issued": 50,
        "used": 0,
        "voided": 1,
        "remaining": 49,
    }
    refused = api.post(
        "/api/v1/metrology/stamp-batches/",
        {
            "organisation": lab.organisation.pk,
            "kind": "stamp",
            "first_number": 1,
            "last_number": 5,
            "issued_on": "2026-02-01",
        },
        format="json",
    )
    assert refused.status_code == 403  # only the provincial authority issues stock
    overlap = api_client_for(lab.officer).post(
        "/api/v1/metrology/stamp-batches/",
        {
            "organisation": lab.organisation.pk,
            "kind": "stamp",
            "prefix": "DK",
            "first_number": 40,
            "last_number": 60,
            "number_width": 5,
            "issued_on": "2026-02-01",
        },
        format="json",
    )
    assert overlap.status_code == 400 and "first_number" in overlap.json()["error"]["fields"]
