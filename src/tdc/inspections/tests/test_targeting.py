"""Risk-based targeting, de-confliction, other agencies' inspections, the catalogue and the
statistics (services, screens, API)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tdc.core.exceptions import ConcurrentEditError
from tdc.core.refdata import reference_row_update
from tdc.inspections import selectors, services
from tdc.inspections.models import ExternalInspection, RiskWeights
from tdc.inspections.tests.conftest import said
from tdc.inspections.tests.factories import (
    ExternalInspectionFactory,
    InspectionFactory,
    SanctionDecisionFactory,
    ViolationFactory,
)
from tdc.testing.factories import PROVINCE_A, make_user
from tdc.testing.fixtures import api_client_for, client_for

pytestmark = pytest.mark.django_db
API = "/api/v1/inspections"


# --- Risk ranking --------------------------------------------------------------------------


def test_it_explains_the_risk_score_and_follows_the_weights_version(
    officer: Any, org_a: Any, admin_user: Any
) -> None:
    inspection = InspectionFactory(
        organisation=org_a, inspected_on=timezone.localdate() - dt.timedelta(days=30)
    )
    ViolationFactory(inspection=inspection)

    ranked, weights = selectors.risk_ranking(user=officer)
    row = next(r for r in ranked if r.organisation.pk == org_a.pk)
    violations = next(c for c in row.score.contributions if c.factor == "violations")
    reference_row_update(row=weights, by=admin_user, reason="test", violation_weight=Decimal(10))
    ranked2, weights2 = selectors.risk_ranking(user=officer)
    row2 = next(r for r in ranked2 if r.organisation.pk == org_a.pk)
    violations2 = next(c for c in row2.score.contributions if c.factor == "violations")

    assert row.score.total == sum(c.points for c in row.score.contributions)
    assert row.score.version == weights.version_label
    assert violations.points > 0
    assert violations2.points == violations.points * 2
    assert weights2.version > weights.version


def test_it_loads_the_weights_as_reference_data() -> None:
    row = RiskWeights.objects.get(code="default")

    assert row.legal_basis
    assert row.version_label.startswith("inspections.riskweights@")
    assert str(row) == f"default @ {row.effective_from:%d/%m/%Y}"


def test_it_shows_the_ranking_to_planners_and_explains_it_to_others(
    web: Client, org_a: Any
) -> None:
    ViolationFactory(inspection__organisation=org_a)

    page = web.get(reverse("inspections:risk_ranking"))
    business = client_for(make_user("business_user", organisation=org_a, province_id=PROVINCE_A))
    refused = business.get(reverse("inspections:risk_ranking"))

    assert page.context["allowed"] is True
    assert org_a.pk in [r.organisation.pk for r in page.context["ranked"]]
    assert page.context["may_edit_weights"] is False
    assert 'data-testid="risk-row"' in page.content.decode()
    assert refused.context["allowed"] is False
    assert "ranked" not in refused.context


def test_it_says_when_no_weights_are_in_force(web: Client) -> None:
    with time_machine.travel(dt.datetime(2024, 6, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        page = web.get(reverse("inspections:risk_ranking"))

    assert page.context["ranked"] == [] and page.context["weights"] is None
    assert "No risk-score weights are in force on 01/06/2024" in said(page)[0]


def test_it_lets_an_administrator_change_the_weights_with_a_reason(admin_user: Any) -> None:
    row = RiskWeights.objects.get(code="default")
    url = reverse("inspections:risk_weights_edit", args=[row.pk])
    admin = client_for(admin_user)
    data = {
        "complaint_weight": "4",
        "violation_weight": row.violation_weight,
        "violation_half_life_days": row.violation_half_life_days,
        "overdue_instrument_weight": row.overdue_instrument_weight,
        "rejected_check_weight": row.rejected_check_weight,
        "years_since_inspection_weight": row.years_since_inspection_weight,
        "years_since_inspection_cap": row.years_since_inspection_cap,
        "size_weight": row.size_weight,
        "referral_weight": row.referral_weight,
        "lookback_days": row.lookback_days,
        "legal_basis": row.legal_basis,
        "notes": row.notes,
    }

    assert admin.get(url).status_code == 200
    assert admin.get(reverse("inspections:risk_ranking")).context["may_edit_weights"] is True
    no_reason = admin.post(url, data)
    changed = admin.post(url, {**data, "reason": "Khiếu nại tăng"}, follow=True)

    assert no_reason.status_code == 200 and not no_reason.context["form"].is_valid()
    assert changed.redirect_chain == [(reverse("inspections:risk_ranking"), 302)]
    assert said(changed) == ["The weights were changed; the ranking uses them now."]
    row.refresh_from_db()
    assert row.complaint_weight == Decimal(4)
    assert (
        client_for(make_user("provincial_officer", province_id=PROVINCE_A)).get(url).status_code
        == 404
    )


def test_it_answers_the_ranking_through_the_api_within_the_jurisdiction(
    officer: Any, org_a: Any
) -> None:
    body = api_client_for(officer).get(f"{API}/risk/").json()
    business = make_user("business_user", organisation=org_a, province_id=PROVINCE_A)

    row = next(r for r in body["results"] if r["organisation"] == org_a.pk)
    total = sum(float(c["points"]) for c in row["contributions"])
    assert body["weights_version"].startswith("inspections.riskweights@")
    assert abs(total - float(row["score"])) < 1e-6
    assert api_client_for(business).get(f"{API}/risk/").json() == {
        "weights_version": "",
        "results": [],
    }


# --- De-confliction and other agencies' inspections ----------------------------------------


def test_it_shows_who_inspected_a_business_lately_to_inspection_staff_only(
    web: Client, org_a: Any
) -> None:
    ExternalInspectionFactory(organisation=org_a)
    InspectionFactory(organisation=org_a)
    url = reverse("inspections:organisation_history", args=[org_a.pk])

    page = web.get(url)
    business = client_for(make_user("business_user", organisation=org_a, province_id=PROVINCE_A))
    own = business.get(url)

    assert page.context["allowed"] is True
    assert [(r.agency, r.ours) for r in page.context["recent"]] == [
        ("This authority", True),
        ("Quản lý thị trường", False),
    ]
    assert page.content.decode().count('data-testid="recent-inspection"') == 2
    assert own.status_code == 200 and own.context["recent"] == []


def test_it_records_and_corrects_another_agencys_inspection_on_screen(
    web: Client, org_a: Any
) -> None:
    create = reverse("inspections:external_create")
    data = {
        "organisation": org_a.pk,
        "agency": "Công an tỉnh",
        "inspected_on": "2026-03-02",
        "subject": "Xăng dầu",
        "reference": "05/BB-CA",
        "notes": "",
    }

    assert web.get(create).status_code == 200
    created = web.post(create, data)
    row = ExternalInspection.objects.get()
    edited = web.post(
        reverse("inspections:external_edit", args=[row.pk]),
        {**data, "subject": "Xăng dầu và khí", "_version": row.version},
    )
    listed = web.get(reverse("inspections:external_list"))
    detail = web.get(row.get_absolute_url())

    assert created["Location"] == row.get_absolute_url()
    assert edited.status_code == 302
    row.refresh_from_db()
    assert row.subject == "Xăng dầu và khí" and row.version == 2
    assert "Công an tỉnh" in listed.content.decode()
    assert ("subject", "Xăng dầu và khí") in [
        r for g in detail.context["field_groups"] for r in g.filled
    ]


def test_it_refuses_a_stale_correction_and_an_unknown_field(officer: Any) -> None:
    row = ExternalInspectionFactory()
    services.external_inspection_update(row=row, by=officer, expected_version=1, notes="Đã xem")

    with pytest.raises(ConcurrentEditError):
        services.external_inspection_update(row=row, by=officer, expected_version=1, notes="x")
    with pytest.raises(TypeError):
        services.external_inspection_create(by=officer, organisation=row.organisation, body="?")


def test_it_records_another_agencys_inspection_through_the_api(
    officer: Any, org_a: Any, org_b: Any
) -> None:
    api = api_client_for(officer)
    data = {
        "organisation": org_a.pk,
        "agency": "Y tế",
        "inspected_on": "2026-01-15",
        "subject": "An toàn thực phẩm",
        "reference": "",
        "notes": "",
    }

    created = api.post(f"{API}/other-agencies/", data, format="json")
    outside = api.post(f"{API}/other-agencies/", {**data, "organisation": org_b.pk}, format="json")
    listed = api.get(f"{API}/other-agencies/", {"organisation": org_a.pk}).json()

    assert created.status_code == 201, created.json()
    assert created.json()["agency"] == "Y tế"
    assert outside.status_code == 404
    assert [r["id"] for r in listed["results"]] == [created.json()["id"]]
    assert ExternalInspection.objects.get().created_by == officer


# --- Catalogue and statistics --------------------------------------------------------------


def test_it_shows_the_catalogue_in_force_on_a_day(web: Client) -> None:
    url = reverse("inspections:catalogue")

    today = web.get(url)
    old = web.get(url, {"on": "2010-01-01"})
    wrong = web.get(url, {"on": "01/02/2026"})

    assert any(row.code == "nd119-d9-k2" for row in today.context["rows"])
    assert list(old.context["rows"]) == []
    assert wrong.context["day"] == timezone.localdate()
    assert said(wrong) == ["Give the date as YYYY-MM-DD."]


def test_it_lists_the_catalogue_through_the_api(officer: Any) -> None:
    rows = api_client_for(officer).get(f"{API}/catalogue/").json()["results"]

    assert "nd119-d9-k2" in [row["code"] for row in rows]
    assert {"fine_min", "fine_max", "organisation_multiplier", "confidence"} <= set(rows[0])


def test_it_counts_inspections_violations_and_fines(web: Client, org_a: Any) -> None:
    decision = SanctionDecisionFactory(organisation=org_a)
    year = decision.decided_on.year

    page = web.get(reverse("inspections:statistics"), {"year": str(year)})
    other_year = web.get(reverse("inspections:statistics"), {"year": str(year - 5)})
    card = web.get(reverse("inspections:dashboard_card"))

    stats = page.context["stats"]
    assert stats["total"] == 1
    assert stats["by_article"] == [("Điều 9", 1)]
    assert stats["fines"]["decided"] == decision.total_fine
    assert json.loads(page.context["charts"]["fines"])["data"] == [
        float(decision.total_fine),
        float(decision.total_fine),
        0.0,
    ]
    assert other_year.context["stats"]["total"] == 0
    assert card.status_code == 200 and card.context["stats"]["total"] == 1
