"""The COPY fast path of the verifications import answers exactly what the generic import
answers: the same messages for the same bad rows, the same stored verifications, audit
events and due dates (PostgreSQL only)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from tdc.core.imports import process_file
from tdc.core.models import AuditAction, AuditEvent
from tdc.metrology.imports_verifications import VerificationImport, fast_import_csv
from tdc.metrology.models import Instrument, Verification
from tdc.metrology.tests.test_verification_import import _csv, _good, world

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY needs PostgreSQL"),
]
__all__ = ["world"]  # the fixture, shared with the generic import's tests

FIELDS = (
    "instrument_id", "kind", "verified_on", "organisation_id", "verifier_id", "place", "result",
    "certificate_number", "valid_until", "type_code", "province_id", "commune_id", "owner_id",
    "created_by_id", "version",
)  # fmt: skip


def _bad_rows(world: dict[str, Any]) -> list[list[str]]:
    a, lab, card = world["a"], world["lab"], world["verifier"].card_number
    return _good(world) + [
        [a.type_code, "Tatsuno", "", "NOPE", lab.tax_code, card, "01/02/2025", "định kỳ", "đạt",
         "KĐ-3", "01/02/2026"],
        [a.type_code, "Tatsuno", "", a.serial_number, lab.tax_code, world["alien"].card_number,
         "01/03/2025", "định kỳ", "đạt", "KĐ-4", "01/03/2026"],
        [a.type_code, "Tatsuno", "", a.serial_number, lab.tax_code, card, "01/05/2025",
         "định kỳ", "đạt", "KĐ-1", ""],
        [a.type_code, "Tatsuno", "", a.serial_number, lab.tax_code, card, "01/06/2025",
         "sometimes", "đạt", "KĐ-6", "01/06/2025"],
        [a.type_code, "Tatsuno", "", a.serial_number, lab.tax_code, card, "10/01/2025",
         "định kỳ", "đạt", "KĐ-7", "09/01/2026"],
    ]  # fmt: skip


def test_it_reports_the_same_errors_as_the_generic_import(
    world: dict[str, Any], tmp_path: Path
) -> None:
    data = _csv(_bad_rows(world))
    generic, _ = process_file(VerificationImport(user=world["staff"]), data, "v.csv", commit=True)
    path = tmp_path / "v.csv"
    path.write_bytes(data)
    fast = fast_import_csv(str(path), user=world["staff"])
    assert fast.committed == 0 and not Verification.objects.exists()
    assert {(e.row, e.column, e.message) for e in fast.errors} == {
        (e.row, e.column, e.message) for e in generic.errors
    }
    assert fast.error_count == len(generic.errors) == 7


def test_it_stores_what_the_generic_import_stores(
    world: dict[str, Any], tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    rows = _good(world)
    rows[0][9] = "KĐ\\1\t/2025"  # a backslash and a tab survive COPY's text format
    data = _csv(rows)
    with django_capture_on_commit_callbacks(execute=True):  # the due dates follow the commit
        generic, _ = process_file(
            VerificationImport(user=world["staff"]), data, "v.csv", commit=True
        )
    assert generic.ok
    stored = list(Verification.objects.order_by("pk").values_list(*FIELDS))
    due = dict(Instrument.objects.values_list("pk", "next_due_date"))
    Verification.objects.all().delete()
    Instrument.objects.update(next_due_date=None)
    path = tmp_path / "v.csv"
    path.write_bytes(data)
    fast = fast_import_csv(str(path), user=world["staff"])
    assert fast.ok and fast.committed == 3
    assert list(Verification.objects.order_by("pk").values_list(*FIELDS)) == stored
    assert dict(Instrument.objects.values_list("pk", "next_due_date")) == due
    assert Verification.objects.filter(certificate_number="KĐ\\1\t/2025").count() == 1
    events = AuditEvent.objects.filter(
        action=AuditAction.IMPORTED, details__fast_path=True
    ).order_by("object_id")
    assert [int(e.object_id) for e in events] == sorted(
        Verification.objects.values_list("pk", flat=True)
    )
    first = Verification.objects.order_by("pk").first()
    assert first is not None
    event = events.get(object_id=str(first.pk))
    after = event.after if isinstance(event.after, dict) else json.loads(event.after)
    assert after["id"] == first.pk and after["instrument"] == first.instrument_id
    assert event.province_code == first.province_id and event.actor_id == world["staff"].pk
