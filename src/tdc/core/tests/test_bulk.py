"""bulk_insert stores exactly what bulk_create would, and sets the primary keys."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F

from tdc.core.bulk import bulk_insert
from tdc.core.models import AuditAction, AuditEvent
from tdc.registry.choices import OrganisationKind, OrganisationStatus
from tdc.registry.models import Organisation
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, valid_tax_code

pytestmark = pytest.mark.django_db

_COMPARED = (
    "kind",
    "name",
    "short_name",
    "tax_code",
    "province_id",
    "commune_id",
    "address",
    "email",
    "status",
    "created_by_id",
    "version",
)


def _organisations(prefix: str, user: Any) -> list[Organisation]:
    return [
        Organisation(
            kind=OrganisationKind.ENTERPRISE if i % 2 else "household",
            name=f"{prefix} Công ty Đông Á {i}",
            short_name="" if i % 2 else "Đông Á",
            tax_code=valid_tax_code() if i % 3 else None,
            province_id=PROVINCE_A,
            commune_id=COMMUNE_A if i % 2 else None,
            address=f"{i} đường số 7",
            email="a@example.vn" if i == 1 else "",
            created_by_id=user.pk,
            search_text=f"{prefix.lower()} cong ty dong a {i}",
        )
        for i in range(7)
    ]


def _stored(prefix: str) -> list[dict[str, Any]]:
    rows = Organisation.objects.filter(name__startswith=prefix).order_by("pk").values(*_COMPARED)
    return [
        {**row, "name": row["name"].removeprefix(prefix), "tax_code": bool(row["tax_code"])}
        for row in rows
    ]


def test_it_stores_the_same_rows_as_bulk_create_and_sets_keys(admin_user: Any) -> None:
    Organisation.objects.bulk_create(_organisations("A", admin_user))
    fast = _organisations("B", admin_user)

    bulk_insert(Organisation, fast, batch_size=3)

    assert _stored("B") == _stored("A")
    stored = {o.pk: o for o in Organisation.objects.filter(name__startswith="B")}
    for obj in fast:
        assert obj.pk in stored and not obj._state.adding
        assert stored[obj.pk].name == obj.name
        assert obj.created_at is not None and stored[obj.pk].created_at == obj.created_at
    assert stored[fast[0].pk].status == OrganisationStatus.ACTIVE


def test_it_stores_json_and_enum_values(admin_user: Any) -> None:
    event = AuditEvent(
        actor_id=admin_user.pk,
        actor_label="admin",
        action=AuditAction.IMPORTED,
        content_type_id=ContentType.objects.get_for_model(Organisation).pk,
        object_id="1",
        object_repr="x",
        after={"name": "Đông Á", "n": [1, None]},
        details={},
    )

    bulk_insert(AuditEvent, [event])

    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.after == {"name": "Đông Á", "n": [1, None]} and stored.before is None
    assert stored.action == "imported" and stored.occurred_at == event.occurred_at


def test_it_leaves_expressions_and_set_keys_to_bulk_create(admin_user: Any) -> None:
    (base,) = _organisations("C", admin_user)[:1]
    base.save()
    with_expression = _organisations("D", admin_user)[:2]
    with_expression[1].version = F("version") + 0  # only bulk_create can refuse or resolve it
    with pytest.raises(ValueError, match="F\\(\\) expressions"), transaction.atomic():
        bulk_insert(Organisation, with_expression)

    keyed = _organisations("E", admin_user)[:1]
    keyed[0].pk = base.pk + 1000
    bulk_insert(Organisation, keyed)
    assert Organisation.objects.filter(pk=base.pk + 1000, name__startswith="E").exists()
