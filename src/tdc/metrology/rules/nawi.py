"""Non-automatic weighing instruments (OIML R 76): MPE in multiples of e by load band."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from tdc.metrology.rules.common import Outcome, Params, class_error
from tdc.metrology.rules.tables import (
    NAWI_CLASSES,
    NAWI_DISPLAY_LIMIT,
    NAWI_MPE,
    LoadBand,
    NawiClassRow,
    in_force,
)
from tdc.metrology.rules.values import Message, Point, RuleInputError

SCHEME = "nawi"
PARAMETERS = frozenset({"e", "d", "max", "min", "unit"})
#: Mass units and their size in grams (R 76 Table 3 states e in grams).
UNITS: dict[str, Decimal] = {
    "mg": Decimal("0.001"),
    "g": Decimal("1"),
    "kg": Decimal("1000"),
    "t": Decimal("1000000"),
}


def evaluate(*, accuracy_class: str, params: Params, points: Sequence[Point], on: date) -> Outcome:
    classes = in_force(NAWI_CLASSES, on)
    mpe_table = in_force(NAWI_MPE, on)
    klass = accuracy_class.strip().upper()
    if klass not in mpe_table.data:
        raise class_error(accuracy_class, SCHEME, list(mpe_table.data))
    unit = params.choice("unit", list(UNITS))
    e = _scale_interval(params)
    row = _class_row(classes.data, klass, e * UNITS[unit], params)
    maximum = _capacity(params, e, row)
    results = []
    for index, point in enumerate(points):
        _check_reading(point, index, maximum, e, unit, in_force(NAWI_DISPLAY_LIMIT, on).data)
        m = point.reference / e
        band, lower = _band(mpe_table.data[klass], m)
        results.append((point, band.mpe_e * e, _band_label(lower, band.upper_e)))
    return Outcome(results, [classes.ref(), mpe_table.ref()], [])


def _scale_interval(params: Params) -> Decimal:
    e = params.required_positive("e")
    digits = e.normalize().as_tuple().digits
    if len(digits) != 1 or digits[0] not in (1, 2, 5):
        raise RuleInputError(
            params.field("e"),
            Message(
                vi=f"Khoảng chia kiểm định e = {e} không có dạng 1, 2 hoặc 5 × 10^k: "
                "nhập đúng e ghi trên cân.",
                en=f"The verification scale interval e = {e} is not 1, 2 or 5 × 10^k: "
                "enter the e marked on the instrument.",
            ),
        )
    d = params.positive("d", required=False)
    if d is not None and d > e:
        raise RuleInputError(
            params.field("d"),
            Message(
                vi=f"Giá trị độ chia d = {d} lớn hơn e = {e}: d phải nhỏ hơn hoặc bằng e.",
                en=f"The actual scale interval d = {d} exceeds e = {e}: d must not exceed e.",
            ),
        )
    return e


def _class_row(
    rows: Sequence[NawiClassRow], klass: str, e_g: Decimal, params: Params
) -> NawiClassRow:
    candidates = [r for r in rows if r.accuracy_class == klass]
    for row in candidates:
        if row.e_from_g <= e_g and (row.e_to_g is None or e_g <= row.e_to_g):
            return row
    ranges = "; ".join(
        f"{r.e_from_g} g ≤ e" + (f" ≤ {r.e_to_g} g" if r.e_to_g is not None else "")
        for r in candidates
    )
    raise RuleInputError(
        params.field("e"),
        Message(
            vi=f"Cân cấp {klass} không thể có e = {e_g:f} g (cho phép: {ranges}): "
            "kiểm tra e, đơn vị hoặc cấp chính xác.",
            en=f"A class {klass} instrument cannot have e = {e_g:f} g (allowed: {ranges}): "
            "check e, the unit or the accuracy class.",
        ),
    )


def _capacity(params: Params, e: Decimal, row: NawiClassRow) -> Decimal:
    maximum = params.required_positive("max")
    n = maximum / e
    if n != n.to_integral_value():
        raise RuleInputError(
            params.field("max"),
            Message(
                vi=f"Max = {maximum} không phải là bội số nguyên của e = {e}: "
                "kiểm tra Max và e ghi trên cân.",
                en=f"Max = {maximum} is not a whole multiple of e = {e}: "
                "check Max and e as marked on the instrument.",
            ),
        )
    too_many = row.n_max is not None and n > row.n_max
    if n < row.n_min or too_many:
        limits = f"{row.n_min}" + (f"–{row.n_max}" if row.n_max is not None else " trở lên")
        limits_en = f"{row.n_min}" + (f"–{row.n_max}" if row.n_max is not None else " or more")
        raise RuleInputError(
            params.field("max"),
            Message(
                vi=f"Số khoảng chia n = Max/e = {n:f} nằm ngoài giới hạn {limits} của cấp "
                f"{row.accuracy_class} với e này: kiểm tra Max, e hoặc cấp chính xác.",
                en=f"The number of intervals n = Max/e = {n:f} is outside {limits_en} for "
                f"class {row.accuracy_class} at this e: check Max, e or the accuracy class.",
            ),
        )
    minimum = params.positive("min", required=False)
    if minimum is not None:
        lower = row.min_capacity_e * e
        if minimum < lower or minimum >= maximum:
            raise RuleInputError(
                params.field("min"),
                Message(
                    vi=f"Min = {minimum} phải từ {lower:f} ({row.min_capacity_e:f} e) và nhỏ "
                    f"hơn Max = {maximum} cho cấp {row.accuracy_class}: kiểm tra Min.",
                    en=f"Min = {minimum} must be at least {lower:f} ({row.min_capacity_e:f} e) "
                    f"and below Max = {maximum} for class {row.accuracy_class}: check Min.",
                ),
            )
    return maximum


def _check_reading(
    point: Point, index: int, maximum: Decimal, e: Decimal, unit: str, limit_e: Decimal
) -> None:
    if point.reference > maximum:
        raise RuleInputError(
            f"points.{index}.reference",
            Message(
                vi=f"Tải thử {point.reference} {unit} ở điểm {index + 1} vượt Max = {maximum} "
                f"{unit}: chỉ thử đến Max, cùng đơn vị với e.",
                en=f"The test load {point.reference} {unit} at point {index + 1} exceeds "
                f"Max = {maximum} {unit}: test up to Max, in the unit of e.",
            ),
        )
    ceiling = maximum + limit_e * e
    if not -maximum <= point.indication <= ceiling:
        raise RuleInputError(
            f"points.{index}.indication",
            Message(
                vi=f"Số chỉ {point.indication} {unit} ở điểm {index + 1} không thể có "
                f"(cân không hiển thị quá Max + {limit_e:f}e = {ceiling} {unit}): kiểm tra số chỉ "
                "và đơn vị.",
                en=f"The indication {point.indication} {unit} at point {index + 1} is "
                f"impossible (no display above Max + {limit_e:f}e = {ceiling} {unit}): check the "
                "reading and the unit.",
            ),
        )


def _band(bands: Sequence[LoadBand], m: Decimal) -> tuple[LoadBand, Decimal | None]:
    lower: Decimal | None = None
    for band in bands:
        if band.upper_e is None or m <= band.upper_e:
            return band, lower
        lower = band.upper_e
    return bands[-1], lower  # unreachable: n ≤ n_max keeps m inside the last band


def _band_label(lower: Decimal | None, upper: Decimal | None) -> str:
    left = f"{lower:f}e < m" if lower is not None else "0 ≤ m"
    return left + (f" ≤ {upper:f}e" if upper is not None else "")
