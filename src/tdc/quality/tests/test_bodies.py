"""The register of conformity bodies: entry, correction with the version the editor loaded,
suspension with a reason, reinstatement; and over the API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tdc.core.audit import timeline_for
from tdc.core.exceptions import ConcurrentEditError
from tdc.quality import services
from tdc.quality.tests.factories import ConformityBodyFactory, officer
from tdc.testing.factories import PROVINCE_A
from tdc.testing.fixtures import api_client_for

pytestmark = pytest.mark.django_db


def test_it_refuses_a_stale_correction() -> None:
    body = ConformityBodyFactory()
    services.body_update(body=body, by=officer(), expected_version=body.version, name="Mới")
    with pytest.raises(ConcurrentEditError):
        services.body_update(body=body, by=officer(), expected_version=body.version, name="Cũ")


def test_it_suspends_with_a_reason_and_reinstates() -> None:
    body = ConformityBodyFactory()
    with pytest.raises(ValidationError):
        services.body_suspend(
            body=body,
            by=officer(),
            suspended_from=dt.date(2026, 9, 1),
            suspended_until=None,
            reason="  ",
        )
    suspended = services.body_suspend(
        body=body,
        by=officer(),
        suspended_from=dt.date(2026, 9, 1),
        suspended_until=None,
        reason="Vi phạm",
    )
    assert suspended.suspension_reason == "Vi phạm"
    back = services.body_reinstate(body=suspended, by=officer(), on=dt.date(2026, 10, 1))
    assert back.suspended_until == dt.date(2026, 9, 30)
    assert [e.action for e in timeline_for(back)] == ["updated", "updated"]


def test_it_enters_a_body_over_the_api_in_the_officers_province() -> None:
    api = api_client_for(officer())
    response = api.post(
        "/api/v1/quality/bodies/",
        {
            "name": "Phòng thử nghiệm Hóa – Sinh",
            "kind": "laboratory",
            "status": "accredited",
            "registration_number": "VILAS 999",
            "scope_qcvn": ["QCVN 1:2022/BKHCN"],
            "valid_from": "2026-01-01",
            "valid_until": "2028-12-31",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    listed = api.get("/api/v1/quality/bodies/").json()["results"]
    assert [row["registration_number"] for row in listed] == ["VILAS 999"]
    from tdc.quality.models import ConformityBody

    assert ConformityBody.objects.get().province_id == PROVINCE_A
