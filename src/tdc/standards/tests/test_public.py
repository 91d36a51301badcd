"""The public catalogue /tra-cuu/tieu-chuan/ and GET /api/v1/public/standards/."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tdc.core.modules import public_lookups
from tdc.standards.models import Standard
from tdc.standards.tests.factories import make_standard

pytestmark = pytest.mark.django_db


@pytest.mark.vietnamese
def test_it_finds_a_regulation_without_accents_and_shows_its_amendment(client: Any) -> None:
    response = client.get(reverse("standards_public:search"), {"q": "thiet bi dien"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "QCVN 4:2009/BKHCN" in body
    standard = Standard.objects.get(designation="QCVN 4:2009/BKHCN")
    page = client.get(reverse("standards_public:detail", args=[standard.pk])).content.decode()
    assert "Sửa đổi 1:2016 QCVN 4:2009/BKHCN" in page
    assert "Hiện hành, có sửa đổi" in page


def test_it_puts_the_exact_number_first(client: Any) -> None:
    make_standard("TCVN 90100:2020", title_vi="Hướng dẫn áp dụng TCVN 9010:2020")
    make_standard("TCVN 9010:2020", title_vi="Tiêu chuẩn gốc")
    response = client.get(reverse("standards_public:search"), {"q": "tcvn 9010:2020"})
    body = response.content.decode()
    assert body.index("TCVN 9010:2020</a>") < body.index("TCVN 90100:2020</a>")


def test_it_filters_by_status_and_shows_the_successor(client: Any) -> None:
    response = client.get(reverse("standards_public:search"), {"status": "replaced"})
    body = response.content.decode()
    assert "QCVN 2:2008/BKHCN" in body and "QCVN 2:2021/BKHCN" not in body
    old = Standard.objects.get(designation="QCVN 2:2008/BKHCN")
    page = client.get(reverse("standards_public:detail", args=[old.pk])).content.decode()
    assert "QCVN 2:2021/BKHCN" in page and 'data-testid="chain"' in page


def test_it_is_listed_in_the_public_lookup_index(client: Any) -> None:
    assert "standards_public:search" in {p.url_name for p in public_lookups()}


def test_it_answers_the_public_api(client: Any) -> None:
    response = client.get("/api/v1/public/standards/", {"q": "qcvn4 2009"})
    assert response.status_code == 200
    rows = response.json()["results"] if isinstance(response.json(), dict) else response.json()
    assert rows[0]["designation"] == "QCVN 4:2009/BKHCN"
    assert rows[0]["status"] == "amended"
    replaced = client.get("/api/v1/public/standards/", {"q": "QCVN 2:2008/BKHCN"}).json()
    rows = replaced["results"] if isinstance(replaced, dict) else replaced
    assert rows[0]["replaced_by"] == "QCVN 2:2021/BKHCN"
    by_ics = client.get("/api/v1/public/standards/", {"ics": "97.200", "kind": "QCVN"}).json()
    rows = by_ics["results"] if isinstance(by_ics, dict) else by_ics
    assert {r["designation"] for r in rows} == {"QCVN 3:2019/BKHCN"}
