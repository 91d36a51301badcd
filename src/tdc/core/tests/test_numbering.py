"""Gap-free numbering: formats, sequences per series/year/issuer, rollback, concurrency."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from tdc.core import numbering
from tdc.core.models import AuditAction, AuditEvent, NumberCounter, NumberSeries
from tdc.core.numberformat import render_number, validate_number_format
from tdc.core.numbering import (
    allocate,
    allocate_number,
    number_series_create,
    number_series_update,
)
from tdc.testing.factories import make_user

GCN = "{seq:05d}/{year}/GCN-{issuer}"


def make_series(code: str = "certificate", fmt: str = GCN) -> NumberSeries:
    return number_series_create(code=code, name="Giấy chứng nhận kiểm định", format=fmt, by=None)


class TestFormats:
    def test_it_renders_the_example_format(self) -> None:
        assert render_number(GCN, seq=7, year=2026, issuer="TDC80") == "00007/2026/GCN-TDC80"
        assert render_number("{issuer}-{yy}-{seq:04d}", seq=12, year=2026, issuer="H56") == (
            "H56-26-0012"
        )

    @pytest.mark.parametrize(
        ("fmt", "words"),
        [
            ("{year}/GCN-{issuer}", "{seq}"),
            ("{seq:05d}/GCN-{issuer}", "{year}"),
            ("{seq:05d}/{year}", "{issuer}"),
            ("{seq:05d}/{year}/{issuer}/{month}", "{month}"),
            ("{seq:05q}/{year}/{issuer}", "does not work"),
            ("{seq/{year}/{issuer}", "cannot be read"),
            ("{seq}/{year}/{issuer:05d}", "does not work"),
        ],
    )
    def test_it_rejects_a_format_saying_what_to_fix(self, fmt: str, words: str) -> None:
        with pytest.raises(ValidationError) as info:
            validate_number_format(fmt)
        assert words in info.value.messages[0]

    @pytest.mark.django_db
    def test_it_validates_the_format_on_save(self) -> None:
        with pytest.raises(ValidationError, match="must contain"):
            NumberSeries(code="bad", name="Bad", format="{year}-{issuer}").save()
        with pytest.raises(ValidationError) as info:
            make_series(fmt="{seq}")
        assert "format" in info.value.message_dict


@transaction.atomic
def issue_and_fail(issuer: str) -> None:
    """A service that takes a number, then fails before saving its record."""
    allocate(series="certificate", issuer=issuer, year=2026)
    raise RuntimeError("the certificate could not be saved")


@pytest.mark.django_db
class TestAllocation:
    def test_it_counts_per_series_year_and_issuer(self) -> None:
        make_series()
        make_series(code="decision", fmt="{seq}/QĐ-{issuer}/{yy}")
        got = [
            allocate_number(series="certificate", issuer="TDC80", year=2026),
            allocate_number(series="certificate", issuer="TDC80", year=2026),
            allocate_number(series="certificate", issuer="TDC92", year=2026),
            allocate_number(series="certificate", issuer="TDC80", on=dt.date(2027, 1, 2)),
            allocate_number(series="decision", issuer="TDC80", year=2026),
            allocate_number(series="certificate", issuer="TDC80", year=2026),
        ]
        assert got == [
            "00001/2026/GCN-TDC80",
            "00002/2026/GCN-TDC80",
            "00001/2026/GCN-TDC92",
            "00001/2027/GCN-TDC80",
            "1/QĐ-TDC80/26",
            "00003/2026/GCN-TDC80",
        ]

    def test_it_returns_the_sequence_too(self) -> None:
        make_series()
        first = allocate(series="certificate", issuer="X", year=2026)
        second = allocate(series="certificate", issuer="X", year=2026)
        assert (first.seq, second.seq, second.year) == (1, 2, 2026)

    def test_it_leaves_no_gap_when_the_caller_rolls_back(self) -> None:
        make_series()
        assert allocate(series="certificate", issuer="X", year=2026).seq == 1
        with pytest.raises(RuntimeError):
            issue_and_fail("X")
        assert allocate(series="certificate", issuer="X", year=2026).seq == 2
        # The very first number of a year rolls back too (the counter row with it).
        with pytest.raises(RuntimeError):
            issue_and_fail("Y")
        assert not NumberCounter.objects.filter(issuer="Y").exists()
        assert allocate(series="certificate", issuer="Y", year=2026).seq == 1

    def test_it_refuses_to_allocate_outside_the_callers_transaction(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        make_series()
        # Under pytest-django every test runs in a transaction; pretend this one does not.
        monkeypatch.setattr(numbering, "_in_transaction", lambda: False)
        with pytest.raises(transaction.TransactionManagementError, match="inside the trans"):
            allocate_number(series="certificate", issuer="X")

    def test_it_names_an_unknown_series(self) -> None:
        with pytest.raises(ValidationError, match="no number series “nope”"):
            allocate_number(series="nope", issuer="X")

    def test_it_refuses_a_year_that_contradicts_the_date(self) -> None:
        make_series()
        with pytest.raises(ValueError, match="disagree"):
            allocate_number(series="certificate", issuer="X", year=2026, on=dt.date(2025, 5, 1))

    def test_it_audits_series_changes(self) -> None:
        admin = make_user("system_admin")
        series = make_series()
        updated = number_series_update(
            series=series, by=admin, expected_version=1, format="{seq:06d}/{year}/{issuer}"
        )
        assert updated.version == 2
        event = AuditEvent.objects.filter(object_id=str(series.pk)).order_by("id").last()
        assert event is not None
        assert event.action == AuditAction.UPDATED
        assert event.before["format"] == GCN
        assert allocate_number(series="certificate", issuer="X", year=2026) == "000001/2026/X"


@pytest.mark.postgres
@pytest.mark.slow
def test_it_never_duplicates_or_skips_under_concurrency(transactional_db: Any) -> None:
    """16 threads, each with its own connection, allocate at once; some roll back."""
    make_series()
    threads_n, per_thread = 16, 12
    barrier = threading.Barrier(threads_n)
    committed: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker(index: int) -> None:
        try:
            barrier.wait()
            for i in range(per_thread):
                try:
                    with transaction.atomic():
                        seq = allocate(series="certificate", issuer="TDC80", year=2026).seq
                        if (index + i) % 5 == 0:
                            raise RuntimeError("caller failed: roll back")
                except RuntimeError:
                    continue
                with lock:
                    committed.append(seq)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=worker, args=(i,)) for i in range(threads_n)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(timeout=120)
    assert not errors, errors
    assert len(committed) == len(set(committed)), "a number was given twice"
    assert sorted(committed) == list(range(1, len(committed) + 1)), "a number is missing"
    assert len(committed) < threads_n * per_thread  # some callers did roll back
    counter = NumberCounter.objects.get(issuer="TDC80", year=2026)
    assert counter.last_seq == len(committed)
