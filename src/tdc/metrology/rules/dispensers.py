"""Fuel and LPG dispensers (OIML R 117): relative MPE by accuracy class, with the small-quantity
table below 2 L and the minimum specified quantity deviation Emin."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation

from tdc.metrology.rules.common import Outcome, Params, class_error, percent_of
from tdc.metrology.rules.tables import (
    DISPENSER_EMIN,
    DISPENSER_MPE,
    DispenserTable,
    EminRule,
    in_force,
)
from tdc.metrology.rules.values import Point, TableRef

SCHEME = "fuel_dispenser"
PARAMETERS = frozenset({"line", "unit", "volume_l", "mmq_l"})
#: Volume units and their size in litres.
UNITS: dict[str, Decimal] = {"L": Decimal("1"), "mL": Decimal("0.001")}
LINES = ("A", "B")


def evaluate(*, accuracy_class: str, params: Params, points: Sequence[Point], on: date) -> Outcome:
    table = in_force(DISPENSER_MPE, on)
    klass = _class_key(accuracy_class, table.data.line_a_pct)
    line = params.choice("line", LINES, default="A")
    unit = params.choice("unit", list(UNITS), default="L")
    pct = (table.data.line_a_pct if line == "A" else table.data.line_b_pct)[klass]
    nominal = params.positive("volume_l", required=False)
    emin = _emin(params, table.data, klass, on)
    tables = [table.ref()]
    if emin is not None:
        tables.append(emin[1])
    results = []
    for point in points:
        volume = nominal if nominal is not None else point.reference * UNITS[unit]
        mpe_l, band = small_quantity_mpe(table.data, pct, volume)
        if emin is not None and emin[0] > mpe_l:
            mpe_l, band = emin[0], "Emin (MMQ)"
        results.append((point, mpe_l / UNITS[unit], f"{band}, line {line} ±{pct:f} %"))
    return Outcome(results, tables, [])


def small_quantity_mpe(
    table: DispenserTable, pct: Decimal, volume_l: Decimal
) -> tuple[Decimal, str]:
    """The Table 2 / Table 3 MPE in litres for a measured quantity ``volume_l``."""
    lower = Decimal(0)
    for band in table.small_quantities:
        if volume_l < band.below_l:
            applied = band.applied_to_l if band.applied_to_l is not None else volume_l
            label = f"{lower:f} L ≤ V < {band.below_l:f} L" if lower else f"V < {band.below_l:f} L"
            return band.multiplier * percent_of(pct, applied), label
        lower = band.below_l
    return percent_of(pct, volume_l), f"V ≥ {lower:f} L"


def _class_key(accuracy_class: str, known: Mapping[str, Decimal]) -> str:
    try:
        wanted = Decimal(accuracy_class.strip())
    except (InvalidOperation, ValueError):
        wanted = Decimal("NaN")
    for key in known:
        if wanted.is_finite() and Decimal(key) == wanted:
            return key
    raise class_error(accuracy_class, SCHEME, list(known))


def _emin(
    params: Params, table: DispenserTable, klass: str, on: date
) -> tuple[Decimal, TableRef] | None:
    mmq = params.positive("mmq_l", required=False)
    if mmq is None:
        return None
    rule_table = in_force(DISPENSER_EMIN, on)
    rule: EminRule = rule_table.data
    line_a = table.line_a_pct[klass]
    if mmq >= rule.threshold_l:
        value = rule.factor * percent_of(line_a, mmq)
    else:
        value = rule.factor * small_quantity_mpe(table, line_a, mmq)[0]
    return value, rule_table.ref()
