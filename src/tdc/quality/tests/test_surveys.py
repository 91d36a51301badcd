"""Survey services: plan, sample with its three numbered records, lab checks, results judged
against the QCVN limits under the plan's decision rule, the referral to inspections (and the
risk score it raises), the warning prefilled from the finding; refusals write nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tdc.core.models import AuditEvent
from tdc.inspections import selectors as inspection_selectors
from tdc.inspections.models import TargetReferral
from tdc.quality import services
from tdc.quality.models import LabResult, QualityWarning, Sample
from tdc.quality.tests.factories import leader, officer
from tdc.quality.tests.factories_surveys import (
    FAILING_FUEL,
    PASSING_FUEL,
    SAMPLED_ON,
    approved_plan,
    make_sample,
    survey_lab,
)
from tdc.testing.factories import PROVINCE_A, make_user

pytestmark = pytest.mark.django_db

REPORTED = SAMPLED_ON + dt.timedelta(days=10)


def _record(sample: Sample, rows: list[dict[str, str]]) -> Sample:
    return services.results_record(
        sample=sample,
        by=officer(),
        rows=rows,
        report_number="KQ-2026/118",
        reported_on=REPORTED,
    )


def test_it_numbers_the_three_records_of_a_sample() -> None:
    sample = make_sample(stage="handed_over")
    assert sample.number.endswith(f"/2026/BBLM-TDC{PROVINCE_A}")
    assert sample.seal_record_number.endswith(f"/2026/BBNP-TDC{PROVINCE_A}")
    assert sample.handover_record_number.endswith(f"/2026/BBBG-TDC{PROVINCE_A}")
    assert sample.status == "handed_over"
    assert AuditEvent.objects.filter(object_id=str(sample.pk)).count() >= 3


def test_it_takes_samples_only_under_an_approved_plan() -> None:
    plan = approved_plan()
    plan.status = "draft"
    with pytest.raises(ValidationError) as info:
        make_sample(plan=plan)
    assert "plan" in info.value.message_dict


def test_it_refuses_a_leader_approving_another_province_and_an_officer_approving() -> None:
    from tdc.places.models import Province

    plan = services.survey_plan_create(
        by=officer(),
        province=Province.objects.get(pk=PROVINCE_A),
        year=2026,
        title="Khảo sát",
        product_groups=["toy"],
        legal_basis="Kế hoạch",
    )
    with pytest.raises(PermissionDenied):
        services.survey_plan_approve(plan=plan, by=officer(), on=dt.date(2026, 1, 5))
    with pytest.raises(ValidationError):
        services.survey_plan_create(
            by=officer(),
            province=Province.objects.get(pk=PROVINCE_A),
            year=2026,
            title="x",
            product_groups=[],
            legal_basis="y",
        )


def test_it_judges_each_indicator_and_gives_a_conforming_verdict() -> None:
    sample = _record(make_sample(stage="handed_over"), PASSING_FUEL)
    assert sample.verdict == "conforming"
    assert sample.decision_rule == "simple"
    assert sample.inspection_referral == ""
    rows = list(LabResult.objects.filter(sample=sample).order_by("limit__code"))
    assert [r.verdict for r in rows] == ["conforming", "conforming"]
    assert all(r.limit_version.startswith("quality.indicatorlimit@") for r in rows)
    assert not TargetReferral.objects.exists()


def test_it_refers_a_non_conforming_business_and_raises_its_risk_score() -> None:
    sample = make_sample(stage="handed_over")
    business = sample.business
    planner = officer()
    before, _ = inspection_selectors.risk_ranking(user=planner, today=REPORTED)
    score_before = next(r.score.total for r in before if r.organisation.pk == business.pk)

    sample = _record(sample, FAILING_FUEL)

    assert sample.verdict == "non_conforming"
    referral = TargetReferral.objects.get()
    assert referral.organisation == business
    assert referral.source == f"quality.Sample:{sample.pk}"
    assert "212" in referral.reason
    assert sample.inspection_referral == f"inspections.TargetReferral:{referral.pk}"
    after, _ = inspection_selectors.risk_ranking(user=planner, today=REPORTED)
    row = next(r for r in after if r.organisation.pk == business.pk)
    assert row.score.total > score_before
    assert next(c for c in row.score.contributions if c.factor == "referrals").value == 1


def test_it_applies_the_guarded_acceptance_rule_of_the_plan() -> None:
    rows = [{"code": "petrol-sulfur-l3", "value": "146", "unit": "mg/kg", "uncertainty": "7"}]
    simple = _record(make_sample(stage="handed_over"), rows)
    assert simple.verdict == "conforming"
    guarded_plan = approved_plan(decision_rule="guarded")
    guarded = _record(make_sample(stage="handed_over", plan=guarded_plan), rows)
    assert guarded.verdict == "non_conforming"
    result = guarded.results.get()
    assert result.decision_rule == "guarded"
    assert result.in_guard_band


def test_it_converts_a_compatible_unit_and_refuses_a_wrong_one_writing_nothing() -> None:
    sample = make_sample(stage="handed_over")
    with pytest.raises(ValidationError) as info:
        _record(
            sample,
            [
                {"code": "petrol-ron95", "value": "96", "unit": "RON"},
                {"code": "petrol-sulfur-l3", "value": "0.01", "unit": "mg/L"},
            ],
        )
    assert "unit" in info.value.message_dict
    assert not LabResult.objects.exists()
    sample.refresh_from_db()
    assert sample.status == "handed_over" and sample.verdict == ""
    converted = _record(
        sample, [{"code": "petrol-sulfur-l3", "value": "0.0212", "unit": "%", "uncertainty": "0"}]
    )
    assert converted.verdict == "non_conforming"
    assert converted.results.get().value_in_limit_unit == 212


def test_it_refuses_results_for_an_unsealed_sample() -> None:
    sample = make_sample(stage="sampled")
    with pytest.raises(ValidationError) as info:
        _record(sample, PASSING_FUEL)
    assert "not sealed" in str(info.value)
    sealed = make_sample(stage="sealed")
    with pytest.raises(ValidationError):
        _record(sealed, PASSING_FUEL)
    assert not LabResult.objects.exists()


def test_it_refuses_a_lab_outside_its_scope_or_validity() -> None:
    sample = make_sample(stage="sealed")
    by = officer()
    out_of_scope = survey_lab(scope_qcvn=["QCVN 4:2009/BKHCN"])
    with pytest.raises(ValidationError) as info:
        services.sample_hand_over(sample=sample, by=by, lab=out_of_scope, handed_over_on=SAMPLED_ON)
    assert "QCVN 1:2022/BKHCN" in str(info.value)
    expired = survey_lab(valid_until=dt.date(2026, 6, 30))
    with pytest.raises(ValidationError):
        services.sample_hand_over(sample=sample, by=by, lab=expired, handed_over_on=SAMPLED_ON)
    suspended = survey_lab(suspended_from=dt.date(2026, 9, 1))
    with pytest.raises(ValidationError):
        services.sample_hand_over(sample=sample, by=by, lab=suspended, handed_over_on=SAMPLED_ON)
    certifier = survey_lab(kind="certification")
    with pytest.raises(ValidationError):
        services.sample_hand_over(sample=sample, by=by, lab=certifier, handed_over_on=SAMPLED_ON)
    sample.refresh_from_db()
    assert sample.status == "sealed" and sample.handover_record_number == ""


def test_it_prefills_and_links_a_warning_from_the_finding() -> None:
    sample = _record(make_sample(stage="handed_over"), FAILING_FUEL)
    prefill = services.warning_prefill(sample)
    assert prefill["source"] == "province"
    assert sample.number in prefill["source_reference"]
    assert "212" in prefill["description"]
    warning = services.sample_warning_create(sample=sample, by=officer())
    assert isinstance(warning, QualityWarning)
    assert warning.published_on is None
    sample.refresh_from_db()
    assert sample.warning == warning
    with pytest.raises(ValidationError):
        services.sample_warning_create(sample=sample, by=officer())


def test_it_offers_no_warning_for_a_conforming_sample() -> None:
    sample = _record(make_sample(stage="handed_over"), PASSING_FUEL)
    with pytest.raises(ValidationError):
        services.sample_warning_create(sample=sample, by=leader())


def test_it_refuses_a_business_user_planning_a_survey() -> None:
    from tdc.places.models import Province

    business_user = make_user("business_user")
    with pytest.raises(PermissionDenied):
        services.survey_plan_create(
            by=business_user,
            province=Province.objects.get(pk=PROVINCE_A),
            year=2026,
            title="x",
            product_groups=["toy"],
            legal_basis="y",
        )
