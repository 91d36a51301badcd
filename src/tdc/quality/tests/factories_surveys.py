"""Builders of survey records through the services: an approved plan, a sample at each stage,
a laboratory in scope for the fuel and toy regulations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tdc.places.models import Province
from tdc.quality import services
from tdc.quality.models import ConformityBody, Sample, SurveyPlan
from tdc.quality.tests.factories import LabFactory, leader, officer
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory

SAMPLED_ON = dt.date(2026, 9, 15)
FUEL = "QCVN 1:2022/BKHCN"
TOYS = "QCVN 3:2019/BKHCN"


def survey_lab(**overrides: Any) -> ConformityBody:
    values: dict[str, Any] = {"scope_qcvn": [FUEL, TOYS, "QCVN 2:2021/BKHCN"]}
    values.update(overrides)
    return LabFactory(**values)


def approved_plan(
    province_id: str = PROVINCE_A, *, decision_rule: str = "simple", by: Any = None
) -> SurveyPlan:
    by = by or officer(province_id)
    plan = services.survey_plan_create(
        by=by,
        province=Province.objects.get(pk=province_id),
        year=2026,
        title="Khảo sát chất lượng xăng dầu và đồ chơi 2026",
        product_groups=["fuel", "toy", "helmet"],
        legal_basis="Luật Chất lượng sản phẩm, hàng hóa; Kế hoạch số 12/KH-SKHCN",
        decision_rule=decision_rule,
    )
    return services.survey_plan_approve(plan=plan, by=leader(province_id), on=dt.date(2026, 2, 1))


def sample_values(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "product_group": "fuel",
        "qcvn": FUEL,
        "product": "Xăng RON 95-III",
        "brand": "Petro Tây Ninh",
        "batch": "L2026-09-01",
        "gtin": "",
        "place": "Cửa hàng xăng dầu số 5, Xã Phước Lý",
        "sampled_on": SAMPLED_ON,
        "quantity": "2 lít (2 chai 1 lít)",
    }
    values.update(overrides)
    return values


def make_sample(
    *,
    stage: str = "sampled",
    plan: SurveyPlan | None = None,
    business: Any = None,
    by: Any = None,
    lab: ConformityBody | None = None,
    **overrides: Any,
) -> Sample:
    """A sample at ``stage``: sampled, sealed or handed_over."""
    plan = plan or approved_plan()
    by = by or officer(plan.province_id)
    business = business or OrganisationFactory(province_id=plan.province_id, commune_id=COMMUNE_A)
    sample = services.sample_take(plan=plan, by=by, business=business, **sample_values(**overrides))
    if stage in ("sealed", "handed_over"):
        sample = services.sample_seal(
            sample=sample, by=by, seal_number="NP-000123", sealed_on=sample.sampled_on
        )
    if stage == "handed_over":
        services.sample_hand_over(
            sample=sample, by=by, lab=lab or survey_lab(), handed_over_on=sample.sampled_on
        )
        sample.refresh_from_db()
    return sample


FAILING_FUEL = [
    {"code": "petrol-ron95", "value": "95.4", "unit": "RON", "uncertainty": "0.3"},
    {"code": "petrol-sulfur-l3", "value": "212", "unit": "mg/kg", "uncertainty": "8"},
]
PASSING_FUEL = [
    {"code": "petrol-ron95", "value": "95.8", "unit": "RON", "uncertainty": "0.3"},
    {"code": "petrol-sulfur-l3", "value": "88", "unit": "mg/kg", "uncertainty": "6"},
]
