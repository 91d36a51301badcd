"""The inspections API: plans and approval, field work, decisions, payment, errors, scoping."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from tdc.inspections.tests.factories import (
    CampaignFactory,
    InspectionFactory,
    InspectionPlanFactory,
    OfficerFactory,
    png_bytes,
)
from tdc.testing.factories import COMMUNE_A, COMMUNE_A2, PROVINCE_A, OrganisationFactory, make_user
from tdc.testing.fixtures import api_client_for

pytestmark = pytest.mark.django_db
BASE = "/api/v1/inspections"


def test_it_approves_plans_through_the_api_for_leaders_only() -> None:
    plan = InspectionPlanFactory()
    CampaignFactory(plan=plan)
    officer_api = api_client_for(OfficerFactory())
    assert officer_api.post(f"{BASE}/plans/{plan.pk}/submit/").status_code == 200
    refused = officer_api.post(f"{BASE}/plans/{plan.pk}/approve/")
    assert refused.status_code == 404
    assert set(refused.json()["error"]) == {"code", "message", "fields"}
    leader_api = api_client_for(make_user("provincial_leader", province_id=PROVINCE_A))
    approved = leader_api.post(f"{BASE}/plans/{plan.pk}/approve/")
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"


def test_it_runs_an_inspection_to_a_paid_decision(org_a: Any) -> None:
    import base64

    head = OfficerFactory()
    api = api_client_for(head)
    created = api.post(
        f"{BASE}/inspections/",
        {
            "organisation": org_a.pk,
            "area": "market_scales",
            "inspected_on": str(timezone.localdate()),
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    answer = api.post(
        f"{BASE}/inspections/{pk}/answers/",
        {"item": "scale-01", "answer": "non_compliant", "note": "Hết hạn kiểm định"},
        format="json",
    )
    assert answer.status_code == 200
    unknown = api.post(
        f"{BASE}/inspections/{pk}/violations/",
        {"violation_type": "nd119-d99", "committed_on": str(timezone.localdate())},
        format="json",
    )
    assert unknown.status_code == 400
    assert "violation_type" in unknown.json()["error"]["fields"]
    out_of_range = api.post(
        f"{BASE}/inspections/{pk}/violations/",
        {
            "violation_type": "nd119-d9-k2",
            "committed_on": str(timezone.localdate()),
            "proposed_fine": "1",
        },
        format="json",
    )
    assert out_of_range.status_code == 400
    assert "4,000,000" in " ".join(out_of_range.json()["error"]["fields"]["proposed_fine"])
    violation = api.post(
        f"{BASE}/inspections/{pk}/violations/",
        {"violation_type": "nd119-d9-k2", "committed_on": str(timezone.localdate())},
        format="json",
    )
    assert violation.status_code == 201
    assert violation.json()["proposed_fine"] == "6000000"
    early = api.post(
        f"{BASE}/inspections/{pk}/decision/",
        {"decided_on": str(timezone.localdate())},
        format="json",
    )
    assert early.status_code == 400
    signature = "data:image/png;base64," + base64.b64encode(png_bytes()).decode()
    for role in ("inspected_party", "team_head"):
        signed = api.post(
            f"{BASE}/inspections/{pk}/signatures/",
            {"role": role, "signature": signature},
            format="json",
        )
        assert signed.status_code == 200
    assert signed.json()["status"] == "recorded"
    decision = api.post(
        f"{BASE}/inspections/{pk}/decision/",
        {"decided_on": str(timezone.localdate())},
        format="json",
    )
    assert decision.status_code == 201, decision.json()
    paid = api.post(
        f"{BASE}/decisions/{decision.json()['id']}/payment/",
        {"paid_on": str(timezone.localdate()), "receipt_number": "BL-01"},
        format="json",
    )
    assert paid.json()["payment_status"] == "paid"
    stats = api.get(f"{BASE}/statistics/").json()
    assert stats["total"] == 1
    assert stats["fines"]["paid"] == "6000000"


def test_it_scopes_the_inspection_list_to_the_commune(org_a: Any) -> None:
    other = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A2)
    mine, theirs = InspectionFactory(organisation=org_a), InspectionFactory(organisation=other)
    api = api_client_for(make_user("commune_officer", commune_id=COMMUNE_A))
    ids = {row["id"] for row in api.get(f"{BASE}/inspections/").json()["results"]}
    assert mine.pk in ids and theirs.pk not in ids
    assert api.get(f"{BASE}/inspections/{theirs.pk}/").status_code == 404


def test_it_explains_risk_scores(org_a: Any) -> None:
    body = api_client_for(OfficerFactory()).get(f"{BASE}/risk/").json()
    assert body["weights_version"].startswith("inspections.riskweights@")
    row = next(r for r in body["results"] if r["organisation"] == org_a.pk)
    total = sum(float(c["points"]) for c in row["contributions"])
    assert abs(total - float(row["score"])) < 1e-6
    business = make_user("business_user", organisation=org_a, province_id=PROVINCE_A)
    assert api_client_for(business).get(f"{BASE}/risk/").json()["results"] == []


def test_it_answers_404_to_actions_outside_the_scope_and_401_to_anonymous(org_b: Any) -> None:
    from rest_framework.test import APIClient

    outside = InspectionFactory(organisation=org_b)
    api = api_client_for(OfficerFactory())
    assert api.post(f"{BASE}/inspections/{outside.pk}/answers/", {}).status_code == 404
    inspector = api_client_for(make_user("inspector", province_id=PROVINCE_A))
    inside = InspectionFactory(
        organisation=OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)
    )
    assert inspector.post(f"{BASE}/inspections/{inside.pk}/decision/", {}).status_code == 404
    assert APIClient().post(f"{BASE}/plans/1/approve/").status_code == 401


def test_it_lists_inspections_in_a_fixed_number_of_queries(
    org_a: Any, django_assert_max_num_queries: Any
) -> None:
    from tdc.testing.fixtures import client_for

    user = OfficerFactory()
    for _ in range(3):
        InspectionFactory(
            organisation=OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)
        )
    api, web = api_client_for(user), client_for(user)
    with django_assert_max_num_queries(12):
        assert api.get(f"{BASE}/inspections/").status_code == 200
    with django_assert_max_num_queries(15):
        assert web.get("/inspections/").status_code == 200
    for _ in range(5):
        InspectionFactory(
            organisation=OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)
        )
    with django_assert_max_num_queries(12):
        assert api.get(f"{BASE}/inspections/").status_code == 200
    with django_assert_max_num_queries(15):
        assert web.get("/inspections/").status_code == 200
