"""A draft quantity inspection opened by mistake is cancelled with a reason, never deleted."""

from __future__ import annotations

from typing import Any

import pytest

from tdc.core.models import AuditAction, AuditEvent
from tdc.prepackages.choices import InspectionStatus
from tdc.prepackages.models import QuantityInspection
from tdc.testing.factories import PROVINCE_B, make_user
from tdc.testing.fixtures import api_client_for, client_for
from tdc.testing.subjects import Jurisdiction, all_subjects

pytestmark = pytest.mark.django_db


def _draft(org: Any) -> QuantityInspection:
    insp = all_subjects()["prepackages.QuantityInspection"](Jurisdiction("80", "28165", org))
    assert isinstance(insp, QuantityInspection)
    return insp


def test_it_cancels_a_draft_on_screen_with_a_reason(officer_a: Any, org_a: Any) -> None:
    insp = _draft(org_a)
    client = client_for(officer_a)
    assert client.get(f"/prepackages/{insp.pk}/cancel/").status_code == 200
    refused = client.post(f"/prepackages/{insp.pk}/cancel/", {"reason": ""})
    assert refused.status_code == 200 and refused.context["form"].errors
    done = client.post(f"/prepackages/{insp.pk}/cancel/", {"reason": "Mở nhầm"})
    assert done.status_code == 302
    insp.refresh_from_db()
    assert insp.status == InspectionStatus.CANCELLED and insp.cancel_reason == "Mở nhầm"
    event = AuditEvent.objects.get(object_id=str(insp.pk), action=AuditAction.ARCHIVED)
    assert event.details["reason"] == "Mở nhầm"
    assert QuantityInspection.objects.filter(pk=insp.pk).exists()


def test_it_cancels_through_the_api(officer_a: Any, org_a: Any) -> None:
    insp = _draft(org_a)
    api = api_client_for(officer_a)
    bad = api.post(f"/api/v1/prepackages/inspections/{insp.pk}/cancel/", {}, format="json")
    assert bad.status_code == 400 and "reason" in bad.json()["error"]["fields"]
    ok = api.post(
        f"/api/v1/prepackages/inspections/{insp.pk}/cancel/",
        {"reason": "Lô không bày bán"},
        format="json",
    )
    assert ok.status_code == 200 and ok.json()["status"] == InspectionStatus.CANCELLED


def test_it_hides_another_provinces_draft(org_a: Any) -> None:
    insp = _draft(org_a)
    other = make_user("provincial_officer", province_id=PROVINCE_B)
    assert client_for(other).get(f"/prepackages/{insp.pk}/cancel/").status_code == 404
    api = api_client_for(other)
    response = api.post(
        f"/api/v1/prepackages/inspections/{insp.pk}/cancel/", {"reason": "x"}, format="json"
    )
    assert response.status_code == 404
