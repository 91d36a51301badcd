"""Import-inspection screens and API: a business registers a lot, officers take it through the
procedure, the notices come out as numbered PDFs (read back) and as JSON for customs."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tdc.quality.models import ImportNotice, ImportRegistration
from tdc.quality.tests.factories import ConformityBodyFactory, leader, officer
from tdc.quality.tests.factories_imports import RISK_DAY, ImportRegistrationFactory
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory, make_user
from tdc.testing.fixtures import api_client_for, client_for

pytestmark = pytest.mark.django_db


def _form(body_id: int, importer_id: int, **overrides: Any) -> dict[str, Any]:
    data = {
        "importer": importer_id,
        "customs_declaration": "106001234560",
        "product": "Nồi cơm điện",
        "brand": "Kangaroo",
        "model_type": "KG18RC",
        "manufacturer": "Zhongshan Kangaroo Electric",
        "origin": "Trung Quốc",
        "hs_code": "8516.60.10",
        "qcvn": "QCVN 4:2009/BKHCN",
        "quantity": "500",
        "unit": "chiếc",
        "certificate_kind": "lot",
        "certificate_number": "CN-NK-1",
        "certificate_body": body_id,
        "certificate_issued_on": "2026-09-01",
        "certificate_valid_until": "2027-09-01",
        "certificate_qcvn": "QCVN 4:2009/BKHCN",
        "certificate_model": "KG18RC",
        "certificate_origin": "Trung Quốc",
        "certificate_quantity": "500",
        "registered_on": RISK_DAY.isoformat(),
    }
    data.update(overrides)
    return data


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.vietnamese
def test_a_business_registers_and_the_officers_issue_the_pass_notice_as_pdf() -> None:
    org = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A, name="Công ty Bếp Việt")
    business = make_user("business_user", organisation=org, province_id=PROVINCE_A)
    body = ConformityBodyFactory()
    client = client_for(business)
    response = client.post(reverse("quality:import_create"), _form(body.pk, org.pk))
    assert response.status_code == 302, response.content.decode()[:3000]
    obj = ImportRegistration.objects.get()

    staff = client_for(officer())
    url = reverse("quality:import_confirm", args=[obj.pk])
    assert staff.post(url, {"on": "2026-09-11", "_version": 1}).status_code == 302
    boss = client_for(leader())
    detail = boss.get(reverse("quality:import_detail", args=[obj.pk])).content.decode()
    assert 'data-testid="step-pass"' in detail
    response = boss.post(
        reverse("quality:import_pass", args=[obj.pk]), {"on": "2026-09-14", "_version": 2}
    )
    assert response.status_code == 302
    notice = ImportNotice.objects.get(registration=obj, kind="pass")
    pdf = client.get(reverse("quality:import_notice_pdf", args=[notice.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = _text(pdf.content)
    assert notice.number in text
    assert "đáp ứng yêu cầu chất lượng" in text
    assert "106001234560" in text


@pytest.mark.vietnamese
def test_a_step_on_a_holiday_shows_the_vietnamese_message_and_changes_nothing() -> None:
    obj = ImportRegistrationFactory(
        registered_on=dt.date(2026, 8, 27), certificate_issued_on=dt.date(2026, 8, 20)
    )
    staff = client_for(officer())
    response = staff.post(
        reverse("quality:import_confirm", args=[obj.pk]), {"on": "2026-09-02", "_version": 1}
    )
    assert response.status_code == 200
    assert "không phải là ngày làm việc" in response.content.decode()
    obj.refresh_from_db()
    assert obj.status == "registered"


def test_the_missed_deadline_notice_pdf_names_the_lot_as_not_completed() -> None:
    obj = ImportRegistrationFactory(
        registered_on=dt.date(2026, 8, 27), certificate_issued_on=dt.date(2026, 8, 20)
    )
    staff = client_for(officer())
    staff.post(
        reverse("quality:import_confirm_incomplete", args=[obj.pk]),
        {"on": "2026-08-28", "reason": "Ảnh nhãn", "_version": 1},
    )
    boss = client_for(leader())
    response = boss.post(reverse("quality:import_miss", args=[obj.pk]), {"on": "2026-09-11"})
    assert response.status_code == 302
    notice = ImportNotice.objects.get(registration=obj, kind="not_completed")
    text = _text(boss.get(reverse("quality:import_notice_pdf", args=[notice.pk])).content)
    assert "không hoàn thiện đầy đủ hồ sơ" in text
    assert "10/09/2026" in text


def test_list_filters_and_statistics() -> None:
    ImportRegistrationFactory(product="Nồi cơm điện")
    staff = client_for(officer())
    page = staff.get(reverse("quality:import_list"), {"status": "registered"})
    assert page.status_code == 200 and "Nồi cơm điện" in page.content.decode()
    page = staff.get(reverse("quality:import_list"), {"status": "passed"})
    assert "Nồi cơm điện" not in page.content.decode()
    assert staff.get(reverse("quality:import_stats")).status_code == 200


@pytest.mark.vietnamese
def test_api_creates_refuses_a_contradiction_takes_steps_and_gives_customs_json() -> None:
    body = ConformityBodyFactory()
    org = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)
    api = api_client_for(officer())
    bad = _form(body.pk, org.pk, certificate_origin="Thái Lan")
    response = api.post("/api/v1/quality/imports/", bad, format="json")
    assert response.status_code == 400
    assert "xuất xứ" in str(response.json())
    assert not ImportRegistration.objects.exists()

    response = api.post("/api/v1/quality/imports/", _form(body.pk, org.pk), format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["confirm_due"] == "2026-09-11"
    offered = api.get(f"/api/v1/quality/imports/{pk}/transition/").json()["actions"]
    assert "confirm" in offered and "pass" not in offered
    response = api.post(
        f"/api/v1/quality/imports/{pk}/transition/",
        {"action": "confirm", "on": "2026-09-11", "version": 1},
        format="json",
    )
    assert response.status_code == 200, response.json()
    boss = api_client_for(leader())
    response = boss.post(
        f"/api/v1/quality/imports/{pk}/transition/",
        {"action": "fail", "on": "2026-09-14", "reason": "Dòng rò vượt giới hạn"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    notices = api.get(f"/api/v1/quality/imports/{pk}/notices/").json()
    assert [n["kind"] for n in notices] == ["confirmation", "receipt", "fail"]
    fail = notices[-1]["data"]
    assert fail["outcome"]["meets_requirements"] is False
    assert fail["registration"]["customs_declaration"] == "106001234560"
    one = api.get(f"/api/v1/quality/imports/notices/{notices[-1]['id']}/")
    assert one.status_code == 200 and one.json()["number"] == notices[-1]["number"]


def test_api_records_a_finding_after_clearance_for_the_goods_of_a_lot() -> None:
    from tdc.quality.models import ImportSurveillanceEvent

    obj = ImportRegistrationFactory()
    api = api_client_for(officer())
    url = f"/api/v1/quality/imports/{obj.pk}/events/"
    response = api.post(url, {"kind": "complaint", "day": "2026-09-14"}, format="json")
    assert response.status_code == 201, response.json()
    event = ImportSurveillanceEvent.objects.get()
    assert (event.goods_key, event.importer_id) == (obj.goods_key, obj.importer_id)
    assert api.get(url).json() == [{"kind": "complaint", "day": "2026-09-14", "note": ""}]
    owner = make_user("business_user", organisation=obj.importer, province_id=PROVINCE_A)
    response = api_client_for(owner).post(url, {"kind": "report", "day": "2026-09-15"})
    assert response.status_code == 404
    assert ImportSurveillanceEvent.objects.count() == 1
