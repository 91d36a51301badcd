"""Every write path of the core models leaves its audit event, in the same transaction."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from tdc.accounts import services as account_services
from tdc.core.audit import audit_bulk, snapshot
from tdc.core.context import request_id_var
from tdc.core.models import AuditAction, AuditEvent
from tdc.registry import services as org_services
from tdc.registry.choices import OrganisationKind
from tdc.testing.factories import (
    COMMUNE_A,
    COMMUNE_A2,
    PROVINCE_A,
    OrganisationFactory,
    make_user,
    valid_tax_code,
)
from tdc.testing.fixtures import api_client_for

pytestmark = pytest.mark.django_db


def events_for(obj: Any) -> list[AuditEvent]:
    ct = ContentType.objects.get_for_model(type(obj))
    return list(AuditEvent.objects.filter(content_type=ct, object_id=str(obj.pk)).order_by("id"))


def test_it_audits_organisation_create_with_actor_request_and_jurisdiction(
    places: dict[str, Any], officer_a: Any
) -> None:
    token = request_id_var.set("req-1234abcd")
    try:
        org = org_services.organisation_create(
            by=officer_a,
            kind=OrganisationKind.ENTERPRISE,
            name="Công ty Cổ phần Cân Điện tử",
            tax_code=valid_tax_code(),
            province=places["province_a"],
            commune=places["commune_a"],
        )
    finally:
        request_id_var.reset(token)
    (event,) = events_for(org)
    assert event.action == AuditAction.CREATED
    assert event.actor == officer_a
    assert event.request_id == "req-1234abcd"
    assert event.province_code == PROVINCE_A
    assert event.commune_code == COMMUNE_A
    assert event.organisation_id == org.pk
    assert event.after["name"] == "Công ty Cổ phần Cân Điện tử"


def test_it_audits_organisation_update_with_before_and_after(officer_a: Any) -> None:
    org = OrganisationFactory(name="Tên cũ")
    org_services.organisation_update(organisation=org, by=officer_a, name="Tên mới")
    (event,) = events_for(org)
    assert event.action == AuditAction.UPDATED
    assert event.before["name"] == "Tên cũ"
    assert event.after["name"] == "Tên mới"
    assert ("name", "Tên cũ", "Tên mới") in event.changes


def test_it_audits_organisation_archive_with_reason(officer_a: Any) -> None:
    org = OrganisationFactory()
    org_services.organisation_archive(organisation=org, by=officer_a, reason="Giải thể theo QĐ 12")
    (event,) = events_for(org)
    assert event.action == AuditAction.ARCHIVED
    assert event.details["reason"] == "Giải thể theo QĐ 12"


def test_it_audits_both_sides_of_a_merge(officer_a: Any) -> None:
    keep, duplicate = OrganisationFactory(), OrganisationFactory()
    org_services.organisation_merge(keep=keep, duplicate=duplicate, by=officer_a, reason="trùng")
    assert [e.action for e in events_for(keep)] == [AuditAction.MERGED]
    assert [e.action for e in events_for(duplicate)] == [AuditAction.MERGED]


def test_it_audits_every_user_write_path(admin_user: Any) -> None:
    user = account_services.user_create(
        by=admin_user,
        username="moi",
        role="provincial_officer",
        province_id=PROVINCE_A,
        password="Một-mật-khẩu-dài-2026",
    )
    account_services.user_update(user=user, by=admin_user, first_name="An")
    account_services.user_update(user=user, by=admin_user, role="provincial_leader")
    account_services.user_set_password(user=user, by=admin_user, password="Mật-khẩu-mới-2026!")
    account_services.api_token_issue(user=user, by=admin_user)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=False)
    account_services.totp_device_confirm(user=user, device=device)
    account_services.user_deactivate(user=user, by=admin_user, reason="nghỉ hưu")
    actions = [e.action for e in events_for(user)]
    assert actions == [
        AuditAction.CREATED,
        AuditAction.UPDATED,
        AuditAction.ROLE_CHANGED,
        AuditAction.PASSWORD_CHANGED,
        AuditAction.TOKEN_ISSUED,
        AuditAction.TWO_FACTOR_ENROLLED,
        AuditAction.ARCHIVED,
    ]
    # Secrets never reach the trail.
    for event in events_for(user):
        assert "password" not in (event.after or {})


def test_it_leaves_no_event_when_the_change_is_rolled_back(officer_a: Any) -> None:
    org = OrganisationFactory(name="Giữ nguyên")

    def change_then_fail() -> None:
        with transaction.atomic():
            org_services.organisation_update(organisation=org, by=officer_a, name="Đổi tên")
            raise RuntimeError("abort")

    with pytest.raises(RuntimeError):
        change_then_fail()
    org.refresh_from_db()
    assert org.name == "Giữ nguyên"
    assert events_for(org) == []


def test_it_bulk_creates_one_event_per_record(officer_a: Any) -> None:
    orgs = OrganisationFactory.create_batch(5)
    count = audit_bulk(actor=officer_a, objs=orgs, action=AuditAction.IMPORTED, batch_size=2)
    assert count == 5
    for org in orgs:
        (event,) = events_for(org)
        assert event.action == AuditAction.IMPORTED
        assert event.after == snapshot(org)


def test_it_scopes_the_audit_api_to_the_jurisdiction(officer_a: Any) -> None:
    inside = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A2)
    outside = OrganisationFactory(province_id="92", commune_id="31135")
    org_services.organisation_update(organisation=inside, by=officer_a, phone="1")
    org_services.organisation_update(organisation=outside, by=None, phone="2")
    response = api_client_for(officer_a).get("/api/v1/audit-events/")
    assert response.status_code == 200
    ids = {row["object_id"] for row in response.json()["results"]}
    assert str(inside.pk) in ids
    assert str(outside.pk) not in ids


def test_it_refuses_the_audit_api_to_business_users(org_a: Any) -> None:
    business = make_user("business_user", organisation=org_a, province_id=PROVINCE_A)
    response = api_client_for(business).get("/api/v1/audit-events/")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
