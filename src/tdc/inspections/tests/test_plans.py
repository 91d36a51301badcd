"""Annual plans and campaigns: drafting, approval, targets and teams (services, screens, API)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tdc.core.exceptions import ConcurrentEditError
from tdc.core.models import AuditAction, AuditEvent
from tdc.inspections import selectors, services
from tdc.inspections.choices import PlanStatus, TeamRole
from tdc.inspections.models import Campaign, InspectionPlan
from tdc.inspections.tests.conftest import said
from tdc.inspections.tests.factories import (
    CampaignFactory,
    ExternalInspectionFactory,
    InspectionPlanFactory,
    OfficerFactory,
)
from tdc.notifications.models import Notification
from tdc.testing.factories import PROVINCE_A, PROVINCE_B, OrganisationFactory, make_user
from tdc.testing.fixtures import api_client_for, client_for

pytestmark = pytest.mark.django_db
API = "/api/v1/inspections"


def _campaign_after_a_check_of(organisation: Any, *, days: int) -> Campaign:
    """A campaign starting ``days`` after market management inspected ``organisation``."""
    campaign = CampaignFactory()
    ExternalInspectionFactory(
        organisation=organisation, inspected_on=campaign.start_date - dt.timedelta(days=days)
    )
    return campaign


def _submitted_plan() -> InspectionPlan:
    plan = CampaignFactory().plan
    return services.plan_submit(plan=plan, by=OfficerFactory())


# --- Plans: services -----------------------------------------------------------------------


def test_it_lets_only_a_leader_of_the_province_approve_a_plan(officer: Any, leader: Any) -> None:
    plan = _submitted_plan()
    with pytest.raises(PermissionDenied):
        services.plan_approve(plan=plan, by=officer)
    with pytest.raises(PermissionDenied):
        services.plan_approve(plan=plan, by=make_user("provincial_leader", province_id=PROVINCE_B))

    approved = services.plan_approve(plan=plan, by=leader)

    assert approved.status == PlanStatus.APPROVED
    assert approved.approved_by == leader
    assert AuditEvent.objects.filter(object_id=str(plan.pk), action=AuditAction.APPROVED).exists()
    with pytest.raises(ValidationError):
        services.plan_approve(plan=approved, by=leader)


def test_it_notifies_the_leaders_on_submit_and_returns_with_a_reason(leader: Any) -> None:
    plan = _submitted_plan()
    assert Notification.objects.filter(recipient=leader).exists()
    plan.refresh_from_db()
    assert plan.submitted_at is not None

    with pytest.raises(ValidationError) as caught:
        services.plan_return(plan=plan, by=leader, reason=" ")
    assert "reason" in caught.value.message_dict
    returned = services.plan_return(plan=plan, by=leader, reason="Thiếu chợ Phước Lý")

    assert returned.status == PlanStatus.RETURNED
    assert returned.return_reason == "Thiếu chợ Phước Lý"
    with pytest.raises(ValidationError):
        services.plan_return(plan=returned, by=leader, reason="Again")
    with pytest.raises(PermissionDenied):
        services.plan_return(plan=returned, by=OfficerFactory(), reason="Not mine to return")


def test_it_submits_only_a_plan_with_campaigns_and_only_once(officer: Any) -> None:
    empty = InspectionPlanFactory()
    with pytest.raises(ValidationError) as caught:
        services.plan_submit(plan=empty, by=officer)
    assert "campaign" in caught.value.messages[0]

    submitted = _submitted_plan()
    with pytest.raises(ValidationError) as again:
        services.plan_submit(plan=submitted, by=officer)
    assert "Submitted" in again.value.messages[0]
    inspector = make_user("inspector", province_id=PROVINCE_A)
    with pytest.raises(PermissionDenied):
        services.plan_submit(plan=CampaignFactory().plan, by=inspector)


def test_it_changes_a_draft_plan_but_not_a_submitted_or_stale_one(officer: Any) -> None:
    plan = InspectionPlanFactory()

    changed = services.plan_update(
        plan=plan, by=officer, expected_version=plan.version, title="Kế hoạch sửa"
    )

    assert changed.title == "Kế hoạch sửa" and changed.version == plan.version + 1
    with pytest.raises(ConcurrentEditError):
        services.plan_update(plan=plan, by=officer, expected_version=plan.version, title="X")
    with pytest.raises(TypeError):
        services.plan_update(plan=plan, by=officer, status=PlanStatus.APPROVED)
    submitted = _submitted_plan()
    with pytest.raises(ValidationError) as caught:
        services.plan_update(plan=submitted, by=officer, title="Too late")
    assert "cannot be changed" in caught.value.messages[0]


# --- Campaigns: services -------------------------------------------------------------------


def test_it_adds_campaigns_only_in_the_plans_year_while_it_is_a_draft(officer: Any) -> None:
    plan = InspectionPlanFactory()
    with pytest.raises(ValidationError) as caught:
        CampaignFactory(plan=plan, start_date=dt.date(plan.year + 1, 1, 5))
    assert "start_date" in caught.value.message_dict

    CampaignFactory(plan=plan)
    submitted = services.plan_submit(plan=plan, by=officer)

    with pytest.raises(ValidationError) as refused:
        CampaignFactory(plan=submitted)
    assert "draft or returned" in refused.value.messages[0]


def test_it_warns_when_a_target_was_inspected_in_the_last_year(officer: Any, org_a: Any) -> None:
    campaign = _campaign_after_a_check_of(org_a, days=40)

    _target, conflicts = services.campaign_target_add(
        campaign=campaign, organisation=org_a, by=officer, reason="Điểm rủi ro cao"
    )
    _other, none = services.campaign_target_add(
        campaign=campaign, organisation=OrganisationFactory(), by=officer
    )

    assert [c.agency for c in conflicts] == ["Quản lý thị trường"]
    assert none == []
    assert list(selectors.campaign_conflicts(campaign)) == [org_a.pk]
    with pytest.raises(ValidationError) as twice:
        services.campaign_target_add(campaign=campaign, organisation=org_a, by=officer)
    assert "already a target" in twice.value.messages[0]


def test_it_keeps_targets_and_team_to_the_plans_province(officer: Any, org_b: Any) -> None:
    campaign = CampaignFactory()
    with pytest.raises(ValidationError) as target:
        services.campaign_target_add(campaign=campaign, organisation=org_b, by=officer)
    assert "organisation" in target.value.message_dict
    with pytest.raises(ValidationError) as member:
        services.campaign_team_add(
            campaign=campaign,
            user=OfficerFactory(province_id=PROVINCE_B),
            role="member",
            by=officer,
        )
    assert "user" in member.value.message_dict

    added = services.campaign_team_add(
        campaign=campaign, user=officer, role=TeamRole.HEAD, by=officer
    )

    assert str(added) == f"{officer} (Head of team)"
    assert campaign.team.get().user == officer


# --- Screens -------------------------------------------------------------------------------


def test_it_drafts_a_plan_and_its_campaign_on_screen(web: Client) -> None:
    year = timezone.localdate().year + 1
    form = web.get(reverse("inspections:plan_create"))
    assert form.status_code == 200

    created = web.post(
        reverse("inspections:plan_create"),
        {"province": PROVINCE_A, "year": year, "title": "Kế hoạch năm sau", "legal_basis": ""},
    )

    plan = InspectionPlan.objects.get(title="Kế hoạch năm sau")
    assert created.status_code == 302 and created["Location"] == plan.get_absolute_url()
    url = reverse("inspections:campaign_create", args=[plan.pk])
    assert web.get(url).status_code == 200
    wrong_year = web.post(url, _campaign_form(year - 1))
    assert wrong_year.status_code == 200
    assert "must start in the plan" in wrong_year.content.decode()
    added = web.post(url, _campaign_form(year))
    campaign = plan.campaigns.get()
    assert added["Location"] == campaign.get_absolute_url()
    page = web.get(plan.get_absolute_url()).content.decode()
    assert "Kiểm tra chợ" in page and "Kế hoạch năm sau" in page


def _campaign_form(year: int) -> dict[str, Any]:
    return {
        "title": "Kiểm tra chợ",
        "kind": "thematic",
        "area": "market_scales",
        "start_date": f"{year}-04-01",
        "end_date": f"{year}-05-30",
        "notes": "",
    }


def test_it_lists_and_exports_the_plans_of_the_province(web: Client) -> None:
    mine = InspectionPlanFactory(title="Kế hoạch Tây Ninh")
    InspectionPlanFactory(province_id=PROVINCE_B, title="Kế hoạch Cần Thơ")

    page = web.get(reverse("inspections:plan_list"), {"status": "draft"})
    export = web.get(reverse("inspections:plan_list"), {"_export": "csv"})

    assert [row.record for row in page.context["table"].rows] == [mine]
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert export["Content-Type"].startswith("text/csv")
    assert "Kế hoạch Tây Ninh" in body and "Kế hoạch Cần Thơ" not in body


def test_it_edits_a_draft_plan_on_screen(web: Client) -> None:
    plan = InspectionPlanFactory()
    url = reverse("inspections:plan_edit", args=[plan.pk])

    response = web.post(
        url,
        {
            "province": PROVINCE_A,
            "year": plan.year,
            "title": "Kế hoạch đã sửa",
            "legal_basis": "Luật Đo lường",
            "_version": plan.version,
        },
    )

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.title == "Kế hoạch đã sửa"


def test_it_submits_approves_and_returns_plans_on_screen(
    web: Client, officer: Any, leader: Any
) -> None:
    plan = InspectionPlanFactory()
    submit = reverse("inspections:plan_submit", args=[plan.pk])

    refused = web.post(submit, follow=True)
    assert refused.redirect_chain == [(plan.get_absolute_url(), 302)]
    assert said(refused) == ["Add at least one campaign before submitting the plan."]
    CampaignFactory(plan=plan)
    submitted = web.post(submit, follow=True)
    assert said(submitted) == ["The plan was submitted to the provincial leaders."]
    boss = client_for(leader)
    page = boss.get(plan.get_absolute_url())
    assert page.context["may_approve"] is True
    returned = boss.post(
        reverse("inspections:plan_return", args=[plan.pk]), {"reason": "Thêm chợ"}, follow=True
    )
    assert said(returned) == ["The plan was returned to the officers."]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.RETURNED and plan.return_reason == "Thêm chợ"
    web.post(submit)
    approved = boss.post(reverse("inspections:plan_approve", args=[plan.pk]), follow=True)
    assert said(approved) == ["The plan is approved."]
    again = boss.post(reverse("inspections:plan_approve", args=[plan.pk]), follow=True)
    assert "Only a submitted plan" in said(again)[0]
    assert web.post(reverse("inspections:plan_approve", args=[plan.pk])).status_code == 404


def test_it_adds_targets_and_team_members_on_the_campaign_page(
    web: Client, officer: Any, org_a: Any
) -> None:
    campaign = _campaign_after_a_check_of(org_a, days=10)
    page = web.get(campaign.get_absolute_url())
    assert page.status_code == 200 and page.context["target_form"] is not None
    targets = reverse("inspections:campaign_target_add", args=[campaign.pk])

    warned = web.post(targets, {"organisation": org_a.pk, "reason": "Bị phản ánh"}, follow=True)
    other = OrganisationFactory()
    fine = web.post(targets, {"organisation": other.pk}, follow=True)
    twice = web.post(targets, {"organisation": other.pk}, follow=True)
    empty = web.post(targets, {}, follow=True)

    assert said(warned)[0].startswith(f"Warning: {org_a} was inspected in the last 12 months")
    assert said(fine) == ["Target added."]
    assert "already a target" in said(twice)[0]
    assert said(empty) == ["Choose an organisation to add as a target."]
    assert (
        'data-testid="deconfliction-warning"'
        in web.get(campaign.get_absolute_url()).content.decode()
    )
    team = reverse("inspections:campaign_team_add", args=[campaign.pk])
    assert said(web.post(team, {}, follow=True)) == ["Choose an officer and a role."]
    web.post(team, {"user": officer.pk, "role": "head"})
    assert campaign.team.get().user == officer
    again = web.post(team, {"user": officer.pk, "role": "member"}, follow=True)
    assert "already in the team" in said(again)[0]


def test_it_offers_no_forms_on_a_campaign_of_a_submitted_plan(web: Client) -> None:
    plan = _submitted_plan()
    campaign = plan.campaigns.get()

    page = web.get(campaign.get_absolute_url())

    assert page.context["may_change"] is False
    assert page.context["target_form"] is None and page.context["team_form"] is None


# --- API -----------------------------------------------------------------------------------


def test_it_drafts_submits_returns_and_approves_through_the_api(officer: Any, leader: Any) -> None:
    api = api_client_for(officer)
    created = api.post(
        f"{API}/plans/",
        {"province": PROVINCE_A, "year": 2027, "title": "Kế hoạch API", "legal_basis": ""},
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["status"] == "draft" and body["version"] == 1
    plan = InspectionPlan.objects.get(pk=body["id"])
    CampaignFactory(plan=plan)
    assert api.post(f"{API}/plans/{plan.pk}/submit/").json()["status"] == "submitted"
    refused = api.post(f"{API}/plans/{plan.pk}/approve/")
    assert refused.status_code == 404
    assert set(refused.json()["error"]) == {"code", "message", "fields"}

    boss = api_client_for(leader)
    no_reason = boss.post(f"{API}/plans/{plan.pk}/return/", {}, format="json")
    returned = boss.post(f"{API}/plans/{plan.pk}/return/", {"reason": "Thêm chợ"}, format="json")
    api.post(f"{API}/plans/{plan.pk}/submit/")
    approved = boss.post(f"{API}/plans/{plan.pk}/approve/")

    assert no_reason.status_code == 400 and "reason" in no_reason.json()["error"]["fields"]
    assert returned.json()["status"] == "returned"
    assert returned.json()["return_reason"] == "Thêm chợ"
    assert approved.status_code == 200 and approved.json()["status"] == "approved"


def test_it_adds_a_campaign_target_through_the_api_with_the_warning(
    officer: Any, org_a: Any, org_b: Any
) -> None:
    campaign = _campaign_after_a_check_of(org_a, days=40)
    api = api_client_for(officer)

    listed = api.get(f"{API}/campaigns/").json()["results"]
    added = api.post(
        f"{API}/campaigns/{campaign.pk}/targets/", {"organisation": org_a.pk}, format="json"
    )
    outside = api.post(
        f"{API}/campaigns/{campaign.pk}/targets/", {"organisation": org_b.pk}, format="json"
    )

    assert [row["id"] for row in listed] == [campaign.pk]
    assert added.status_code == 201
    assert [(r["agency"], r["ours"]) for r in added.json()] == [("Quản lý thị trường", False)]
    assert outside.status_code == 404
    assert campaign.targets.get().organisation == org_a
