"""The arithmetic of enforcement: risk score, fines, illegal profit (pure functions)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tdc.inspections.rules import fines, profit, risk

TODAY = dt.date(2026, 6, 1)
#: Pure arithmetic, but the machine is shared: a slow first example is not a failure.
PROPERTY = settings(deadline=None)
WEIGHTS = risk.Weights(
    complaint=Decimal(3),
    violation=Decimal(5),
    violation_half_life_days=365,
    overdue_instrument=Decimal(1),
    rejected_check=Decimal(4),
    years_since_inspection=Decimal(1),
    years_since_inspection_cap=Decimal(5),
    size=Decimal("0.5"),
    version="v1",
)


def test_it_halves_a_violation_after_one_half_life() -> None:
    count = risk.decayed_count([TODAY - dt.timedelta(days=365)], today=TODAY, half_life_days=365)
    assert count == Decimal("0.500")


def test_it_counts_never_inspected_as_the_cap() -> None:
    assert risk.years_since(None, today=TODAY, cap=Decimal(5)) == Decimal(5)


dates = st.lists(st.dates(min_value=dt.date(2020, 1, 1), max_value=TODAY), max_size=10)


@PROPERTY
@given(
    complaints=st.integers(0, 50),
    violations=dates,
    overdue=st.integers(0, 100),
    rejected=st.integers(0, 20),
    last=st.none() | st.dates(min_value=dt.date(2015, 1, 1), max_value=TODAY),
    instruments=st.integers(0, 10_000),
)
def test_it_sums_contributions_to_the_score(
    complaints: int,
    violations: list[dt.date],
    overdue: int,
    rejected: int,
    last: dt.date | None,
    instruments: int,
) -> None:
    inputs = risk.RiskInputs(complaints, violations, overdue, rejected, last, instruments)
    result = risk.score(inputs, WEIGHTS, today=TODAY)
    assert result.total == sum(c.points for c in result.contributions)
    assert {c.factor for c in result.contributions} == set(risk.FACTORS)
    assert all(c.points >= 0 for c in result.contributions)


@PROPERTY
@given(st.integers(0, 30), st.integers(0, 30))
def test_it_ranks_more_complaints_higher(a: int, b: int) -> None:
    low, high = sorted((a, b))
    s_low = risk.score(risk.RiskInputs(verified_complaints=low), WEIGHTS, today=TODAY).total
    s_high = risk.score(risk.RiskInputs(verified_complaints=high), WEIGHTS, today=TODAY).total
    assert s_low <= s_high


RULE = fines.PositionRule()
money = st.integers(0, 10**9).map(Decimal)


def test_it_proposes_the_midpoint_by_default() -> None:
    fine_range = fines.FineRange(Decimal(2_000_000), Decimal(4_000_000))
    assert fines.proposed_fine(fine_range, RULE) == Decimal(3_000_000)


def test_it_moves_to_the_minimum_with_two_mitigating_circumstances() -> None:
    fine_range = fines.FineRange(Decimal(2_000_000), Decimal(4_000_000))
    assert fines.proposed_fine(fine_range, RULE, mitigating=2) == Decimal(2_000_000)
    assert fines.proposed_fine(fine_range, RULE, mitigating=1) == Decimal(2_500_000)
    assert fines.proposed_fine(fine_range, RULE, aggravating=1) == Decimal(3_500_000)
    assert fines.proposed_fine(fine_range, RULE, aggravating=3) == Decimal(4_000_000)


def test_it_doubles_the_range_for_organisations() -> None:
    fine_range = fines.applicable_range(
        Decimal(1_000_000), Decimal(2_000_000), organisation=True, multiplier=Decimal(2)
    )
    assert fine_range == fines.FineRange(Decimal(2_000_000), Decimal(4_000_000))


@PROPERTY
@given(low=money, span=money, mitigating=st.integers(0, 5), aggravating=st.integers(0, 5))
def test_it_keeps_the_proposed_fine_inside_the_range(
    low: Decimal, span: Decimal, mitigating: int, aggravating: int
) -> None:
    fine_range = fines.FineRange(low, low + span)
    amount = fines.proposed_fine(fine_range, RULE, mitigating=mitigating, aggravating=aggravating)
    assert fine_range.contains(amount)


def test_it_refuses_an_inverted_range() -> None:
    with pytest.raises(fines.FineRuleError):
        fines.applicable_range(Decimal(5), Decimal(1), organisation=False, multiplier=Decimal(2))


def test_it_computes_prepackaged_profit() -> None:
    result = profit.prepackaged_profit(
        units_sold=10_000,
        allowed_mean=Decimal("500"),
        actual_mean=Decimal("490"),
        price_per_unit_quantity=Decimal("20"),
    )
    assert result.profit == Decimal(2_000_000)


def test_it_counts_only_the_error_beyond_the_mpe() -> None:
    result = profit.measurement_profit(
        total_traded=Decimal(100_000),
        error_found=Decimal("0.015"),
        mpe=Decimal("0.005"),
        price_per_unit_quantity=Decimal(20_000),
    )
    assert result.quantity == Decimal(1000)
    assert result.profit == Decimal(20_000_000)


@PROPERTY
@given(
    units=st.integers(0, 10**6),
    allowed=st.decimals(0, 10_000, places=3),
    actual=st.decimals(0, 10_000, places=3),
    price=st.decimals(0, 10**6, places=2),
)
def test_it_never_gives_negative_profit(
    units: int, allowed: Decimal, actual: Decimal, price: Decimal
) -> None:
    result = profit.prepackaged_profit(
        units_sold=units, allowed_mean=allowed, actual_mean=actual, price_per_unit_quantity=price
    )
    assert result.profit >= 0
    if actual >= allowed:
        assert result.profit == 0


def test_it_refuses_negative_prices() -> None:
    with pytest.raises(profit.ProfitInputError):
        profit.average_price(Decimal(-1), Decimal(1))


# --- Placement without offsetting, fines above the tiers (issue 11) --------------------------


def test_it_does_not_offset_mitigating_and_aggravating_unless_the_rule_says_so() -> None:
    fine_range = fines.FineRange(Decimal(2_000_000), Decimal(4_000_000))
    # One of each: the text gives no placement, the proposal stays at the midpoint.
    assert fines.proposed_fine(fine_range, RULE, mitigating=1, aggravating=1) == Decimal(3_000_000)
    # Two mitigating and one aggravating: no netting to "one mitigating".
    assert fines.proposed_fine(fine_range, RULE, mitigating=2, aggravating=1) == Decimal(3_000_000)
    offsetting = fines.PositionRule(offsetting=True)
    assert fines.proposed_fine(fine_range, offsetting, mitigating=2, aggravating=1) == Decimal(
        2_500_000
    )


def test_it_places_one_circumstance_where_the_data_says() -> None:
    fine_range = fines.FineRange(Decimal(2_000_000), Decimal(4_000_000))
    rule = fines.PositionRule(one_factor=Decimal("0.4"))
    assert fines.proposed_fine(fine_range, rule, mitigating=1) == Decimal(2_800_000)
    assert fines.proposed_fine(fine_range, rule, aggravating=1) == Decimal(3_200_000)


TOP_TIER = fines.FineRange(Decimal(20_000_000), Decimal(40_000_000))  # Art. 14, 50–100 M profit
MULTIPLE = fines.ProfitMultipleRule(max_fine=Decimal(75_000_000))


@pytest.mark.parametrize(
    ("profit", "expected"),
    [
        # Worked examples. At or below the maximum fine the tiers apply.
        (Decimal(75_000_000), None),
        # 80 M of illegal profit: 1–5 × 80 M.
        (Decimal(80_000_000), (Decimal(80_000_000), Decimal(400_000_000))),
        # 1.2 bn of fuel-dispenser fraud: 1.2 bn – 6 bn.
        (Decimal(1_200_000_000), (Decimal(1_200_000_000), Decimal(6_000_000_000))),
    ],
)
def test_it_sets_a_fine_above_the_tiers_as_a_multiple_of_the_profit(
    profit: Decimal, expected: tuple[Decimal, Decimal] | None
) -> None:
    result = fines.profit_multiple_range(profit, TOP_TIER, MULTIPLE)
    assert (result.minimum, result.maximum) == expected if result else expected is None


@PROPERTY
@given(
    profit=money,
    top_low=st.integers(0, 10**8).map(Decimal),
    top_span=st.integers(0, 10**8).map(Decimal),
    max_fine=st.integers(0, 2 * 10**8).map(Decimal),
    multiple_min=st.integers(1, 5).map(Decimal),
    extra=st.integers(0, 5).map(Decimal),
)
def test_a_fine_above_the_tiers_never_falls_below_the_top_tiers_range(
    profit: Decimal,
    top_low: Decimal,
    top_span: Decimal,
    max_fine: Decimal,
    multiple_min: Decimal,
    extra: Decimal,
) -> None:
    top = fines.FineRange(top_low, top_low + top_span)
    rule = fines.ProfitMultipleRule(max_fine, multiple_min, multiple_min + extra)
    result = fines.profit_multiple_range(profit, top, rule)
    if profit <= max_fine:
        assert result is None
        return
    assert result is not None
    assert result.minimum >= top.maximum and result.maximum >= result.minimum
    assert result.minimum >= profit * multiple_min or result.minimum == top.maximum
    assert result.contains(fines.proposed_fine(result, RULE))
