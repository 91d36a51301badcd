"""The limit rules: worked examples (QCVN 1:2022 sulfur, RON) under both decision rules, unit
handling, and hypothesis properties (monotonicity, guard band symmetry, guarded ⊂ simple)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdc.quality.rules import (
    DecisionRule,
    Limit,
    QualityRuleError,
    Verdict,
    judge,
    normalise_unit,
    overall,
)

SULFUR = Limit("Hàm lượng lưu huỳnh", "mg/kg", maximum=Decimal(10), label="s")
RON = Limit("Trị số octan (RON)", "RON", minimum=Decimal(95), label="r")
BAND = Limit("Đường kính", "mm", minimum=Decimal(10), maximum=Decimal(20))

D = Decimal


def test_it_passes_a_value_on_the_limit_under_simple_acceptance() -> None:
    result = judge(limit=SULFUR, value=D(10), unit="mg/kg", uncertainty=D("0.8"))
    assert result.verdict is Verdict.CONFORMING
    assert result.in_guard_band


def test_it_fails_the_same_value_under_guarded_acceptance() -> None:
    result = judge(
        limit=SULFUR, value=D("9.5"), unit="mg/kg", uncertainty=D("0.8"), rule=DecisionRule.GUARDED
    )
    assert result.verdict is Verdict.NON_CONFORMING
    assert result.rule is DecisionRule.GUARDED
    proven = judge(
        limit=SULFUR, value=D("9.2"), unit="mg/kg", uncertainty=D("0.8"), rule=DecisionRule.GUARDED
    )
    assert proven.verdict is Verdict.CONFORMING


def test_it_judges_a_minimum_limit() -> None:
    assert judge(limit=RON, value=D("94.6"), unit="RON").verdict is Verdict.NON_CONFORMING
    assert judge(limit=RON, value=D("95.0"), unit="RON").verdict is Verdict.CONFORMING


def test_it_converts_compatible_units() -> None:
    result = judge(limit=SULFUR, value=D("0.0012"), unit="%", uncertainty=D("0.0001"))
    assert result.value == D(12)
    assert result.uncertainty == D(1)
    assert result.verdict is Verdict.NON_CONFORMING
    assert normalise_unit(" mg/l ") == "mg/L"


def test_it_refuses_a_unit_of_another_kind() -> None:
    with pytest.raises(QualityRuleError) as info:
        judge(limit=SULFUR, value=D(5), unit="mg/L")
    assert info.value.code == "unit_mismatch"
    assert "không so sánh được" in info.value.message_vi


def test_it_refuses_bad_limits_and_negative_uncertainty() -> None:
    with pytest.raises(QualityRuleError):
        Limit("x", "mg/kg")
    with pytest.raises(QualityRuleError):
        Limit("x", "mg/kg", minimum=D(5), maximum=D(1))
    with pytest.raises(QualityRuleError):
        judge(limit=SULFUR, value=D(1), unit="mg/kg", uncertainty=D(-1))


def test_it_fails_a_sample_when_one_indicator_fails() -> None:
    ok = judge(limit=RON, value=D(96), unit="RON")
    bad = judge(limit=SULFUR, value=D(30), unit="mg/kg")
    assert overall([ok]) is Verdict.CONFORMING
    assert overall([ok, bad]) is Verdict.NON_CONFORMING
    with pytest.raises(QualityRuleError):
        overall([])


values = st.decimals(min_value=-1000, max_value=1000, places=3, allow_nan=False)
uncertainties = st.decimals(min_value=0, max_value=50, places=3, allow_nan=False)
rules = st.sampled_from(list(DecisionRule))


@given(value=values, delta=uncertainties, u=uncertainties, rule=rules)
def test_it_is_monotone_for_an_upper_limit(
    value: Decimal, delta: Decimal, u: Decimal, rule: DecisionRule
) -> None:
    """Lowering a value under a maximum never turns a pass into a fail."""
    high = judge(limit=SULFUR, value=value, unit="mg/kg", uncertainty=u, rule=rule)
    low = judge(limit=SULFUR, value=value - delta, unit="mg/kg", uncertainty=u, rule=rule)
    if high.conforming:
        assert low.conforming


@given(value=values, u=uncertainties, more=uncertainties)
def test_it_never_passes_more_with_a_larger_uncertainty_when_guarded(
    value: Decimal, u: Decimal, more: Decimal
) -> None:
    small = judge(limit=BAND, value=value, unit="mm", uncertainty=u, rule=DecisionRule.GUARDED)
    large = judge(
        limit=BAND, value=value, unit="mm", uncertainty=u + more, rule=DecisionRule.GUARDED
    )
    if large.conforming:
        assert small.conforming


@given(offset=st.decimals(min_value=0, max_value=20, places=3), u=uncertainties, rule=rules)
def test_it_treats_both_bounds_symmetrically(
    offset: Decimal, u: Decimal, rule: DecisionRule
) -> None:
    """A value ``offset`` inside the lower bound is judged as one ``offset`` inside the upper."""
    near_min = judge(limit=BAND, value=D(10) + offset, unit="mm", uncertainty=u, rule=rule)
    near_max = judge(limit=BAND, value=D(20) - offset, unit="mm", uncertainty=u, rule=rule)
    assert near_min.verdict is near_max.verdict
    assert near_min.in_guard_band is near_max.in_guard_band


@given(value=values, u=uncertainties)
def test_it_accepts_under_guarded_only_what_simple_accepts(value: Decimal, u: Decimal) -> None:
    guarded = judge(limit=BAND, value=value, unit="mm", uncertainty=u, rule=DecisionRule.GUARDED)
    simple = judge(limit=BAND, value=value, unit="mm", uncertainty=u, rule=DecisionRule.SIMPLE)
    if guarded.conforming:
        assert simple.conforming
    if simple.conforming and not guarded.conforming:
        assert simple.in_guard_band


@given(value=values)
def test_it_agrees_under_both_rules_without_uncertainty(value: Decimal) -> None:
    guarded = judge(limit=BAND, value=value, unit="mm", rule=DecisionRule.GUARDED)
    simple = judge(limit=BAND, value=value, unit="mm", rule=DecisionRule.SIMPLE)
    assert guarded.verdict is simple.verdict
    assert not simple.in_guard_band


@given(value=st.decimals(min_value=0, max_value=100, places=2), u=uncertainties)
def test_it_gives_the_same_verdict_in_any_unit_of_the_dimension(value: Decimal, u: Decimal) -> None:
    in_mm = judge(limit=BAND, value=value * 10, unit="mm", uncertainty=u * 10)
    in_cm = judge(limit=BAND, value=value, unit="cm", uncertainty=u)
    assert in_mm.verdict is in_cm.verdict
