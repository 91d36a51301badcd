"""The demo province loads through the import framework and the services, idempotently."""

from __future__ import annotations

import pytest

from tdc.accounts.demo import DEMO_USERS, seed_demo
from tdc.accounts.models import User
from tdc.core.models import AuditAction, AuditEvent
from tdc.core.roles import Role
from tdc.registry.models import Organisation

pytestmark = pytest.mark.django_db


def test_it_seeds_one_account_per_role_and_the_demo_organisations_once() -> None:
    created = seed_demo()
    assert sorted(role for _, role, _ in created) == sorted(Role.values)
    assert {u for u, _, _ in created} == {u for u, _, _, _ in DEMO_USERS}
    orgs = Organisation.objects.filter(province_id="80")
    assert orgs.count() == 7
    # Imported through the framework: one "imported" audit event per organisation.
    imported = AuditEvent.objects.filter(
        action=AuditAction.IMPORTED, content_type__model="organisation"
    )
    assert imported.count() == 7
    # The household's legacy address was resolved to its new commune by the importer.
    household = orgs.get(kind="household")
    assert household.commune_id is not None
    assert "huyện Cần Giuộc" in household.legacy_address
    assert seed_demo() == []
    assert Organisation.objects.count() == 7
    assert User.objects.count() == len(DEMO_USERS)


def test_it_ties_organisation_roles_to_their_organisation() -> None:
    seed_demo()
    staff = User.objects.get(username="kiemdinh")
    assert staff.organisation is not None
    assert staff.organisation.kind == "verification_org"
