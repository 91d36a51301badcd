"""The import commit by COPY (tdc.core.pgcopy) on PostgreSQL: the same records and audit events
as the generic path, nothing written when a row after the first chunks is bad or the database
refuses one, and the job's progress visible to others while the commit runs."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.db import IntegrityError, connection

from tdc.core import imports as framework
from tdc.core import pgcopy
from tdc.core.jobs import job_start
from tdc.core.models import AuditAction, AuditEvent, JobProgress
from tdc.registry.imports import OrganisationImport
from tdc.registry.models import Organisation
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, valid_tax_code

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

HEADERS = [c.header for c in OrganisationImport.columns]


def _file(count: int, *, bad_row: int | None = None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    by_key = {c.key: i for i, c in enumerate(OrganisationImport.columns)}
    for i in range(count):
        row = [""] * len(HEADERS)
        row[by_key["kind"]] = "doanh nghiệp"
        row[by_key["name"]] = f"Công ty TNHH Cân Điện Tử Phước Lý {i:04d}"
        row[by_key["tax_code"]] = valid_tax_code()
        row[by_key["province"]] = PROVINCE_A
        row[by_key["commune"]] = COMMUNE_A
        row[by_key["address"]] = f"Số {i}, Quốc lộ 50"
        if i == bad_row:
            row[by_key["commune"]] = "99999"
        writer.writerow(row)
    return buffer.getvalue().encode()


def _imported() -> Any:
    from django.contrib.contenttypes.models import ContentType

    return AuditEvent.objects.filter(
        action=AuditAction.IMPORTED, content_type=ContentType.objects.get_for_model(Organisation)
    )


def _trail() -> list[tuple[Any, ...]]:
    """The imported records and their events, without ids, stamps and the run's own details."""
    records = [
        {k: v for k, v in row.items() if k not in {"id", "created_at", "modified_at"}}
        for row in Organisation.objects.order_by("name").values()
    ]
    events = [
        (
            e.action,
            e.actor_id,
            e.actor_label,
            e.object_repr,
            {k: v for k, v in e.after.items() if k not in {"id", "created_at", "modified_at"}},
            e.province_code,
            e.commune_code,
            e.organisation_id == int(e.object_id),
        )
        for e in _imported().order_by("object_repr")
    ]
    return [records, events]  # type: ignore[list-item]


def test_it_writes_what_the_generic_path_writes(
    admin_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pgcopy, "CHUNK_ROWS", 7)
    data = _file(30)
    writes: list[str] = []
    original = pgcopy._Writer._write
    monkeypatch.setattr(
        pgcopy._Writer,
        "_write",
        lambda self, tables: (writes.append("copy"), original(self, tables)),
    )
    report, _rejected = framework.process_file(
        OrganisationImport(user=admin_user), data, "orgs.csv", commit=True
    )
    assert report.committed == 30 and len(writes) == 5  # 7+7+7+7+2, COPYed in chunks
    by_copy = _trail()
    ids = list(Organisation.objects.values_list("pk", flat=True))
    assert sorted(int(e) for e in _imported().values_list("object_id", flat=True)) == sorted(ids)
    Organisation.objects.all().delete()
    _imported().delete()

    monkeypatch.setattr(framework, "copy_supported", lambda model: False)
    report, _rejected = framework.process_file(
        OrganisationImport(user=admin_user), data, "orgs.csv", commit=True
    )
    assert report.committed == 30
    assert _trail() == by_copy


def test_a_bad_row_after_written_chunks_leaves_nothing(
    admin_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pgcopy, "CHUNK_ROWS", 5)
    report, rejected = framework.process_file(
        OrganisationImport(user=admin_user), _file(40, bad_row=33), "orgs.csv", commit=True
    )
    assert report.stage == "validated" and report.committed == 0
    assert report.rejected_rows == 1 and report.errors[0].row == 35
    assert rejected is not None
    assert not Organisation.objects.exists()
    assert not _imported().exists()


def test_a_refusal_by_the_database_rolls_everything_back(
    admin_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pgcopy, "CHUNK_ROWS", 5)
    data = _file(20)
    taken = next(csv.reader(io.StringIO(data.decode()).readlines()[15:16]))
    # Another person registers one of the file's tax codes after the file was checked.
    original = OrganisationImport.prepare

    def prepare_then_register(self: Any) -> None:
        original(self)
        Organisation.objects.create(
            kind="enterprise",
            name="Đăng ký trước",
            tax_code=taken[HEADERS.index("Mã số thuế")],
            province_id=PROVINCE_A,
        )

    monkeypatch.setattr(OrganisationImport, "prepare", prepare_then_register)
    with pytest.raises(IntegrityError):
        framework.process_file(OrganisationImport(user=admin_user), data, "orgs.csv", commit=True)
    assert not Organisation.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_progress_is_visible_to_others_during_the_commit(
    admin_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(framework, "_PROGRESS_EVERY", 10)
    job = job_start(owner=admin_user, kind="import:organisations", title="orgs")
    seen: list[int] = []
    original = OrganisationImport.build

    def build_and_look(self: Any, values: dict[str, Any]) -> Any:
        if values["name"].endswith("0045"):  # from another connection, as the job page would
            other = connection.get_new_connection(connection.get_connection_params())
            with other.cursor() as cursor:
                cursor.execute(
                    f"SELECT done FROM {JobProgress._meta.db_table} WHERE id = %s",  # noqa: S608
                    [job.pk],
                )
                seen.append(cursor.fetchone()[0])
            other.close()
        return original(self, values)

    monkeypatch.setattr(OrganisationImport, "build", build_and_look)
    report, _rejected = framework.process_file(
        OrganisationImport(user=admin_user), _file(60), "orgs.csv", commit=True, job=job
    )
    assert report.committed == 60
    assert seen and seen[0] >= 40
