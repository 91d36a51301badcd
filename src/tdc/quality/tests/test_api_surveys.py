"""The surveys API: plans, samples, and the seal / hand-over / results steps with the verdict;
a refused row answers 400 naming the field and writes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tdc.inspections.models import TargetReferral
from tdc.quality.models import LabResult, Sample, SurveyPlan
from tdc.quality.tests.factories import officer
from tdc.quality.tests.factories_surveys import SAMPLED_ON, approved_plan, survey_lab
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, PROVINCE_B, OrganisationFactory
from tdc.testing.fixtures import api_client_for

pytestmark = pytest.mark.django_db


def test_it_creates_a_plan_of_the_callers_province() -> None:
    client = api_client_for(officer())
    response = client.post(
        reverse("api:quality-survey-plan-list"),
        {
            "year": 2026,
            "title": "Khảo sát phân bón 2026",
            "product_groups": ["fertiliser"],
            "legal_basis": "Kế hoạch 7/KH-SKHCN",
            "decision_rule": "guarded",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    plan = SurveyPlan.objects.get()
    assert plan.province_id == PROVINCE_A and plan.status == "draft"


def test_it_walks_a_sample_to_a_failing_verdict_through_the_api() -> None:
    plan = approved_plan()
    business = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)
    client = api_client_for(officer())
    created = client.post(
        reverse("api:quality-survey-sample-list"),
        {
            "plan": plan.pk,
            "business": business.pk,
            "product_group": "helmet",
            "qcvn": "QCVN 2:2021/BKHCN",
            "product": "Mũ bảo hiểm nửa đầu",
            "brand": "Nón Việt",
            "batch": "NV-2026-08",
            "place": "Cửa hàng Nón Việt, Xã Phước Lý",
            "sampled_on": SAMPLED_ON.isoformat(),
            "quantity": "3 chiếc",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["number"].endswith("/2026/BBLM-TDC80")
    refused = client.post(
        reverse("api:quality-survey-sample-results", args=[pk]),
        {
            "report_number": "KQ-1",
            "reported_on": "2026-09-20",
            "rows": [{"code": "impact-acceleration", "value": "310", "unit": "g (gia tốc)"}],
        },
        format="json",
    )
    assert refused.status_code == 400
    assert not LabResult.objects.exists()
    sealed = client.post(
        reverse("api:quality-survey-sample-seal", args=[pk]),
        {"seal_number": "NP-1", "sealed_on": SAMPLED_ON.isoformat()},
        format="json",
    )
    assert sealed.json()["status"] == "sealed"
    handed = client.post(
        reverse("api:quality-survey-sample-hand-over", args=[pk]),
        {"lab": survey_lab().pk, "handed_over_on": SAMPLED_ON.isoformat()},
        format="json",
    )
    assert handed.status_code == 200, handed.json()
    wrong_unit = client.post(
        reverse("api:quality-survey-sample-results", args=[pk]),
        {
            "report_number": "KQ-1",
            "reported_on": "2026-09-20",
            "rows": [{"code": "strap-extension", "value": "31", "unit": "kg"}],
        },
        format="json",
    )
    assert wrong_unit.status_code == 400
    assert "unit" in wrong_unit.json()["error"]["fields"]
    assert not LabResult.objects.exists()
    done = client.post(
        reverse("api:quality-survey-sample-results", args=[pk]),
        {
            "report_number": "KQ-1",
            "reported_on": "2026-09-20",
            "rows": [
                {"code": "impact-acceleration", "value": "310", "unit": "g (gia tốc)"},
                {"code": "strap-extension", "value": "2.1", "unit": "cm", "uncertainty": "0.1"},
            ],
        },
        format="json",
    )
    assert done.status_code == 200, done.json()
    body = done.json()
    assert body["verdict"] == "non_conforming"
    assert {r["code"]: r["verdict"] for r in body["results"]} == {
        "impact-acceleration": "non_conforming",
        "strap-extension": "conforming",
    }
    assert body["results"][0]["decision_rule"] == "simple"
    assert TargetReferral.objects.filter(organisation=business).exists()


def test_it_hides_samples_of_another_province() -> None:
    from tdc.quality.tests.factories_surveys import make_sample

    sample = make_sample()
    client = api_client_for(officer(PROVINCE_B))
    assert (
        client.get(reverse("api:quality-survey-sample-detail", args=[sample.pk])).status_code == 404
    )
    assert Sample.objects.count() == 1
