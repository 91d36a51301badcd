"""The inspections API end to end: field work to a paid decision, opening under a campaign,
errors, scoping and query counts (each area's own endpoints are tested with its services)."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tdc.inspections import services
from tdc.inspections.tests.factories import (
    CampaignFactory,
    InspectionFactory,
    OfficerFactory,
    png_bytes,
)
from tdc.testing.factories import (
    COMMUNE_A,
    COMMUNE_A2,
    PROVINCE_A,
    PROVINCE_B,
    OrganisationFactory,
    make_user,
)
from tdc.testing.fixtures import api_client_for, client_for

pytestmark = pytest.mark.django_db
BASE = "/api/v1/inspections"


def test_it_runs_an_inspection_to_a_paid_decision(org_a: Any) -> None:
    api = api_client_for(OfficerFactory())
    today = str(timezone.localdate())
    created = api.post(
        f"{BASE}/inspections/",
        {"organisation": org_a.pk, "area": "market_scales", "inspected_on": today},
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]

    def post(action: str, data: dict[str, Any]) -> Any:
        return api.post(f"{BASE}/inspections/{pk}/{action}/", data, format="json")

    act = {"violation_type": "nd119-d9-k2", "committed_on": today}
    answer = post("answers", {"item": "scale-01", "answer": "non_compliant", "note": "Hết hạn"})
    unknown = post("violations", {**act, "violation_type": "nd119-d99"})
    out_of_range = post("violations", {**act, "proposed_fine": "1"})
    violation = post("violations", act)
    early = post("decision", {"decided_on": today})
    signature = "data:image/png;base64," + base64.b64encode(png_bytes()).decode()
    party = post("signatures", {"role": "inspected_party", "signature": signature})
    head = post("signatures", {"role": "team_head", "signature": signature})
    decision = post("decision", {"decided_on": today})
    paid = api.post(
        f"{BASE}/decisions/{decision.json()['id']}/payment/",
        {"paid_on": today, "receipt_number": "BL-01"},
        format="json",
    )
    stats = api.get(f"{BASE}/statistics/").json()

    assert answer.status_code == 200 and answer.json()["answer"] == "non_compliant"
    assert unknown.status_code == 400
    assert "violation_type" in unknown.json()["error"]["fields"]
    assert out_of_range.status_code == 400
    assert "4,000,000" in " ".join(out_of_range.json()["error"]["fields"]["proposed_fine"])
    assert violation.status_code == 201 and violation.json()["proposed_fine"] == "6000000"
    assert early.status_code == 400
    assert (party.status_code, party.json()["status"]) == (200, "draft")
    assert (head.status_code, head.json()["status"]) == (200, "recorded")
    assert decision.status_code == 201, decision.json()
    assert paid.json()["payment_status"] == "paid"
    assert stats["total"] == 1 and stats["fines"]["paid"] == "6000000"


def test_it_scopes_the_inspection_list_to_the_commune(org_a: Any) -> None:
    other = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A2)
    mine, theirs = InspectionFactory(organisation=org_a), InspectionFactory(organisation=other)
    api = api_client_for(make_user("commune_officer", commune_id=COMMUNE_A))
    ids = {row["id"] for row in api.get(f"{BASE}/inspections/").json()["results"]}
    assert mine.pk in ids and theirs.pk not in ids
    assert api.get(f"{BASE}/inspections/{theirs.pk}/").status_code == 404


def test_it_opens_an_inspection_under_an_approved_campaign_of_the_province(
    officer: Any, leader: Any, org_a: Any
) -> None:
    campaign = CampaignFactory()
    services.plan_submit(plan=campaign.plan, by=officer)
    services.plan_approve(plan=campaign.plan, by=leader)
    elsewhere = CampaignFactory(plan__province_id=PROVINCE_B)
    api = api_client_for(officer)
    data = {"organisation": org_a.pk, "area": "market_scales", "inspected_on": "2026-04-02"}

    opened = api.post(f"{BASE}/inspections/", {**data, "campaign": campaign.pk}, format="json")
    outside = api.post(f"{BASE}/inspections/", {**data, "campaign": elsewhere.pk}, format="json")
    drafts = api.get(f"{BASE}/inspections/", {"status": "draft"}).json()["results"]

    assert opened.status_code == 201, opened.json()
    assert opened.json()["campaign"] == campaign.pk
    assert opened.json()["commune"] == COMMUNE_A and opened.json()["answers"] == []
    assert outside.status_code == 404
    assert [row["id"] for row in drafts] == [opened.json()["id"]]


def test_it_answers_404_to_actions_outside_the_scope_and_401_to_anonymous(org_b: Any) -> None:
    outside = InspectionFactory(organisation=org_b)
    api = api_client_for(OfficerFactory())
    assert api.post(f"{BASE}/inspections/{outside.pk}/answers/", {}).status_code == 404
    inspector = api_client_for(make_user("inspector", province_id=PROVINCE_A))
    inside = InspectionFactory()
    assert inspector.post(f"{BASE}/inspections/{inside.pk}/decision/", {}).status_code == 404
    assert APIClient().post(f"{BASE}/plans/1/approve/").status_code == 401


def test_it_lists_inspections_in_a_fixed_number_of_queries(
    org_a: Any, django_assert_max_num_queries: Any
) -> None:
    user = OfficerFactory()
    InspectionFactory.create_batch(3)
    api, web = api_client_for(user), client_for(user)
    with django_assert_max_num_queries(12):
        assert api.get(f"{BASE}/inspections/").status_code == 200
    with django_assert_max_num_queries(15):
        assert web.get("/inspections/").status_code == 200
    InspectionFactory.create_batch(5)
    with django_assert_max_num_queries(12):
        assert api.get(f"{BASE}/inspections/").status_code == 200
    with django_assert_max_num_queries(15):
        assert web.get("/inspections/").status_code == 200
