"""The quantity rules: T at every band edge, every plan row, the decision, bad input, properties."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tdc.prepackages.rules import (
    Decision,
    QuantityKind,
    RuleInputError,
    RulesDataError,
    Tare,
    TareMethod,
    all_versions,
    evaluate,
    get_version,
    plain,
    sampling_plan,
    tolerable_deficiency,
)
from tdc.prepackages.rules.versions import parse_version

D = Decimal
VERSION_IDS = ["vn-tt21-2014", "oiml-r87-2004", "oiml-r87-2016"]
DEFAULT = get_version("vn-tt21-2014")


def test_it_ships_the_three_versions_with_source_and_confidence() -> None:
    versions = all_versions()
    assert sorted(versions) == sorted(VERSION_IDS)
    for version in versions.values():
        assert version.legal_basis
        assert version.source
        assert version.confidence == "unconfirmed"
        assert version.max_lot_size == 100_000


# --- T at every band edge and its neighbours --------------------------------------------------

T_TABLE = [
    # (Qn, unit, T)
    ("4", "g", "0.4"),  # below the EU table's 5 g: 9 % = 0.36, rounded up to 0.1
    ("5", "g", "0.5"),
    ("49.9", "g", "4.5"),  # 4.491 rounded up
    ("50", "g", "4.5"),
    ("50.1", "g", "4.5"),
    ("99.9", "g", "4.5"),
    ("100", "g", "4.5"),
    ("100.1", "g", "4.6"),  # 4.5 % = 4.5045, rounded up to the next 0.1
    ("199.9", "g", "9"),
    ("200", "g", "9"),
    ("200.1", "g", "9"),
    ("299.9", "g", "9"),
    ("300", "g", "9"),
    ("300.1", "g", "9.1"),  # 3 % = 9.003
    ("499.9", "g", "15"),
    ("500", "g", "15"),
    ("500.1", "g", "15"),
    ("999.9", "g", "15"),
    ("1000", "g", "15"),
    ("1000.1", "g", "15.1"),  # 1.5 % = 15.0015
    ("9999.9", "g", "150"),
    ("10000", "g", "150"),
    ("10000.1", "g", "150"),
    ("14999.9", "g", "150"),
    ("15000", "g", "150"),
    ("15000.1", "g", "150.1"),  # 1 % = 150.001
    ("50000", "g", "500"),
    # Volume uses the same table in mL.
    ("50", "mL", "4.5"),
    ("100", "ml", "4.5"),
    ("200", "mL", "9"),
    ("300", "mL", "9"),
    ("500", "mL", "15"),
    ("1000", "mL", "15"),
    ("10000", "mL", "150"),
    ("15000", "mL", "150"),
    # Other units of mass and volume: T in the unit of Qn.
    ("1", "kg", "0.015"),
    ("15", "kg", "0.15"),
    ("0.5", "L", "0.015"),
    ("1.5", "l", "0.0225"),
    ("33", "cL", "0.99"),  # 330 mL: 3 % = 9.9 mL
    ("5000", "mg", "500"),  # 5 g: 9 % = 0.45 g, rounded up to 0.5 g
    # Length: nothing up to 5 m, 2 % above (rounded up to 1 mm).
    ("5", "m", "0"),
    ("500", "cm", "0"),
    ("5.001", "m", "0.101"),
    ("10", "m", "0.2"),
    # Area: 3 %.
    ("2", "m2", "0.06"),
    ("150", "dm2", "4.5"),
    # Count: nothing up to 50 items, 1 % above rounded up to a whole item.
    ("50", "pcs", "0"),
    ("51", "pcs", "1"),
    ("100", "pcs", "1"),
    ("101", "cái", "2"),
]


@pytest.mark.parametrize("version_id", VERSION_IDS)
@pytest.mark.parametrize(("qn", "unit", "expected"), T_TABLE)
def test_it_computes_t_at_every_band_edge(
    qn: str, unit: str, expected: str, version_id: str
) -> None:
    result = tolerable_deficiency(
        nominal_quantity=D(qn), unit=unit, version=get_version(version_id)
    )
    assert plain(result.tolerable_deficiency) == expected
    assert result.q_min == D(qn) - D(expected)
    assert result.t2_limit == D(qn) - 2 * D(expected)


def test_it_is_continuous_at_every_band_limit() -> None:
    for qn, t in [("50", "4.5"), ("100", "4.5"), ("200", "9"), ("300", "9"), ("500", "15")]:
        assert tolerable_deficiency(
            nominal_quantity=D(qn), unit="g", version=DEFAULT
        ).tolerable_deficiency == D(t)


# --- Every plan row ---------------------------------------------------------------------------

CLASSIC = [
    # (lot_min, lot_max, n or None = all, c, λ)
    (1, 99, None, 0, None),
    (100, 500, 50, 3, "0.379"),
    (501, 3200, 80, 5, "0.295"),
    (3201, 100_000, 125, 7, "0.234"),
]
R87_2016 = [
    (1, 20, None, 0, None),
    (21, 40, 32, 1, "0.22"),
    (41, 60, 35, 1, "0.30"),
    (61, 80, 47, 2, "0.25"),
    (81, 100, 49, 2, "0.28"),
    (101, 200, 64, 3, "0.27"),
    (201, 300, 67, 3, "0.29"),
    (301, 400, 81, 4, "0.26"),
    (401, 500, 81, 4, "0.27"),
    (501, 656, 98, 5, "0.24"),
    (657, 1261, 98, 5, "0.25"),
    (1262, 31094, 98, 5, "0.26"),
    (31095, 100_000, 98, 5, "0.27"),
]
PLAN_CASES = [
    pytest.param(version_id, lot, row, id=f"{version_id}-N{lot}")
    for version_id, rows in [
        ("vn-tt21-2014", CLASSIC),
        ("oiml-r87-2004", CLASSIC),
        ("oiml-r87-2016", R87_2016),
    ]
    for row in rows
    for lot in {row[0], row[1]}
]


@pytest.mark.parametrize(("version_id", "lot", "row"), PLAN_CASES)
def test_it_reads_every_plan_row(version_id: str, lot: int, row: tuple[Any, ...]) -> None:
    _lo, _hi, n, c, lam = row
    plan = sampling_plan(lot_size=lot, version=get_version(version_id))
    full = n is None or n >= lot
    assert plan.full_inspection is full
    assert plan.sample_size == (lot if full else n)
    assert plan.t1_allowed == c
    assert plan.correction_factor == (None if full else D(lam))


@pytest.mark.parametrize(("version_id", "lot", "row"), PLAN_CASES)
def test_it_decides_a_worked_example_for_every_plan_row(
    version_id: str, lot: int, row: tuple[Any, ...]
) -> None:
    """Qn 500 g (T 15 g): c units at 484 g (T1) and the rest at 501 g pass; one more T1 fails."""
    version = get_version(version_id)
    plan = sampling_plan(lot_size=lot, version=version)
    c = plan.t1_allowed
    n = plan.sample_size
    good = [D("484")] * c + [D("501")] * (n - c)
    result = evaluate(
        nominal_quantity=D(500), unit="g", lot_size=lot, measurements=good, version=version
    )
    if plan.full_inspection:
        expected = sum(good) / n >= 500
        assert result.decision == (Decision.ACCEPT if expected else Decision.REJECT)
    else:
        assert result.decision == Decision.ACCEPT, result.reasons
    assert result.t1_count == c
    if n > c:
        bad = [D("484")] * (c + 1) + [D("501")] * (n - c - 1)
        result = evaluate(
            nominal_quantity=D(500), unit="g", lot_size=lot, measurements=bad, version=version
        )
        assert result.decision == Decision.REJECT
        assert result.t1_count == c + 1


# --- Worked decisions -------------------------------------------------------------------------


def test_it_accepts_a_sampled_lot_and_explains_why_in_both_languages() -> None:
    values = [D("1001"), D("999")] * 25  # mean 1000, s ≈ 1.0102
    result = evaluate(
        nominal_quantity=D(1000), unit="g", lot_size=300, measurements=values, version=DEFAULT
    )
    assert result.decision == Decision.ACCEPT
    assert (result.plan.sample_size, result.plan.t1_allowed) == (50, 3)
    assert result.mean == D(1000)
    assert result.std_dev == D("1.010153")
    assert result.mean_criterion_met
    assert [r.code for r in result.reasons] == ["t2", "t1", "mean", "decision"]
    assert all(r.met for r in result.reasons)
    assert "Lô hàng đạt yêu cầu" in result.reasons[-1].vi
    assert "meets" in result.reasons[-1].en


def test_it_rejects_a_lot_whose_mean_falls_short_of_qn_minus_lambda_s() -> None:
    values = [D("498")] * 50  # s = 0, mean 2 g short of Qn
    result = evaluate(
        nominal_quantity=D(500), unit="g", lot_size=300, measurements=values, version=DEFAULT
    )
    assert result.decision == Decision.REJECT
    assert not result.mean_criterion_met
    assert result.t1_count == 0
    assert "<" in result.reasons[2].en


def test_it_requires_the_mean_to_reach_qn_when_the_whole_lot_is_measured() -> None:
    result = evaluate(
        nominal_quantity=D(500),
        unit="g",
        lot_size=3,
        measurements=[D("499.9"), D("500"), D("500")],
        version=DEFAULT,
    )
    assert result.plan.full_inspection
    assert result.mean_limit == D(500)
    assert result.decision == Decision.REJECT
    assert "n = N = 3" in result.reasons[2].en


def test_it_counts_t2_units_among_the_t1_units() -> None:
    values = [D("469.9")] + [D("510")] * 49  # Qn − 2T = 470
    result = evaluate(
        nominal_quantity=D(500), unit="g", lot_size=200, measurements=values, version=DEFAULT
    )
    assert (result.t1_count, result.t2_count) == (1, 1)
    assert result.decision == Decision.REJECT


def test_it_subtracts_the_average_tare_of_a_tare_sample() -> None:
    gross = [D("520"), D("521"), D("519")]
    tare = Tare(TareMethod.AVERAGE, (D("19"), D("20"), D("21"), D("20")))
    result = evaluate(
        nominal_quantity=D(500),
        unit="g",
        lot_size=3,
        measurements=gross,
        tare=tare,
        version=DEFAULT,
    )
    assert result.net_quantities == (D("500"), D("501"), D("499"))
    assert result.mean == D(500)
    assert result.decision == Decision.ACCEPT


def test_it_subtracts_individual_tares_unit_by_unit() -> None:
    gross = [D("520"), D("530")]
    tare = Tare(TareMethod.INDIVIDUAL, (D("20"), D("35")))
    result = evaluate(
        nominal_quantity=D(500),
        unit="g",
        lot_size=2,
        measurements=gross,
        tare=tare,
        version=DEFAULT,
    )
    assert result.net_quantities == (D("500"), D("495"))
    assert result.decision == Decision.REJECT  # mean 497.5 < Qn


def test_it_reports_no_standard_deviation_for_a_single_unit() -> None:
    result = evaluate(
        nominal_quantity=D(1), unit="kg", lot_size=1, measurements=[D("1.002")], version=DEFAULT
    )
    assert result.std_dev is None
    assert result.decision == Decision.ACCEPT


def test_it_does_not_let_the_mean_criterion_rise_with_every_measured_value() -> None:
    """Qn − λ·s is not monotone: raising the one low unit shrinks s faster than it lifts the mean.

    This is the R 87 formula, not a defect of the implementation; the property tests below
    check the forms of monotonicity that do hold.
    """
    low = [D("999.5")] * 49 + [D("970")]
    raised = [D("999.5")] * 49 + [D("999")]
    kwargs: dict[str, Any] = {"nominal_quantity": D(1000), "unit": "g", "lot_size": 200}
    assert evaluate(measurements=low, version=DEFAULT, **kwargs).decision == Decision.ACCEPT
    assert evaluate(measurements=raised, version=DEFAULT, **kwargs).decision == Decision.REJECT


# --- Bad input ----------------------------------------------------------------------------------


def _error(**overrides: Any) -> RuleInputError:
    kwargs: dict[str, Any] = {
        "nominal_quantity": D(500),
        "unit": "g",
        "lot_size": 200,
        "measurements": [D(500)] * 50,
        "version": DEFAULT,
    }
    kwargs.update(overrides)
    with pytest.raises(RuleInputError) as caught:
        evaluate(**kwargs)
    return caught.value


def test_it_says_how_many_more_units_to_measure() -> None:
    error = _error(measurements=[D(500)] * 47)
    assert error.field == "measurements"
    assert error.code == "too_few"
    assert "measure 3 more" in error.message
    assert "đo thêm 3" in error.message_vi
    assert error.params == {"required": 50, "entered": 47, "missing": 3}


def test_it_refuses_more_measurements_than_the_plan_draws() -> None:
    error = _error(measurements=[D(500)] * 52)
    assert (error.field, error.code) == ("measurements", "too_many")
    assert "remove 2" in error.message


@pytest.mark.parametrize(
    ("value", "code"),
    [(D("-1"), "negative"), (D("5000.1"), "absurd"), (D("NaN"), "not_a_number")],
)
def test_it_refuses_negative_absurd_and_non_numeric_readings(value: Decimal, code: str) -> None:
    error = _error(measurements=[D(500)] * 49 + [value])
    assert (error.field, error.code) == ("measurements", code)
    assert "no. 50" in error.message


def test_it_refuses_readings_finer_than_nine_decimal_places() -> None:
    error = _error(measurements=[D("500.0000000001")] + [D(500)] * 49)
    assert error.code == "too_precise"


def test_it_refuses_a_unit_that_does_not_fit_the_quantity_kind() -> None:
    error = _error(unit="mL", quantity_kind=QuantityKind.MASS)
    assert (error.field, error.code) == ("unit", "unit_kind_mismatch")
    assert "mg, g, kg" in error.message


def test_it_refuses_an_unknown_unit() -> None:
    assert _error(unit="lb").code == "unknown_unit"


def test_it_refuses_a_lot_larger_than_the_rules_allow() -> None:
    error = _error(lot_size=100_001)
    assert (error.field, error.code) == ("lot_size", "lot_too_large")
    assert "split it" in error.message


@pytest.mark.parametrize("lot", [0, -5])
def test_it_refuses_an_empty_lot(lot: int) -> None:
    assert _error(lot_size=lot).field == "lot_size"


@pytest.mark.parametrize(("qn", "code"), [("50000.1", "outside_table"), ("0", "not_positive")])
def test_it_refuses_a_nominal_quantity_outside_the_table(qn: str, code: str) -> None:
    error = _error(nominal_quantity=D(qn))
    assert (error.field, error.code) == ("nominal_quantity", code)


def test_it_suggests_checking_the_unit_for_a_qn_beyond_the_table() -> None:
    assert "kg instead of g" in _error(nominal_quantity=D(60), unit="kg").message


def test_it_refuses_fractional_counts() -> None:
    error = _error(nominal_quantity=D(100), unit="pcs", measurements=[D("99.5")] + [D(100)] * 49)
    assert error.code == "not_whole"


def test_it_refuses_a_tare_larger_than_the_gross_reading() -> None:
    tare = Tare(TareMethod.INDIVIDUAL, (D(600), D(20)))
    error = _error(lot_size=2, measurements=[D(520), D(520)], tare=tare)
    assert (error.field, error.code) == ("tare", "tare_above_gross")


def test_it_needs_one_individual_tare_per_unit() -> None:
    tare = Tare(TareMethod.INDIVIDUAL, (D(20),))
    error = _error(lot_size=2, measurements=[D(520), D(520)], tare=tare)
    assert (error.field, error.code) == ("tare", "tare_count")


def test_it_needs_tare_values_for_gross_readings() -> None:
    error = _error(lot_size=2, measurements=[D(520), D(520)], tare=Tare(TareMethod.AVERAGE, ()))
    assert (error.field, error.code) == ("tare", "no_tare")


def test_it_names_the_known_versions_for_an_unknown_one() -> None:
    with pytest.raises(RuleInputError) as caught:
        get_version("tt21-draft")
    assert caught.value.field == "rules_version"
    assert "vn-tt21-2014" in caught.value.message


def test_it_refuses_a_data_file_whose_plan_leaves_a_gap() -> None:
    import json
    from importlib import resources

    raw = json.loads(
        resources.files("tdc.prepackages.rules")
        .joinpath("data/vn-tt21-2014.json")
        .read_text(encoding="utf-8")
    )
    raw["sampling_plan"][1]["lot_min"] = 101
    with pytest.raises(RulesDataError, match="run on from lot size 100"):
        parse_version(raw)


# --- Properties ---------------------------------------------------------------------------------

PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
NOMINALS = [D("30"), D("100"), D("250"), D("500"), D("1000"), D("12000")]


@st.composite
def lots(draw: Any, full: bool | None = None) -> dict[str, Any]:
    """A version, Qn, N and a sample of the size the plan requires, in 0.1 g steps."""
    version = get_version(draw(st.sampled_from(VERSION_IDS)))
    qn = draw(st.sampled_from(NOMINALS))
    if full is True:
        lot = draw(st.integers(1, 20))
    elif full is False:
        lot = draw(st.integers(101, 100_000))
    else:
        lot = draw(st.one_of(st.integers(1, 200), st.integers(201, 100_000)))
    plan = sampling_plan(lot_size=lot, version=version)
    t = tolerable_deficiency(nominal_quantity=qn, unit="g", version=version).tolerable_deficiency
    tenths = int(t * 10)
    n = plan.sample_size
    # Mostly near or above Qn (so that many lots pass), then a few units pulled down to Qn − 3T.
    values = draw(st.lists(st.integers(-tenths // 3, 2 * tenths), min_size=n, max_size=n))
    for _ in range(draw(st.integers(0, min(3, n)))):
        values[draw(st.integers(0, n - 1))] = draw(st.integers(-3 * tenths, 0))
    return {
        "nominal_quantity": qn,
        "unit": "g",
        "lot_size": lot,
        "measurements": [qn + D(v) / 10 for v in values],
        "version": version,
    }


def _evaluate(lot: dict[str, Any], measurements: list[Decimal] | None = None) -> Any:
    return evaluate(**{**lot, "measurements": measurements or lot["measurements"]})


@PROPERTY_SETTINGS
@given(lots(), st.integers(1, 500))
def test_it_never_rejects_an_accepted_lot_when_every_value_rises(
    lot: dict[str, Any], tenths: int
) -> None:
    before = _evaluate(lot)
    assume(before.decision == Decision.ACCEPT)
    raised = [v + D(tenths) / 10 for v in lot["measurements"]]
    assert _evaluate(lot, raised).decision == Decision.ACCEPT


@PROPERTY_SETTINGS
@given(lots(), st.data(), st.integers(1, 500))
def test_it_never_rejects_an_accepted_lot_when_a_value_at_or_above_the_mean_rises(
    lot: dict[str, Any], data: Any, tenths: int
) -> None:
    before = _evaluate(lot)
    assume(before.decision == Decision.ACCEPT)
    values = lot["measurements"]
    mean = sum(values) / len(values)
    candidates = [i for i, v in enumerate(values) if v >= mean]
    i = data.draw(st.sampled_from(candidates))
    raised = [*values[:i], values[i] + D(tenths) / 10, *values[i + 1 :]]
    assert _evaluate(lot, raised).decision == Decision.ACCEPT


@PROPERTY_SETTINGS
@given(lots(full=True), st.data(), st.integers(1, 500))
def test_it_never_rejects_a_fully_inspected_lot_when_any_value_rises(
    lot: dict[str, Any], data: Any, tenths: int
) -> None:
    before = _evaluate(lot)
    assume(before.decision == Decision.ACCEPT)
    values = lot["measurements"]
    i = data.draw(st.integers(0, len(values) - 1))
    raised = [*values[:i], values[i] + D(tenths) / 10, *values[i + 1 :]]
    assert _evaluate(lot, raised).decision == Decision.ACCEPT


@PROPERTY_SETTINGS
@given(lots(), st.data(), st.integers(1, 500))
def test_it_never_adds_t1_or_t2_units_when_any_value_rises(
    lot: dict[str, Any], data: Any, tenths: int
) -> None:
    before = _evaluate(lot)
    values = lot["measurements"]
    i = data.draw(st.integers(0, len(values) - 1))
    after = _evaluate(lot, [*values[:i], values[i] + D(tenths) / 10, *values[i + 1 :]])
    assert after.t1_count <= before.t1_count
    assert after.t2_count <= before.t2_count


@PROPERTY_SETTINGS
@given(lots(), st.data(), st.integers(1, 50))
def test_it_always_rejects_a_lot_with_one_unit_under_qn_minus_2t(
    lot: dict[str, Any], data: Any, tenths: int
) -> None:
    values = lot["measurements"]
    limit = _evaluate(lot).deficiency.t2_limit
    i = data.draw(st.integers(0, len(values) - 1))
    lowered = [*values[:i], max(limit - D(tenths) / 10, D(0)), *values[i + 1 :]]
    assume(lowered[i] < limit)
    result = _evaluate(lot, lowered)
    assert result.t2_count >= 1
    assert result.decision == Decision.REJECT


@PROPERTY_SETTINGS
@given(lots(), st.randoms(use_true_random=False))
def test_it_decides_the_same_whatever_the_order_of_the_measurements(
    lot: dict[str, Any], rng: Any
) -> None:
    before = _evaluate(lot)
    shuffled = list(lot["measurements"])
    rng.shuffle(shuffled)
    after = _evaluate(lot, shuffled)
    assert after.decision == before.decision
    assert (after.mean, after.std_dev, after.t1_count, after.t2_count) == (
        before.mean,
        before.std_dev,
        before.t1_count,
        before.t2_count,
    )
    assert after.mean_criterion_met == before.mean_criterion_met


@PROPERTY_SETTINGS
@given(lots())
def test_it_accepts_only_within_the_allowed_t1_count(lot: dict[str, Any]) -> None:
    result = _evaluate(lot)
    if result.decision == Decision.ACCEPT:
        assert result.t1_count <= result.plan.t1_allowed
        assert result.t2_count == 0
        assert result.mean_criterion_met
    else:
        assert (
            result.t1_count > result.plan.t1_allowed
            or result.t2_count > 0
            or not result.mean_criterion_met
        )
