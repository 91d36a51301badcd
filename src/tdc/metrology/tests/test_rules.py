"""The MPE rules: worked examples at band edges (facts §2.1–2.5) and property tests.

References such as "facts §2.1" point to ``shared/domain/metrology-facts.md``; [S…] keys are its
sources.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tdc.metrology.rules import (
    Confidence,
    Evaluation,
    ParamValue,
    Point,
    RuleInputError,
    evaluate,
)
from tdc.metrology.rules.tables import ALL_TABLES, RuleTable, in_force

D = Decimal
PROPERTY = settings(max_examples=150, deadline=None, derandomize=True, database=None)


def mpe(
    scheme: str,
    reference: str,
    *,
    accuracy_class: str = "",
    stage: str = "initial",
    conditions: Mapping[str, ParamValue] | None = None,
    **params: ParamValue,
) -> Decimal:
    """The MPE at one test point whose indication equals the reference."""
    point = Point(D(reference), D(reference), dict(conditions or {}))
    result = evaluate(
        scheme, accuracy_class=accuracy_class, stage=stage, params=params, points=[point]
    )
    return result.points[0].mpe


def run(scheme: str, points: list[Point], **kwargs: Any) -> Evaluation:
    params = kwargs.pop("params", {})
    return evaluate(scheme, params=params, points=points, **kwargs)


def refused(scheme: str, points: list[Point], **kwargs: Any) -> RuleInputError:
    """The refusal of an evaluation that the rules must refuse."""
    with pytest.raises(RuleInputError) as caught:
        run(scheme, points, **kwargs)
    return caught.value


def refused_field(
    scheme: str, accuracy_class: str, params: dict[str, ParamValue], reference: int = 100
) -> str:
    """The input a one-point initial evaluation is refused for."""
    point = Point(D(reference), D(reference))
    return refused(
        scheme, [point], accuracy_class=accuracy_class, stage="initial", params=params
    ).field


# --- OIML R 76 (facts §2.1, [S9], [S10]) ---------------------------------------------------------

CLASS_III_5G: dict[str, ParamValue] = {"e": D("5"), "max": D("15000"), "unit": "g"}


@pytest.mark.parametrize(
    ("load_g", "expected_g"),
    [
        ("0", "2.5"),  # zero point: 0.5 e
        ("2500", "2.5"),  # m = 500 e, last load of the 0.5 e band
        ("2505", "5"),  # m = 501 e: 1 e
        ("10000", "5"),  # m = 2000 e, last load of the 1 e band
        ("10005", "7.5"),  # m = 2001 e: 1.5 e
        ("15000", "7.5"),  # Max
    ],
)
def test_it_gives_class_iii_mpe_by_load_band(load_g: str, expected_g: str) -> None:
    assert mpe("nawi", load_g, accuracy_class="III", **CLASS_III_5G) == D(expected_g)


@pytest.mark.parametrize(
    ("klass", "params", "edges"),
    [
        # Class I, e = 1 mg, Max = 220 g: bands end at 50 000 e and 200 000 e.
        (
            "I",
            {"e": D("0.001"), "max": D("220"), "unit": "g"},
            [("50", "0.0005"), ("50.001", "0.001"), ("200", "0.001"), ("200.001", "0.0015")],
        ),
        # Class II, e = 0.1 g, Max = 3 kg: bands end at 5 000 e and 20 000 e (not the UK misprint).
        (
            "II",
            {"e": D("0.1"), "max": D("3000"), "unit": "g"},
            [("500", "0.05"), ("500.1", "0.1"), ("2000", "0.1"), ("2000.1", "0.15")],
        ),
        # Class IIII, e = 50 g (in kg), Max = 50 kg: bands end at 50 e and 200 e.
        (
            "IIII",
            {"e": D("0.05"), "max": D("50"), "unit": "kg"},
            [("2.5", "0.025"), ("2.55", "0.05"), ("10", "0.05"), ("10.05", "0.075")],
        ),
    ],
)
def test_it_gives_each_class_mpe_at_its_band_edges(
    klass: str, params: dict[str, ParamValue], edges: list[tuple[str, str]]
) -> None:
    for load, expected in edges:
        assert mpe("nawi", load, accuracy_class=klass, **params) == D(expected), load


def test_it_doubles_the_mpe_in_service_for_weighing_instruments() -> None:
    assert mpe("nawi", "2500", accuracy_class="III", stage="in_service", **CLASS_III_5G) == D(5)


def test_it_judges_a_scale_and_names_the_failing_point() -> None:
    result = run(
        "nawi",
        [Point(D("2500"), D("2502.5")), Point(D("10005"), D("10013"))],
        accuracy_class="III",
        stage="initial",
        params=CLASS_III_5G,
    )
    assert [p.passed for p in result.points] == [True, False]
    assert not result.passed
    assert [r.code for r in result.reasons] == ["point_exceeds_mpe"]
    assert "Test point 2" in result.reasons[0].en
    assert "Điểm thử 2" in result.reasons[0].vi
    assert result.rules_version == "oiml-r76:2006/t3+oiml-r76:2006/t6"


@pytest.mark.parametrize(
    ("klass", "params", "field", "words"),
    [
        ("IV", CLASS_III_5G, "accuracy_class", "choose one of I, II, III, IIII"),
        ("III", {"e": D("3"), "max": D("3000"), "unit": "g"}, "e", "1, 2 or 5"),
        ("III", {"e": D("0.05"), "max": D("50"), "unit": "g"}, "e", "class III"),
        ("III", {"e": D("1"), "max": D("50"), "unit": "g"}, "max", "n = Max/e = 50"),
        ("III", {"e": D("5"), "max": D("100000"), "unit": "g"}, "max", "500–10000"),
        ("II", {"e": D("0.1"), "max": D("100"), "unit": "g"}, "max", "5000–100000"),
        ("III", {"e": D("5"), "max": D("15002"), "unit": "g"}, "max", "whole multiple"),
        ("III", {**CLASS_III_5G, "min": D("50")}, "min", "at least 100"),
        ("III", {"e": D("5"), "max": D("15000")}, "unit", "unit is missing"),
        ("III", {**CLASS_III_5G, "unit": "L"}, "unit", "not valid"),
        ("III", {**CLASS_III_5G, "d": D("10")}, "d", "must not exceed e"),
        ("III", {**CLASS_III_5G, "q3": D("2.5")}, "q3", "not used by “nawi”"),
    ],
)
def test_it_refuses_an_impossible_weighing_instrument(
    klass: str, params: dict[str, ParamValue], field: str, words: str
) -> None:
    refusal = refused(
        "nawi", [Point(D(100), D(100))], accuracy_class=klass, stage="initial", params=params
    )
    assert refusal.field == field
    assert words in refusal.message.en
    assert refusal.message.vi


@pytest.mark.parametrize(
    ("reference", "indication", "field"),
    [
        ("-5", "-5", "points.0.reference"),  # negative load
        ("15005", "15005", "points.0.reference"),  # above Max
        ("1000", "15050", "points.0.indication"),  # above Max + 9 e: no display shows it
        ("1000", "NaN", "points.0.indication"),
        ("1e20", "1e20", "points.0.reference"),
    ],
)
def test_it_refuses_an_impossible_reading(reference: str, indication: str, field: str) -> None:
    assert (
        refused(
            "nawi",
            [Point(D(reference), D(indication))],
            accuracy_class="III",
            stage="initial",
            params=CLASS_III_5G,
        ).field
        == field
    )


# --- Water meters (facts §2.2, [S13]) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("klass", "conditions", "expected_pct"),
    [
        ("2", {"zone": "lower"}, "5"),
        ("2", {"zone": "upper", "temperature_c": D("30")}, "2"),  # ≤ 30 °C
        ("2", {"zone": "upper", "temperature_c": D("30.1")}, "3"),  # > 30 °C
        ("2", {"zone": "lower", "temperature_c": D("50")}, "5"),  # lower zone: any temperature
        ("1", {"zone": "lower"}, "3"),
        ("1", {"zone": "upper", "temperature_c": D("20")}, "1"),
        ("1", {"zone": "upper", "temperature_c": D("31")}, "2"),
    ],
)
def test_it_gives_water_meter_mpe_by_zone_and_temperature(
    klass: str, conditions: dict[str, ParamValue], expected_pct: str
) -> None:
    # 100 L through the meter: the MPE in litres equals the percentage.
    assert mpe("water_meter", "100", accuracy_class=klass, conditions=conditions) == D(expected_pct)


def test_it_finds_the_zone_from_the_flow_rate() -> None:
    # Q3 = 2.5 m³/h, R100 → Q1 = 0.025, Q2 = 1.6 × Q1 = 0.04, Q4 = 1.25 × Q3 = 3.125 (facts §2.2).
    params: dict[str, ParamValue] = {"q3": D("2.5"), "r": D("100")}
    assert (
        mpe("water_meter", "100", accuracy_class="2", conditions={"q": D("0.025")}, **params) == 5
    )
    assert (
        mpe("water_meter", "100", accuracy_class="2", conditions={"q": D("0.0399")}, **params) == 5
    )
    assert mpe("water_meter", "100", accuracy_class="2", conditions={"q": D("0.04")}, **params) == 2
    assert (
        mpe("water_meter", "100", accuracy_class="2", conditions={"q": D("3.125")}, **params) == 2
    )


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q3": D("2.5"), "r": D("100"), "q": D("3.2")}, "q"),  # above Q4
        ({"q3": D("2.5"), "r": D("100"), "q": D("0.02")}, "q"),  # below Q1
        ({"q3": D("2.5"), "r": D("100"), "q": D("0.03"), "zone": "upper"}, "zone"),  # contradiction
        ({}, "zone"),
        ({"q": D("1")}, "q1"),
        ({"zone": "upper", "temperature_c": D("-5")}, "temperature_c"),
        ({"zone": "upper", "unit": "kg"}, "unit"),  # unit mismatch
        ({"zone": "upper", "e": D("1")}, "e"),
    ],
)
def test_it_refuses_impossible_water_meter_inputs(
    params: dict[str, ParamValue], field: str
) -> None:
    assert refused_field("water_meter", "2", params) == field


def test_it_says_when_it_assumed_cold_water_and_an_unconfirmed_in_service_rule() -> None:
    result = run(
        "water_meter",
        [Point(D(100), D(100))],
        accuracy_class="2",
        stage="in_service",
        params={"zone": "upper"},
    )
    assert result.points[0].mpe == D(4)  # 2 × 2 %, marked UNCONFIRMED
    codes = [n.code for n in result.notices]
    assert codes == ["cold_water_assumed", "unconfirmed_table"]
    assert "oiml-r49/in-service-unconfirmed" in result.rules_version


# --- Fuel and LPG dispensers (facts §2.3, [S14]) ------------------------------------------------


@pytest.mark.parametrize(
    ("volume_l", "expected_l"),
    [
        ("20", "0.1"),  # Table 2, line A 0.5 %
        ("2", "0.01"),
        ("1.999", "0.01"),  # 1 ≤ V < 2 L: Table 2 value applied to 2 L
        ("1", "0.01"),
        ("0.999", "0.00999"),  # 0.4 ≤ V < 1 L: 2 × Table 2 value
        ("0.4", "0.004"),
        ("0.3", "0.004"),  # 0.2 ≤ V < 0.4 L: 2 × value applied to 0.4 L
        ("0.2", "0.004"),
        ("0.15", "0.003"),  # 0.1 ≤ V < 0.2 L: 4 × value
        ("0.1", "0.002"),
        ("0.05", "0.002"),  # V < 0.1 L: 4 × value applied to 0.1 L
    ],
)
def test_it_gives_class_0_5_dispenser_mpe_including_small_quantities(
    volume_l: str, expected_l: str
) -> None:
    assert mpe("fuel_dispenser", volume_l, accuracy_class="0.5") == D(expected_l)


def test_it_uses_line_b_for_a_meter_alone_and_reads_lpg_class_1() -> None:
    assert mpe("fuel_dispenser", "20", accuracy_class="0.5", line="B") == D("0.06")
    assert mpe("fuel_dispenser", "20", accuracy_class="1", line="A") == D("0.2")
    assert mpe("fuel_dispenser", "20", accuracy_class="1.0", line="B") == D("0.12")


def test_it_reads_millilitres_and_a_nominal_test_quantity() -> None:
    assert mpe("fuel_dispenser", "500", accuracy_class="0.5", unit="mL") == D("5")
    # The 20 L test measure sets the MPE even when the delivered reference is 20.03 L.
    assert mpe("fuel_dispenser", "20.03", accuracy_class="0.5", volume_l=D("20")) == D("0.1")


def test_it_applies_emin_when_the_minimum_measured_quantity_is_given() -> None:
    # MMQ = 5 L, class 0.5: Emin = 2 × 5 L × 0.5 % = 0.05 L (formula UNCONFIRMED, facts §2.3).
    result = run(
        "fuel_dispenser",
        [Point(D("5"), D("5")), Point(D("20"), D("20"))],
        accuracy_class="0.5",
        stage="initial",
        params={"mmq_l": D("5")},
    )
    assert [p.mpe for p in result.points] == [D("0.05"), D("0.1")]
    assert result.points[0].band.startswith("Emin")
    assert any(n.code == "unconfirmed_table" for n in result.notices)
    # MMQ below 2 L: twice the Table 3 value at the MMQ (0.5 L → 2 × 0.005 L).
    assert mpe("fuel_dispenser", "0.5", accuracy_class="0.5", mmq_l=D("0.5")) == D("0.01")


@pytest.mark.parametrize(
    ("klass", "params", "field"),
    [
        ("0.7", {}, "accuracy_class"),
        ("abc", {}, "accuracy_class"),
        ("0.5", {"line": "C"}, "line"),
        ("0.5", {"unit": "kg"}, "unit"),
    ],
)
def test_it_refuses_impossible_dispenser_inputs(
    klass: str, params: dict[str, ParamValue], field: str
) -> None:
    assert refused_field("fuel_dispenser", klass, params, reference=20) == field


def test_it_refuses_a_zero_delivered_quantity() -> None:
    assert (
        refused("fuel_dispenser", [Point(D(0), D(0))], accuracy_class="0.5", stage="initial").field
        == "points.0.reference"
    )


# --- Taximeters (facts §2.5, [S16]) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("conditions", "reference", "expected"),
    [
        ({"quantity": "distance"}, "1000", "4"),  # 0.2 % = 2 m < minimum 4 m
        ({"quantity": "distance"}, "2000", "4"),  # 0.2 % = 4 m: the two meet
        ({"quantity": "distance"}, "5000", "10"),
        ({"quantity": "distance", "unit": "km"}, "1", "0.004"),
        ({"quantity": "time"}, "100", "0.2"),  # 0.1 % = 0.1 s < minimum 0.2 s
        ({"quantity": "time"}, "3600", "3.6"),
        ({"quantity": "fare"}, "50000", "1000"),  # one least significant digit
        ({"quantity": "fare"}, "2000000", "2000"),
    ],
)
def test_it_gives_taximeter_mpe_with_minimums(
    conditions: dict[str, ParamValue], reference: str, expected: str
) -> None:
    value = mpe("taximeter", reference, conditions=conditions, fare_digit=D(1000))
    assert value == D(expected)


@pytest.mark.parametrize(
    ("klass", "params", "field"),
    [
        ("0.5", {"quantity": "time"}, "accuracy_class"),
        ("", {"quantity": "time", "unit": "km"}, "unit"),  # unit does not match the quantity
        ("", {"quantity": "fare"}, "fare_digit"),
        ("", {}, "quantity"),
        ("", {"quantity": "speed"}, "quantity"),
    ],
)
def test_it_refuses_impossible_taximeter_inputs(
    klass: str, params: dict[str, ParamValue], field: str
) -> None:
    assert refused_field("taximeter", klass, params) == field


# --- Electricity meters (facts §2.4, [S15]) ----------------------------------------------------

MID_CURRENTS: dict[str, ParamValue] = {"i_min": D("0.25"), "i_tr": D("0.5"), "i_max": D("60")}


@pytest.mark.parametrize(
    ("klass", "current", "temperature", "expected_pct"),
    [
        ("B", "10", "23", "2"),
        ("C", "10", "23", "0.7"),  # Itr ≤ I ≤ Imax, +5…+30 °C
        ("C", "0.25", "23", "1"),  # Imin ≤ I < Itr
        ("C", "0.5", "30", "0.7"),  # I = Itr belongs to the upper range; 30 °C to the first band
        ("C", "10", "35", "1"),
        ("A", "0.3", "-20", "7"),
        ("A", "10", "60", "9"),
    ],
)
def test_it_gives_mid_electricity_mpe_by_current_and_temperature(
    klass: str, current: str, temperature: str, expected_pct: str
) -> None:
    conditions = {"current": D(current), "temperature_c": D(temperature)}
    value = mpe(
        "electricity_meter", "100", accuracy_class=klass, conditions=conditions, **MID_CURRENTS
    )
    assert value == D(expected_pct)


def test_it_gives_iec_class_1_and_2_limits_marked_unconfirmed() -> None:
    ib: dict[str, ParamValue] = {"ib": D("5")}
    assert mpe("electricity_meter", "100", accuracy_class="1", current=D("0.25"), **ib) == D("1.5")
    assert mpe("electricity_meter", "100", accuracy_class="1", current=D("0.5"), **ib) == D("1.0")
    assert mpe("electricity_meter", "100", accuracy_class="2.0", current=D("0.3"), **ib) == D("2.5")
    result = run(
        "electricity_meter",
        [Point(D(100), D(100))],
        accuracy_class="2",
        stage="initial",
        params={"current_range": "upper"},
    )
    assert result.points[0].mpe == D("2.0")
    assert [n.code for n in result.notices] == ["unconfirmed_table"]


@pytest.mark.parametrize(
    ("klass", "params", "field"),
    [
        ("0.5S", {"current_range": "upper"}, "accuracy_class"),
        ("1", {"current": D("0.1"), "ib": D("5")}, "current"),  # below 0.05 Ib
        ("B", {**MID_CURRENTS, "current": D("61")}, "current"),  # above Imax
        ("B", {**MID_CURRENTS, "current": D("1"), "temperature_c": D("80")}, "temperature_c"),
        ("B", {"current": D("1")}, "i_min"),
        ("B", {}, "current_range"),
        ("B", {"current_range": "upper", "unit": "VND"}, "unit"),
    ],
)
def test_it_refuses_impossible_electricity_inputs(
    klass: str, params: dict[str, ParamValue], field: str
) -> None:
    assert refused_field("electricity_meter", klass, params) == field


# --- The entry point and the tables -------------------------------------------------------------


@pytest.mark.parametrize(
    ("scheme", "stage", "points", "field"),
    [
        ("gas_meter", "initial", [Point(D(1), D(1))], "scheme"),
        ("nawi", "periodic", [Point(D(1), D(1))], "stage"),
        ("nawi", "initial", [], "points"),
    ],
)
def test_it_refuses_an_unknown_scheme_stage_or_no_points(
    scheme: str, stage: str, points: list[Point], field: str
) -> None:
    with pytest.raises(RuleInputError) as caught:
        evaluate(scheme, accuracy_class="III", stage=stage, params=CLASS_III_5G, points=points)
    assert caught.value.field == field


def test_it_reports_where_a_point_condition_is_wrong() -> None:
    assert (
        refused(
            "water_meter",
            [Point(D(100), D(100), {"zone": "upper"}), Point(D(100), D(100), {"zone": "middle"})],
            accuracy_class="2",
            stage="initial",
        ).field
        == "points.1.zone"
    )


def test_it_gives_every_table_its_provenance() -> None:
    versions = [t.version for t in ALL_TABLES]
    assert len(versions) == len(set(versions))
    for table in ALL_TABLES:
        assert table.legal_basis
        assert table.source
        assert isinstance(table.confidence, Confidence)
        assert table.effective_to is None or table.effective_to > table.effective_from
        if "unconfirmed" in table.version:
            assert table.confidence is Confidence.UNCONFIRMED


def test_it_picks_the_table_in_force_on_a_date() -> None:
    def version(label: str, start: date, end: date | None) -> RuleTable[int]:
        return RuleTable("t", label, start, end, "basis", "source", Confidence.REPORTED, 0)

    versions = [
        version("v1", date(2013, 1, 1), date(2020, 1, 1)),
        version("v2", date(2020, 1, 1), None),
    ]
    assert in_force(versions, date(2019, 12, 31)).version == "v1"
    assert in_force(versions, date(2020, 1, 1)).version == "v2"
    with pytest.raises(RuleInputError) as caught:
        in_force(versions, date(2012, 12, 31))
    assert caught.value.field == "date"


def test_it_keeps_the_rules_free_of_django() -> None:
    package = Path(__file__).resolve().parent.parent / "rules"
    for source in package.glob("*.py"):
        tree = ast.parse(source.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(n.split(".")[0] in {"django", "rest_framework"} for n in names), source


# --- Properties ----------------------------------------------------------------------------------

#: (class, e in g, n) combinations that R 76 Table 3 allows.
_SCALES = st.sampled_from(
    [
        ("I", D("0.001"), 60_000),
        ("I", D("0.01"), 250_000),
        ("II", D("0.01"), 30_000),
        ("II", D("0.1"), 60_000),
        ("III", D("1"), 6_000),
        ("III", D("5"), 3_000),
        ("III", D("20"), 10_000),
        ("IIII", D("10"), 1_000),
        ("IIII", D("100"), 500),
    ]
)


def _scale_params(e: Decimal, n: int) -> dict[str, ParamValue]:
    return {"e": e, "max": e * n, "unit": "g"}


@PROPERTY
@given(scale=_SCALES, fractions=st.lists(st.integers(0, 10_000), min_size=1, max_size=8))
def test_it_doubles_every_initial_mpe_in_service(
    scale: tuple[str, Decimal, int], fractions: list[int]
) -> None:
    klass, e, n = scale
    points = [Point(e * n * f / 10_000, e * n * f / 10_000) for f in fractions]
    common = {"accuracy_class": klass, "params": _scale_params(e, n), "points": points}
    initial = evaluate("nawi", stage="initial", **common)
    in_service = evaluate("nawi", stage="in_service", **common)
    for first, later in zip(initial.points, in_service.points, strict=True):
        assert later.mpe == 2 * first.mpe


@PROPERTY
@given(scale=_SCALES, fractions=st.lists(st.integers(0, 10_000), min_size=2, max_size=12))
def test_it_never_lowers_the_mpe_as_the_load_grows(
    scale: tuple[str, Decimal, int], fractions: list[int]
) -> None:
    klass, e, n = scale
    loads = sorted(e * n * f / 10_000 for f in fractions)
    result = evaluate(
        "nawi",
        accuracy_class=klass,
        stage="initial",
        params=_scale_params(e, n),
        points=[Point(load, load) for load in loads],
    )
    mpes = [p.mpe for p in result.points]
    assert mpes == sorted(mpes)
    assert all(m in {D("0.5") * e, e, D("1.5") * e} for m in mpes)


@PROPERTY
@given(scale=_SCALES, fraction=st.integers(0, 10_000), scale_by=st.sampled_from(["0.001", "1"]))
def test_it_gives_the_same_mpe_whatever_the_mass_unit(
    scale: tuple[str, Decimal, int], fraction: int, scale_by: str
) -> None:
    klass, e, n = scale
    load = e * n * fraction / 10_000
    in_grams = mpe("nawi", str(load), accuracy_class=klass, **_scale_params(e, n))
    factor = D(scale_by)
    unit = "kg" if scale_by == "0.001" else "g"
    params: dict[str, ParamValue] = {"e": e * factor, "max": e * n * factor, "unit": unit}
    assert mpe("nawi", str(load * factor), accuracy_class=klass, **params) == in_grams * factor


#: One valid set of inputs per scheme, with a reference strategy.
_CASES: dict[str, tuple[str, dict[str, ParamValue], st.SearchStrategy[Decimal]]] = {
    "nawi": ("III", dict(CLASS_III_5G), st.integers(0, 3_000).map(lambda k: D(5) * k)),
    "water_meter": (
        "2",
        {"zone": "upper", "temperature_c": D("20")},
        st.decimals(D("0.001"), D("10000"), places=3),
    ),
    "fuel_dispenser": ("0.5", {}, st.decimals(D("0.01"), D("1000"), places=3)),
    "taximeter": (
        "",
        {"quantity": "distance"},
        st.decimals(D("1"), D("100000"), places=1),
    ),
    "electricity_meter": (
        "B",
        {"current_range": "upper", "temperature_c": D("23")},
        st.decimals(D("0.001"), D("10000"), places=3),
    ),
}


@PROPERTY
@given(
    scheme=st.sampled_from(sorted(_CASES)),
    stage=st.sampled_from(["initial", "in_service"]),
    data=st.data(),
)
def test_it_passes_an_error_of_exactly_the_mpe_and_fails_just_beyond(
    scheme: str, stage: str, data: st.DataObject
) -> None:
    klass, params, references = _CASES[scheme]
    reference = data.draw(references)
    limit = mpe(scheme, str(reference), accuracy_class=klass, stage=stage, **params)
    tiny = D("1e-9")
    points = [
        Point(reference, reference + limit),
        Point(reference, reference - limit),
        Point(reference, reference + limit + tiny),
        Point(reference, reference - limit - tiny),
    ]
    result = evaluate(scheme, accuracy_class=klass, stage=stage, params=params, points=points)
    assert [p.passed for p in result.points] == [True, True, False, False]
    assert not result.passed
    alone = evaluate(scheme, accuracy_class=klass, stage=stage, params=params, points=points[:2])
    assert alone.passed
    assert [r.code for r in alone.reasons] == ["all_within_mpe"]


@PROPERTY
@given(
    klass=st.sampled_from(["0.3", "0.5", "1.0", "1.5", "2.5"]),
    volumes=st.lists(st.decimals(D("0.01"), D("50"), places=3), min_size=2, max_size=10),
)
def test_it_never_lowers_a_dispenser_mpe_as_the_quantity_grows(
    klass: str, volumes: list[Decimal]
) -> None:
    ordered = sorted(volumes)
    for line in ("A", "B"):
        result = evaluate(
            "fuel_dispenser",
            accuracy_class=klass,
            stage="initial",
            params={"line": line},
            points=[Point(v, v) for v in ordered],
        )
        mpes = [p.mpe for p in result.points]
        assert mpes == sorted(mpes)


@PROPERTY
@given(
    reference=st.decimals(D("2"), D("10000"), places=3),
    k=st.integers(1, 100),
    scheme=st.sampled_from(["water_meter", "fuel_dispenser", "electricity_meter"]),
)
def test_it_scales_relative_mpe_with_the_quantity(reference: Decimal, k: int, scheme: str) -> None:
    klass, params, _ = _CASES[scheme]
    one = mpe(scheme, str(reference), accuracy_class=klass, **params)
    many = mpe(scheme, str(reference * k), accuracy_class=klass, **params)
    assert many == one * k


@PROPERTY
@given(
    klass=st.sampled_from(["0.3", "0.5", "1.0", "1.5", "2.5"]),
    volume=st.decimals(D("0.01"), D("100"), places=3),
)
def test_it_allows_a_meter_alone_less_than_the_whole_system(klass: str, volume: Decimal) -> None:
    line_a = mpe("fuel_dispenser", str(volume), accuracy_class=klass, line="A")
    line_b = mpe("fuel_dispenser", str(volume), accuracy_class=klass, line="B")
    assert line_b < line_a
