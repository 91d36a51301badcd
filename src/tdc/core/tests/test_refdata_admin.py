"""System administrators read and correct reference data on screen; nobody else may."""

from __future__ import annotations

from typing import Any

import pytest

from tdc.core.models import AuditAction, AuditEvent, StatutoryHoliday
from tdc.core.roles import Role
from tdc.testing.factories import PROVINCE_A, make_user
from tdc.testing.fixtures import client_for

pytestmark = pytest.mark.django_db
TABLE = "core.statutoryholiday"


def _row() -> StatutoryHoliday:
    return StatutoryHoliday.objects.order_by("pk").first()  # type: ignore[return-value]


def test_it_lists_every_reference_table_for_administrators(admin_user: Any) -> None:
    page = client_for(admin_user).get("/reference/").content.decode()
    assert TABLE in page
    assert "metrology.instrumenttype" in page
    table = client_for(admin_user).get(f"/reference/{TABLE}/").content.decode()
    assert _row().legal_basis[:20] in table


def test_it_corrects_a_row_with_a_reason_in_the_audit_trail(admin_user: Any) -> None:
    row = _row()
    client = client_for(admin_user)
    form = client.get(f"/reference/{TABLE}/{row.pk}/").context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(notes="Đã đối chiếu với văn bản gốc", reason="Bộ luật Lao động 2019, Điều 112")
    data["_version"] = str(row.version)
    response = client.post(f"/reference/{TABLE}/{row.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    row.refresh_from_db()
    assert row.notes == "Đã đối chiếu với văn bản gốc"
    event = AuditEvent.objects.filter(object_id=str(row.pk), action=AuditAction.UPDATED).get()
    assert event.details["reason"] == "Bộ luật Lao động 2019, Điều 112"


def test_it_refuses_a_correction_without_a_reason(admin_user: Any) -> None:
    row = _row()
    response = client_for(admin_user).post(f"/reference/{TABLE}/{row.pk}/", {"notes": "x"})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.SYSTEM_ADMIN])
def test_it_refuses_everyone_but_administrators(role: str, org_a: Any) -> None:
    fields: dict[str, Any] = {"province_id": PROVINCE_A}
    if role == Role.COMMUNE_OFFICER:
        fields = {"commune_id": "28165"}
    if role in {Role.BUSINESS_USER, Role.VERIFICATION_STAFF}:
        fields["organisation"] = org_a
    if role == Role.NATIONAL_USER:
        fields = {}
    client = client_for(make_user(role, **fields))
    assert client.get("/reference/").status_code == 403
    assert client.get(f"/reference/{TABLE}/").status_code == 403
    assert client.get(f"/reference/{TABLE}/{_row().pk}/").status_code == 403


def test_it_answers_404_for_an_unknown_table(admin_user: Any) -> None:
    assert client_for(admin_user).get("/reference/registry.organisation/").status_code == 404


def test_it_lists_every_unconfirmed_rule_in_force_with_its_use_and_source(
    admin_user: Any,
) -> None:
    from django.conf import settings

    from tdc.metrology.models import RuleSetting, VerificationLimit

    client = client_for(admin_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert 'data-testid="unconfirmed-link"' in client.get("/reference/").content.decode()
    page = client.get("/reference/unconfirmed/").content.decode()
    periodic = VerificationLimit.objects.get(
        scheme="nawi", type_code="", verification_kind="periodic"
    )
    assert 'data-testid="unconfirmed-metrology.verificationlimit"' in page
    assert f"/reference/metrology.verificationlimit/{periodic.pk}/" in page
    assert "verdicts of verifications" in page  # where it is used
    assert 'data-testid="unconfirmed-inspections.violationtype"' in page  # placeholder rows
    assert "removal unconfirmed" in page  # ECG, EEG, GNSS rows of the Group 2 list
    confirmed = RuleSetting.objects.get(key="nawi.in_service")  # reported, not listed
    assert f"/reference/metrology.rulesetting/{confirmed.pk}/" not in page
    periodic.confidence = "confirmed"
    periodic.save()
    page = client.get("/reference/unconfirmed/").content.decode()
    assert f"/reference/metrology.verificationlimit/{periodic.pk}/" not in page


def test_only_administrators_see_the_unconfirmed_rules(officer_a: Any) -> None:
    assert client_for(officer_a).get("/reference/unconfirmed/").status_code == 403
