"""An edit that changes nothing writes nothing: no audit event, no new version."""

from __future__ import annotations

from typing import Any

import pytest

from tdc.core.audit import audit_record, snapshot
from tdc.core.models import AuditAction, AuditEvent
from tdc.registry import services
from tdc.testing.factories import OrganisationFactory
from tdc.testing.fixtures import api_client_for

pytestmark = pytest.mark.django_db


def _events(obj: Any) -> int:
    return AuditEvent.objects.filter(object_id=str(obj.pk), action=AuditAction.UPDATED).count()


def test_it_records_no_event_for_an_update_that_changes_nothing(officer_a: Any) -> None:
    org = OrganisationFactory(name="Công ty Giữ nguyên")
    # A first save brings the derived search text in line with the service's own rule.
    org = services.organisation_update(organisation=org, by=officer_a, address="Ấp 2")
    version = org.version
    before_events = _events(org)
    same = services.organisation_update(organisation=org, by=officer_a, name="Công ty Giữ nguyên")
    assert same.version == version and _events(org) == before_events
    changed = services.organisation_update(organisation=org, by=officer_a, name="Công ty Mới")
    assert changed.version == version + 1 and _events(org) == before_events + 1


def test_it_records_no_event_for_a_put_of_the_same_values(officer_a: Any) -> None:
    client = api_client_for(officer_a)
    org = services.organisation_update(
        organisation=OrganisationFactory(), by=officer_a, address="Ấp 3"
    )
    events = _events(org)
    body = client.get(f"/api/v1/organisations/{org.pk}/").json()
    response = client.patch(
        f"/api/v1/organisations/{org.pk}/",
        {"name": body["name"], "version": body["version"]},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["version"] == body["version"] and _events(org) == events


def test_it_keeps_events_that_carry_details_or_changes() -> None:
    org = OrganisationFactory()
    state = snapshot(org)
    assert audit_record(actor=None, obj=org, before=state) is None
    assert audit_record(actor=None, obj=org, before=state, details={"attachment_added": 1})
    org.name = "Đổi tên"
    assert audit_record(actor=None, obj=org, before=state) is not None
