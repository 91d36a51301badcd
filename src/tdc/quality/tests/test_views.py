"""The quality screens and public pages: a business files its declaration, the leader issues the
receipt notice, the PDF is served, the public lookup finds it; warnings go public with a feed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from tdc.quality import services
from tdc.quality.models import Declaration
from tdc.quality.tests.factories import (
    ConformityBodyFactory,
    DeclarationFactory,
    QualityWarningFactory,
    leader,
)
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory, make_user
from tdc.testing.fixtures import api_client_for, client_for

pytestmark = pytest.mark.django_db


def _form(body_id: int, declarant_id: int, **overrides: Any) -> dict[str, Any]:
    today = timezone.localdate()
    data = {
        "declarant": declarant_id,
        "kind": "regulation",
        "product": "Nồi cơm điện",
        "brand": "Sunhouse",
        "model_type": "SHD8955",
        "origin": "Việt Nam",
        "hs_code": "8516.60.10",
        "qcvn": "QCVN 4:2009/BKHCN",
        "declared_on": today.isoformat(),
        "basis": "certification",
        "body": body_id,
        "certificate_number": "CN-01",
        "certificate_valid_until": (today + dt.timedelta(days=700)).isoformat(),
    }
    data.update(overrides)
    return data


@pytest.mark.vietnamese
def test_it_takes_a_business_declaration_to_a_receipt_notice_and_the_public_lookup() -> None:
    org = OrganisationFactory(
        province_id=PROVINCE_A, commune_id=COMMUNE_A, name="Công ty TNHH Điện gia dụng Phước Lý"
    )
    business = make_user("business_user", organisation=org, province_id=PROVINCE_A)
    body = ConformityBodyFactory(
        valid_from=timezone.localdate() - dt.timedelta(days=30),
        valid_until=timezone.localdate() + dt.timedelta(days=900),
    )
    client = client_for(business)
    response = client.post(reverse("quality:declaration_create"), _form(body.pk, org.pk))
    assert response.status_code == 302, response.content.decode()[:3000]
    declaration = Declaration.objects.get()
    assert declaration.created_by == business

    boss = client_for(leader())
    response = boss.post(reverse("quality:declaration_accept", args=[declaration.pk]), {})
    assert response.status_code == 302, response.content.decode()[-3000:]
    declaration.refresh_from_db()
    assert declaration.status == "accepted"

    pdf = client.get(reverse("quality:declaration_receipt", args=[declaration.pk]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")

    from django.test import Client

    page = Client().get(reverse("quality_public:declarations"), {"q": "Phước Lý"})
    assert page.status_code == 200
    assert declaration.receipt_number in page.content.decode()
    api = Client().get("/api/v1/public/declarations/", {"q": "QCVN 4:2009"})
    assert [row["receipt_number"] for row in api.json()] == [declaration.receipt_number]


@pytest.mark.vietnamese
def test_it_shows_the_vietnamese_refusal_on_the_form_and_writes_nothing() -> None:
    org = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)
    business = make_user("business_user", organisation=org, province_id=PROVINCE_A)
    body = ConformityBodyFactory(scope_qcvn=["QCVN 2:2021/BKHCN"])
    response = client_for(business).post(
        reverse("quality:declaration_create"),
        _form(body.pk, org.pk, declared_on="2026-09-10"),
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert response.status_code == 200
    assert "nằm ngoài phạm vi" in response.content.decode()
    assert Declaration.objects.count() == 0


def test_it_keeps_withdrawn_and_expired_declarations_out_of_the_public_lookup() -> None:
    from django.test import Client

    gone = DeclarationFactory(accepted=True, brand="Kangaroo")
    services.declaration_withdraw(
        declaration=gone, by=leader(), reason="Thu hồi", withdrawn_on=dt.date(2026, 9, 12)
    )
    page = Client().get(reverse("quality_public:declarations"), {"q": "Kangaroo"})
    assert gone.receipt_number not in page.content.decode()


def test_it_publishes_warnings_on_the_page_the_feed_and_the_api() -> None:
    from django.test import Client

    draft = QualityWarningFactory(title="Đồ chơi chứa phthalate vượt giới hạn")
    published = QualityWarningFactory(title="Mũ bảo hiểm không đạt QCVN 2:2021/BKHCN")
    services.warning_publish(warning=published, by=leader(), on=timezone.localdate())
    anonymous = Client()
    page = anonymous.get("/tra-cuu/canh-bao/").content.decode()
    assert published.title in page and draft.title not in page
    feed = anonymous.get(reverse("quality_public:warning_feed"))
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert published.title in feed.content.decode()
    rows = anonymous.get("/api/v1/public/warnings/").json()["results"]
    assert [r["title"] for r in rows] == [published.title]
    assert set(rows[0]) >= {"product", "brand", "batch", "gtin", "hazard", "measure", "source"}


def test_it_refuses_a_bad_gtin_on_a_warning() -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.warning_create(
            by=leader(),
            province=QualityWarningFactory().province,
            title="x",
            product="y",
            hazard="other",
            description="d",
            measure="m",
            source="national",
            gtin="8934567890127",
        )


def test_it_files_and_accepts_a_declaration_over_the_api() -> None:
    org = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)
    business = make_user("business_user", organisation=org, province_id=PROVINCE_A)
    body = ConformityBodyFactory(
        valid_from=timezone.localdate() - dt.timedelta(days=30),
        valid_until=timezone.localdate() + dt.timedelta(days=900),
    )
    data = _form(body.pk, org.pk)
    del data["declarant"]
    response = api_client_for(business).post("/api/v1/quality/declarations/", data, format="json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    boss = api_client_for(leader())
    assert boss.get(f"/api/v1/quality/declarations/{pk}/transition/").json() == {
        "actions": ["accept", "refuse"]
    }
    accepted = boss.post(
        f"/api/v1/quality/declarations/{pk}/transition/", {"action": "accept"}, format="json"
    )
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["status"] == "accepted"


@pytest.mark.vietnamese
def test_it_answers_a_bad_api_filing_with_the_field_and_a_vietnamese_message() -> None:
    org = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)
    business = make_user("business_user", organisation=org, province_id=PROVINCE_A)
    body = ConformityBodyFactory()
    data = _form(body.pk, org.pk, hs_code="12.34.5")
    del data["declarant"]
    response = api_client_for(business).post(
        "/api/v1/quality/declarations/", data, format="json", HTTP_ACCEPT_LANGUAGE="vi"
    )
    assert response.status_code == 400
    assert "không phải là mã HS" in response.json()["error"]["fields"]["hs_code"][0]
    assert Declaration.objects.count() == 0
