"""The library's services: entry in any spelling, duplicates, lifecycle events, status by date
in SQL, the seed catalogue and what a replacement affects."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tdc.core.models import AuditEvent
from tdc.standards.choices import Confidence, EventKind, Status
from tdc.standards.models import IcsCode, Standard
from tdc.standards.selectors import (
    citing_records,
    designation_status,
    replacement_chain,
    standard_search,
)
from tdc.standards.services import standard_create, standard_event_add, standard_update
from tdc.standards.tests.factories import make_standard

pytestmark = pytest.mark.django_db
D = dt.date


def test_it_loads_the_ics_tree_and_every_most_regulation_with_its_source() -> None:
    assert IcsCode.objects.filter(code="13.220.20").exists()
    assert IcsCode.objects.get(code="97").title_vi.startswith("Thiết bị gia dụng")
    assert IcsCode.objects.get(code="97.200.50").parent_id == "97.200"
    for designation in [
        "QCVN 1:2015/BKHCN",
        "QCVN 1:2022/BKHCN",
        "QCVN 2:2021/BKHCN",
        "QCVN 3:2019/BKHCN",
        "QCVN 4:2009/BKHCN",
        "QCVN 5:2010/BKHCN",
        "QCVN 7:2019/BKHCN",
        "QCVN 8:2019/BKHCN",
        "QCVN 9:2012/BKHCN",
        "QCVN 14:2018/BKHCN",
        "QCVN 19:2019/BKHCN",
        "QCVN 19:2025/BKHCN",
        "QCVN 20:2019/BKHCN",
        "QCVN 25:2025/BKHCN",
    ]:
        standard = Standard.objects.get(designation=designation)
        assert standard.source and standard.confidence in Confidence.values
    assert not Standard.objects.filter(source="").exists()


def test_it_computes_the_seeded_statuses_by_date() -> None:
    old = Standard.objects.get(designation="QCVN 1:2015/BKHCN")
    assert old.status_on(D(2017, 5, 21)) == Status.IN_FORCE
    assert old.status_on(D(2017, 5, 22)) == Status.AMENDED
    assert old.status_on(D(2026, 7, 1)) == Status.REPLACED
    led = Standard.objects.get(designation="QCVN 19:2025/BKHCN")
    assert led.status_on(D(2026, 5, 31)) == Status.NOT_YET
    assert [s.designation for s in replacement_chain(led)] == [
        "QCVN 19:2019/BKHCN",
        "QCVN 19:2025/BKHCN",
    ]


@pytest.mark.parametrize("day", [D(2016, 1, 1), D(2017, 6, 1), D(2026, 5, 1), D(2026, 8, 1)])
def test_it_filters_statuses_in_sql_as_the_rules_compute_them(day: dt.date) -> None:
    make_standard("TCVN 90001:2020", effective_from=D(2026, 6, 1))
    reviewed = make_standard("TCVN 90002:2020")
    standard_event_add(standard=reviewed, by=None, kind=EventKind.REVIEW_OPENED, on=D(2017, 1, 1))
    for status in Status.values:
        in_sql = set(Standard.objects.status_in([status], day).values_list("pk", flat=True))
        computed = {s.pk for s in Standard.objects.all() if s.status_on(day) == status}
        assert in_sql == computed, status


def test_it_stores_any_spelling_canonical_and_refuses_a_duplicate(officer_a: Any) -> None:
    standard = make_standard("tcvn 5699 - 2 - 3 : 2017 (IEC 60335-2-3:2015)")
    assert standard.designation == "TCVN 5699-2-3:2017"
    assert standard.international_designation == "IEC 60335-2-3:2015"
    assert standard.harmonisation == "IDT"
    before = Standard.objects.count()
    with pytest.raises(ValidationError) as exc:
        standard_create(
            by=officer_a, designation="QCVN 03 : 2019 / BKHCN", title_vi="x", source="x"
        )
    assert "đã có trong danh mục" in str(exc.value) or "already in the catalogue" in str(exc.value)
    assert Standard.objects.count() == before


def test_it_refuses_an_unparseable_number_with_a_vietnamese_message(officer_a: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        standard_create(by=officer_a, designation="QCVN 4:2009", title_vi="x", source="x")
    assert "cơ quan ban hành" in exc.value.message_dict["designation"][0]


def test_it_refuses_unknown_ics_codes(officer_a: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        make_standard(ics_codes=["99.999.99"])
    assert "99.999.99" in str(exc.value)


def test_it_records_a_replacement_with_audit_and_refuses_a_cycle(officer_a: Any) -> None:
    a, b, c = make_standard(), make_standard(), make_standard()
    standard_event_add(
        standard=a, by=officer_a, kind=EventKind.REPLACED, on=D(2024, 1, 1), successor=b
    )
    standard_event_add(
        standard=b, by=officer_a, kind=EventKind.REPLACED, on=D(2025, 1, 1), successor=c
    )
    assert replacement_chain(b) == [a, b, c]
    assert AuditEvent.objects.filter(object_id=str(a.pk), action="status_changed").exists()
    with pytest.raises(ValidationError) as exc:
        standard_event_add(
            standard=c, by=officer_a, kind=EventKind.REPLACED, on=D(2026, 1, 1), successor=a
        )
    assert "cycle" in str(exc.value) or "vòng" in str(exc.value)
    assert c.events.count() == 0
    with pytest.raises(ValidationError):
        standard_event_add(standard=a, by=officer_a, kind=EventKind.CANCELLED, on=D(2026, 1, 1))


def test_it_checks_an_amendment_names_the_amended_document(officer_a: Any) -> None:
    standard = make_standard("TCVN 90010:2010")
    event = standard_event_add(
        standard=standard,
        by=officer_a,
        kind=EventKind.AMENDED,
        on=D(2012, 1, 1),
        reference="Sửa đổi 1:2012",
    )
    assert event.reference == "Sửa đổi 1:2012 TCVN 90010:2010"
    with pytest.raises(ValidationError):
        standard_event_add(
            standard=standard,
            by=officer_a,
            kind=EventKind.AMENDED,
            on=D(2013, 1, 1),
            reference="Sửa đổi 2:2013 TCVN 1:2000",
        )


def test_it_searches_folded_words_and_loose_numbers_exact_first() -> None:
    qs = Standard.objects.all()
    hits = list(standard_search(qs, "thiet bi dien"))
    assert Standard.objects.get(designation="QCVN 4:2009/BKHCN") in hits
    assert list(standard_search(qs, "qcvn4 2009"))[0].designation == "QCVN 4:2009/BKHCN"
    assert list(standard_search(qs, "QCVN 04:2009/BKHCN"))[0].designation == "QCVN 4:2009/BKHCN"
    make_standard("TCVN 5699-2-3:2017 (IEC 60335-2-3:2015)")
    assert list(standard_search(qs, "tcvn 5699 2 3"))[0].designation == "TCVN 5699-2-3:2017"
    assert "TCVN 12850:2019" in {s.designation for s in standard_search(qs, "03.120")}


def test_it_corrects_a_record_and_audits_it(officer_a: Any) -> None:
    standard = make_standard()
    updated = standard_update(
        standard=standard,
        by=officer_a,
        expected_version=standard.version,
        title_vi="Tên mới",
        ics_codes=["97.200.50"],
    )
    assert updated.title_vi == "Tên mới"
    assert "97.200.50" in updated.search_text
    assert AuditEvent.objects.filter(object_id=str(standard.pk), action="updated").exists()


def test_it_answers_other_apps_with_the_status_of_a_designation() -> None:
    standard, status = designation_status("QCVN 01:2015/BKHCN", on=D(2026, 8, 1))
    assert standard is not None and standard.designation == "QCVN 1:2015/BKHCN"
    assert status == Status.REPLACED
    assert designation_status("QCVN 999:2001/BKHCN", on=D(2026, 8, 1)) == (None, None)


def test_it_lists_the_declarations_that_cite_a_document_in_any_spelling(officer_a: Any) -> None:
    from tdc.quality.models import Declaration
    from tdc.quality.tests.factories import DeclarationFactory

    legacy = DeclarationFactory(qcvn="QCVN 4:2009/BKHCN")
    # Records filed before the catalogue (or imported) spell it their own way.
    Declaration.objects.filter(pk=legacy.pk).update(qcvn="QCVN 04 : 2009/BKHCN")
    DeclarationFactory(qcvn="QCVN 9:2012/BKHCN")
    standard = Standard.objects.get(designation="QCVN 4:2009/BKHCN")
    groups = {g.model: g for g in citing_records(standard, user=officer_a)}
    assert groups["quality.Declaration"].count == 1
