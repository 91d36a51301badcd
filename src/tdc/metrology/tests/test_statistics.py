"""Metrology statistics: verifications by month, type, result and organisation; overdue rate
by commune; instruments by type — scoped, and in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from tdc.core.roles import Role
from tdc.metrology.selectors import statistics
from tdc.metrology.tests.factories import (
    InstrumentFactory,
    PastVerificationFactory,
    VerifierFactory,
)
from tdc.testing.factories import (
    COMMUNE_A,
    COMMUNE_A2,
    COMMUNE_B,
    PROVINCE_A,
    PROVINCE_B,
    OrganisationFactory,
    make_user,
)
from tdc.testing.fixtures import api_client_for, client_for

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def data() -> dict[str, Any]:
    owner = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)
    owner_b = OrganisationFactory(province_id=PROVINCE_B, commune_id=COMMUNE_B)
    v1 = VerifierFactory(organisation__name="Lab Một")
    v2 = VerifierFactory(organisation__name="Lab Hai")
    a = InstrumentFactory(owner=owner, next_due_date=TODAY - dt.timedelta(days=3))
    b = InstrumentFactory(owner=owner, next_due_date=TODAY + dt.timedelta(days=100))
    c = InstrumentFactory(
        owner=owner,
        commune_code=COMMUNE_A2,
        next_due_date=TODAY - dt.timedelta(days=1),
        type_code="taximeter",
    )
    d = InstrumentFactory(
        owner=owner, commune_code=COMMUNE_A2, next_due_date=TODAY - dt.timedelta(days=9)
    )
    far = InstrumentFactory(owner=owner_b, next_due_date=TODAY)
    for instrument, verifier, day, result in (
        (a, v1, dt.date(2026, 1, 10), "passed"),
        (b, v1, dt.date(2026, 1, 20), "failed"),
        (c, v2, dt.date(2026, 3, 5), "passed"),
        (far, v1, dt.date(2026, 3, 6), "passed"),
        (a, v1, dt.date(2025, 3, 6), "passed"),  # last year
    ):
        PastVerificationFactory(
            instrument=instrument, verifier=verifier, verified_on=day, result=result
        )
    return locals()


def test_it_counts_by_month_type_result_and_organisation(data: dict[str, Any]) -> None:
    officer = make_user(Role.PROVINCIAL_OFFICER, province_id=PROVINCE_A)
    period = statistics.Period.year(2026)
    months = {m["month"].month: m for m in statistics.monthly(user=officer, period=period)}
    assert len(months) == 12
    assert (months[1]["total"], months[1]["passed"], months[1]["failed"]) == (2, 1, 1)
    assert months[3]["total"] == 1 and months[2]["total"] == 0
    assert statistics.by_result(user=officer, period=period) == {"passed": 2, "failed": 1}
    types = {r["type_code"]: r["total"] for r in statistics.by_type(user=officer, period=period)}
    assert types == {"fuel-dispenser": 2, "taximeter": 1}
    orgs = {
        r["organisation__name"]: r["total"]
        for r in statistics.by_organisation(user=officer, period=period)
    }
    assert orgs == {"Lab Một": 2, "Lab Hai": 1}


def test_it_computes_the_overdue_rate_by_commune(data: dict[str, Any]) -> None:
    officer = make_user(Role.PROVINCIAL_OFFICER, province_id=PROVINCE_A)
    rows = statistics.overdue_by_commune(user=officer, today=TODAY)
    rates = {r["commune_id"]: (r["overdue"], r["total"], r["rate"]) for r in rows}
    assert rates == {COMMUNE_A2: (2, 2, 1.0), COMMUNE_A: (1, 2, 0.5)}
    assert [r["commune_id"] for r in rows] == [COMMUNE_A2, COMMUNE_A]
    by_type = {r["type_code"]: r["total"] for r in statistics.instruments_by_type(user=officer)}
    assert by_type == {"fuel-dispenser": 3, "taximeter": 1}


def test_it_shows_the_page_in_a_fixed_number_of_queries(
    data: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    officer = make_user(Role.PROVINCIAL_OFFICER, province_id=PROVINCE_A)
    client = client_for(officer)
    with django_assert_max_num_queries(16):
        page = client.get(reverse("metrology:statistics"), {"year": "2026"})
    body = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="stat-passed">2<' in body and "Lab Hai" in body
    assert "chart-monthly" in body and "tdc/charts.js" in body
    officer_b = make_user(Role.PROVINCIAL_OFFICER, province_id=PROVINCE_B)
    data_b = api_client_for(officer_b).get(reverse("api:metrology-statistics"), {"year": 2026})
    assert data_b.json()["by_result"] == {"passed": 1, "failed": 0}
