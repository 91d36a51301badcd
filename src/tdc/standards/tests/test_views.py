"""The officers' screens and API: list and search, a document's page (status, lifecycle, chain,
citing records), entry in any spelling, lifecycle events with audit, the parser endpoint."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tdc.core.models import AuditEvent
from tdc.standards.models import Standard
from tdc.testing.factories import PROVINCE_A, make_user
from tdc.testing.fixtures import api_client_for, client_for

pytestmark = pytest.mark.django_db


def test_it_lists_and_searches_the_catalogue(officer_client: Any) -> None:
    response = officer_client.get(reverse("standards:standard_list"), {"q": "thiet bi dien"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "QCVN 4:2009/BKHCN" in body
    assert "QCVN 7:2019/BKHCN" not in body


def test_it_filters_the_list_by_status_today(officer_client: Any) -> None:
    response = officer_client.get(reverse("standards:standard_list"), {"status": "replaced"})
    body = response.content.decode()
    assert "QCVN 2:2008/BKHCN" in body
    assert "QCVN 2:2021/BKHCN" not in body


def test_it_shows_status_lifecycle_chain_and_citing_records(officer_client: Any) -> None:
    standard = Standard.objects.get(designation="QCVN 19:2019/BKHCN")
    response = officer_client.get(standard.get_absolute_url())
    body = response.content.decode()
    assert 'data-testid="event-amended"' in body
    assert "QCVN 19:2025/BKHCN" in body
    assert 'data-testid="chain"' in body
    assert 'data-testid="citations-quality.Declaration"' in body


def test_it_enters_a_document_in_any_spelling(officer_client: Any) -> None:
    response = officer_client.post(
        reverse("standards:standard_create"),
        {
            "designation": "tcvn 6776 : 2005",
            "title_vi": "Xăng không chì — Yêu cầu kỹ thuật",
            "source": "thử nghiệm",
            "confidence": "unconfirmed",
            "ics_codes": "75.160.20",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    standard = Standard.objects.get(designation="TCVN 6776:2005")
    assert standard.ics_list == ["75.160.20"]


def test_it_refuses_a_duplicate_spelled_differently_and_writes_nothing(
    officer_client: Any,
) -> None:
    before = Standard.objects.count()
    response = officer_client.post(
        reverse("standards:standard_create"),
        {
            "designation": "QCVN 04 : 2009 / BKHCN",
            "title_vi": "x",
            "source": "x",
            "confidence": "confirmed",
        },
    )
    assert response.status_code == 200
    assert Standard.objects.count() == before


def test_it_records_a_replacement_and_audits_it(officer_client: Any) -> None:
    old = Standard.objects.get(designation="QCVN 14:2018/BKHCN")
    new = Standard.objects.get(designation="QCVN 25:2025/BKHCN")
    page = officer_client.get(reverse("standards:standard_event", args=[old.pk]))
    assert 'data-testid="citations"' in page.content.decode()
    response = officer_client.post(
        reverse("standards:standard_event", args=[old.pk]),
        {"kind": "replaced", "on": "2026-01-01", "successor": new.pk, "decision": "QĐ thử"},
    )
    assert response.status_code == 302
    assert old.events.filter(kind="replaced", successor=new).exists()
    assert AuditEvent.objects.filter(object_id=str(old.pk), action="status_changed").exists()


def test_it_refuses_a_replacement_cycle_in_the_screen(officer_client: Any) -> None:
    old = Standard.objects.get(designation="QCVN 2:2008/BKHCN")
    new = Standard.objects.get(designation="QCVN 2:2021/BKHCN")
    response = officer_client.post(
        reverse("standards:standard_event", args=[new.pk]),
        {"kind": "replaced", "on": "2026-01-01", "successor": old.pk},
    )
    assert response.status_code == 200
    assert not new.events.exists()


def test_it_keeps_business_users_out(db: None) -> None:
    user = make_user("business_user", province_id=PROVINCE_A)
    assert client_for(user).get(reverse("standards:standard_list")).status_code == 403


def test_it_parses_a_number_through_the_api(officer_a: Any) -> None:
    api = api_client_for(officer_a)
    response = api.get(reverse("api:standards-parse"), {"number": "QCVN 03 : 2019/BKHCN"})
    assert response.status_code == 200
    data = response.json()
    assert data["canonical"] == "QCVN 3:2019/BKHCN"
    assert data["in_catalogue"] == Standard.objects.get(designation="QCVN 3:2019/BKHCN").pk
    bad = api.get(reverse("api:standards-parse"), {"number": "QCVN 4:2009"})
    assert bad.status_code == 400
    assert "cơ quan ban hành" in str(bad.json())


def test_it_creates_and_updates_through_the_api(officer_a: Any) -> None:
    api = api_client_for(officer_a)
    response = api.post(
        reverse("api:standards-document-list"),
        {
            "designation": "TCVN 7570:2006",
            "title_vi": "Cốt liệu cho bê tông và vữa",
            "source": "thử nghiệm",
            "ics_codes": ["91.100.30"],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["status"] == "in_force" and data["ics_codes"] == ["91.100.30"]
    duplicate = api.post(
        reverse("api:standards-document-list"),
        {"designation": "tcvn 7570 : 2006", "title_vi": "x", "source": "x"},
        format="json",
    )
    assert duplicate.status_code == 400
    url = reverse("api:standards-document-detail", args=[data["id"]])
    patched = api.patch(url, {"title_en": "Aggregates", "version": data["version"]}, format="json")
    assert patched.status_code == 200
    assert patched.json()["title_en"] == "Aggregates"
