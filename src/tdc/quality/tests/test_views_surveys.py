"""Survey screens: plan, sample, seal, hand-over, results rows with the verdict, the three
records as numbered PDFs read back, the warning drafted from the finding; Vietnamese refusals
that write nothing."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tdc.inspections.models import TargetReferral
from tdc.quality.models import LabResult, QualityWarning, Sample, SurveyPlan
from tdc.quality.tests.factories import leader, officer
from tdc.quality.tests.factories_surveys import (
    SAMPLED_ON,
    approved_plan,
    make_sample,
    survey_lab,
)
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory
from tdc.testing.fixtures import client_for

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Any:
    return client_for(user)


def _squeeze(pdf: bytes) -> str:
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return "".join(text.split())


def test_it_plans_and_approves_a_survey() -> None:
    client = _client(officer())
    response = client.post(
        reverse("quality:survey_create"),
        {
            "year": "2026",
            "title": "Khảo sát mũ bảo hiểm 2026",
            "product_groups": ["helmet", "toy"],
            "legal_basis": "Kế hoạch 5/KH-SKHCN",
            "decision_rule": "guarded",
            "communes": [COMMUNE_A],
        },
    )
    assert response.status_code in (302, 204), response.content.decode()[:2000]
    plan = SurveyPlan.objects.get()
    assert plan.product_groups == ["helmet", "toy"]
    assert list(plan.communes.values_list("pk", flat=True)) == [COMMUNE_A]
    assert client.post(reverse("quality:survey_approve", args=[plan.pk])).status_code == 404
    boss = _client(leader())
    assert boss.post(reverse("quality:survey_approve", args=[plan.pk])).status_code == 302
    plan.refresh_from_db()
    assert plan.status == "approved"
    page = boss.get(plan.get_absolute_url()).content.decode()
    assert "Motorcycle helmets" in page


def test_it_walks_a_sample_from_sampling_to_a_failing_verdict_with_its_pdfs() -> None:
    plan = approved_plan()
    business = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)
    lab = survey_lab()
    client = _client(officer())
    response = client.post(
        reverse("quality:sample_create"),
        {
            "plan": plan.pk,
            "business": business.pk,
            "product_group": "toy",
            "qcvn": "QCVN 3:2019/BKHCN",
            "product": "Búp bê nhựa",
            "brand": "Happy Toys",
            "batch": "BB-07",
            "gtin": "",
            "place": "Chợ Phước Lý, quầy 12",
            "sampled_on": SAMPLED_ON.isoformat(),
            "quantity": "3 chiếc",
        },
    )
    assert response.status_code in (302, 204), response.content.decode()[:2000]
    sample = Sample.objects.get()
    url = sample.get_absolute_url()
    sealed = client.post(
        reverse("quality:sample_seal", args=[sample.pk]),
        {"seal_number": "NP-7781", "sealed_on": SAMPLED_ON.isoformat()},
    )
    assert sealed.status_code == 302
    handed = client.post(
        reverse("quality:sample_hand_over", args=[sample.pk]),
        {"lab": lab.pk, "handed_over_on": SAMPLED_ON.isoformat()},
    )
    assert handed.status_code == 302
    form = client.get(reverse("quality:sample_results", args=[sample.pk])).content.decode()
    assert form.count('data-testid="result-row"') == 5
    codes = ["migration-arsenic", "migration-cadmium", "migration-chromium", "migration-lead"]
    data = {
        "report-report_number": "KQ-118/2026",
        "report-reported_on": "2026-09-25",
        "rows-TOTAL_FORMS": "5",
        "rows-INITIAL_FORMS": "5",
    }
    values = {"migration-lead": "132", "migration-cadmium": "12", "migration-chromium": "4"}
    for i, code in enumerate([*codes, "migration-mercury"]):
        data[f"rows-{i}-code"] = code
        data[f"rows-{i}-unit"] = "mg/kg"
        data[f"rows-{i}-value"] = values.get(code, "")
        data[f"rows-{i}-uncertainty"] = "2"
    response = client.post(reverse("quality:sample_results", args=[sample.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    sample.refresh_from_db()
    assert sample.verdict == "non_conforming"
    assert LabResult.objects.filter(sample=sample).count() == 3
    page = client.get(url).content.decode()
    assert 'data-testid="inspection-target"' in page
    assert 'data-testid="warning-link"' in page

    for record, number, title in (
        ("sampling", sample.number, "Biênbảnlấymẫu"),
        ("seal", sample.seal_record_number, "Biênbảnniêmphongmẫu"),
        ("handover", sample.handover_record_number, "Biênbảnbàngiaomẫu"),
    ):
        pdf = client.get(reverse(f"quality:sample_{record}_pdf", args=[sample.pk]))
        assert pdf["Content-Type"] == "application/pdf"
        text = _squeeze(pdf.content)
        assert number.replace(" ", "") in text
        assert title.upper() in text.upper()
    assert "NP-7781" in _squeeze(
        client.get(reverse("quality:sample_seal_pdf", args=[sample.pk])).content
    )

    prefilled = client.get(reverse("quality:sample_warning", args=[sample.pk])).content.decode()
    assert "Búp bê nhựa" in prefilled and "132" in prefilled
    posted = client.post(
        reverse("quality:sample_warning", args=[sample.pk]),
        {
            "title": "Búp bê nhựa Happy Toys thôi nhiễm chì vượt giới hạn",
            "product": "Búp bê nhựa",
            "brand": "Happy Toys",
            "batch": "BB-07",
            "gtin": "",
            "hazard": "chemical",
            "description": "Thôi nhiễm chì 132 mg/kg (giới hạn ≤ 90 mg/kg).",
            "measure": "Ngừng bán lô BB-07.",
            "source_reference": sample.number,
        },
    )
    assert posted.status_code == 302
    warning = QualityWarning.objects.get()
    assert warning.source == "province"
    sample.refresh_from_db()
    assert sample.warning == warning


@pytest.mark.vietnamese
def test_it_refuses_a_wrong_unit_in_vietnamese_and_writes_nothing() -> None:
    sample = make_sample(stage="handed_over")
    client = _client(officer())
    data = {
        "report-report_number": "KQ-1",
        "report-reported_on": "2026-09-25",
        "rows-TOTAL_FORMS": "1",
        "rows-INITIAL_FORMS": "1",
        "rows-0-code": "petrol-sulfur-l3",
        "rows-0-unit": "mg/L",
        "rows-0-value": "212",
        "rows-0-uncertainty": "",
    }
    response = client.post(reverse("quality:sample_results", args=[sample.pk]), data)
    assert response.status_code == 200
    assert "không so sánh được" in response.content.decode()
    assert not LabResult.objects.exists()
    assert not TargetReferral.objects.exists()


@pytest.mark.vietnamese
def test_it_refuses_a_lab_out_of_scope_and_results_for_an_unsealed_sample() -> None:
    client = _client(officer())
    sealed = make_sample(stage="sealed")
    lab = survey_lab(scope_qcvn=["QCVN 4:2009/BKHCN"])
    response = client.post(
        reverse("quality:sample_hand_over", args=[sealed.pk]),
        {"lab": lab.pk, "handed_over_on": SAMPLED_ON.isoformat()},
    )
    assert response.status_code == 200
    assert "không được chỉ định thử nghiệm" in response.content.decode()
    unsealed = make_sample(stage="sampled")
    data = {
        "report-report_number": "KQ-1",
        "report-reported_on": "2026-09-25",
        "rows-TOTAL_FORMS": "1",
        "rows-INITIAL_FORMS": "1",
        "rows-0-code": "petrol-ron95",
        "rows-0-unit": "RON",
        "rows-0-value": "96",
        "rows-0-uncertainty": "",
    }
    response = client.post(reverse("quality:sample_results", args=[unsealed.pk]), data)
    assert "chưa được niêm phong" in response.content.decode()
    assert not LabResult.objects.exists()


def test_it_hides_a_sample_of_another_province() -> None:
    from tdc.testing.factories import PROVINCE_B

    sample = make_sample(stage="handed_over")
    other = _client(officer(PROVINCE_B))
    assert other.get(sample.get_absolute_url()).status_code == 404
    assert other.get(reverse("quality:sample_sampling_pdf", args=[sample.pk])).status_code == 404


def test_it_lists_samples_in_a_fixed_number_of_queries(django_assert_max_num_queries: Any) -> None:
    plan = approved_plan()
    for _ in range(3):
        make_sample(plan=plan)
    client = _client(officer())
    with django_assert_max_num_queries(20):
        response = client.get(reverse("quality:sample_list"))
    assert response.status_code == 200
