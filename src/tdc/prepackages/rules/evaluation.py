"""The quantity check of a lot of prepackaged goods (TT 21/2014/TT-BKHCN, OIML R 87 model).

A lot of N units labelled Qn is accepted when all three hold:

1. no measured unit is below Qn − 2T (a "T2" unit);
2. at most c units are below Qmin = Qn − T ("T1" units, T2 units included);
3. the mean x̄ of the measured quantities is at least Qn − λ·s, with s the sample standard
   deviation (n − 1 denominator) and λ the plan's correction factor; when every unit of the lot
   is measured (n = N) the mean must reach Qn itself.

T comes from the version's table for the kind of quantity; n, c and λ from its sampling plan.
Counts, the mean and the variance are computed exactly (fractions), so the decision does not
depend on rounding or on the order of the measurements; the mean criterion is decided by
comparing squares, (Qn − x̄)² ≤ λ²·s², without taking a square root.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, ROUND_HALF_EVEN, Context, Decimal, localcontext
from enum import StrEnum
from fractions import Fraction

from tdc.prepackages.rules.errors import RuleInputError
from tdc.prepackages.rules.units import QuantityKind, Unit, resolve_unit
from tdc.prepackages.rules.versions import PlanRow, RulesVersion

#: Digits after the decimal point kept in reported means, deviations and limits.
DISPLAY_PLACES = 6
#: A measurement may carry at most this many decimal places (no balance reads finer).
MAX_PLACES = 9
#: A net quantity above this multiple of Qn is taken for a typing error.
ABSURD_FACTOR = 10
#: A gross or tare reading above this multiple of Qn is taken for a typing error.
ABSURD_GROSS_FACTOR = 1000

_CONTEXT = Context(prec=60)
_DISPLAY = Decimal(1).scaleb(-DISPLAY_PLACES)


class TareMethod(StrEnum):
    """How the net quantity is obtained from gross readings."""

    AVERAGE = "average"  # net = gross − mean of the tares of a separate tare sample
    INDIVIDUAL = "individual"  # net = gross − the tare of the same unit


@dataclass(frozen=True)
class Tare:
    """Tare readings for gross measurements, in the unit of the nominal quantity."""

    method: TareMethod
    values: tuple[Decimal, ...]


class Decision(StrEnum):
    ACCEPT = "accept"
    REJECT = "reject"


@dataclass(frozen=True)
class Deficiency:
    """T and the limits it sets for one nominal quantity, in the caller's unit."""

    kind: QuantityKind
    unit: str
    nominal_quantity: Decimal
    tolerable_deficiency: Decimal
    q_min: Decimal
    t2_limit: Decimal


@dataclass(frozen=True)
class SamplePlan:
    """What the plan asks of a lot of ``lot_size`` units."""

    lot_size: int
    sample_size: int
    full_inspection: bool
    t1_allowed: int
    correction_factor: Decimal | None
    row: PlanRow


@dataclass(frozen=True)
class Reason:
    """One criterion (or the decision) in words, Vietnamese and English."""

    code: str
    met: bool
    vi: str
    en: str


@dataclass(frozen=True)
class Evaluation:
    """Everything the quantity check found, in the unit of the nominal quantity."""

    rules_version: str
    deficiency: Deficiency
    plan: SamplePlan
    net_quantities: tuple[Decimal, ...]
    t1_count: int
    t2_count: int
    mean: Decimal
    std_dev: Decimal | None
    mean_limit: Decimal
    mean_criterion_met: bool
    decision: Decision
    reasons: tuple[Reason, ...]


def plain(value: Decimal) -> str:
    """A decimal as a plain string without exponent or trailing zeros ("1000", "4.5")."""
    text = format(value.normalize(_CONTEXT), "f")
    return "0" if text in {"-0", "0"} else text


def _places(value: Decimal) -> int:
    """Significant decimal places of a finite decimal ("1.50" has 1)."""
    _sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int) or exponent >= 0 or not any(digits):
        return 0
    zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(0, -exponent - zeros)


def _error(field: str, code: str, en: str, vi: str, **params: object) -> RuleInputError:
    return RuleInputError(field, en, message_vi=vi, code=code, params=params)


# --- T -----------------------------------------------------------------------------------------


def _check_nominal(nominal: Decimal, unit: Unit, version: RulesVersion) -> Decimal:
    rule = version.deficiency[unit.kind]
    if not isinstance(nominal, Decimal) or not nominal.is_finite() or nominal <= 0:
        raise _error(
            "nominal_quantity",
            "not_positive",
            "The nominal quantity must be a number greater than zero: enter the quantity "
            "printed on the label.",
            "Lượng danh nghĩa phải là số lớn hơn 0: nhập lượng ghi trên nhãn.",
        )
    with localcontext(_CONTEXT):
        top_in_unit = rule.max_nominal / unit.factor
    if nominal > top_in_unit:
        top = plain(top_in_unit)
        raise _error(
            "nominal_quantity",
            "outside_table",
            f"The table of tolerable deficiencies covers {unit.kind.value} up to {top} "
            f"{unit.symbol}: check the unit (e.g. kg instead of g) or the value on the label.",
            f"Bảng lượng thiếu cho phép chỉ áp dụng đến {top} {unit.symbol}: kiểm tra lại "
            "đơn vị (ví dụ kg thay cho g) hoặc giá trị ghi trên nhãn.",
            top=top,
            unit=unit.symbol,
        )
    if _places(nominal) > MAX_PLACES:
        raise _error(
            "nominal_quantity",
            "too_precise",
            f"Write the nominal quantity with at most {MAX_PLACES} decimal places.",
            f"Ghi lượng danh nghĩa với tối đa {MAX_PLACES} chữ số thập phân.",
        )
    with localcontext(_CONTEXT):
        return nominal * unit.factor


def tolerable_deficiency(
    *,
    nominal_quantity: Decimal,
    unit: str,
    version: RulesVersion,
    quantity_kind: QuantityKind | None = None,
) -> Deficiency:
    """T, Qmin = Qn − T and Qn − 2T for a nominal quantity, in its own unit."""
    resolved = resolve_unit(unit, quantity_kind)
    base = _check_nominal(nominal_quantity, resolved, version)
    rule = version.deficiency[resolved.kind]
    band = next(b for b in rule.bands if b.up_to is None or base <= b.up_to)
    with localcontext(_CONTEXT):
        if band.percent is not None:
            exact = base * band.percent / 100
            steps = (exact / rule.rounding_step).to_integral_value(rounding=ROUND_CEILING)
            t_base = steps * rule.rounding_step
        else:
            assert band.absolute is not None
            t_base = band.absolute
        t = t_base / resolved.factor
        q_min = nominal_quantity - t
        return Deficiency(
            kind=resolved.kind,
            unit=resolved.symbol,
            nominal_quantity=nominal_quantity,
            tolerable_deficiency=t,
            q_min=q_min,
            t2_limit=nominal_quantity - 2 * t,
        )


# --- Plan --------------------------------------------------------------------------------------


def sampling_plan(*, lot_size: int, version: RulesVersion) -> SamplePlan:
    """The sample size n, allowed T1 count c and λ for a lot of ``lot_size`` units.

    A plan row whose sample is larger than the lot (or that says "every unit") means full
    inspection: n = N and the mean must reach Qn.
    """
    if isinstance(lot_size, bool) or not isinstance(lot_size, int) or lot_size < 1:
        raise _error(
            "lot_size",
            "not_positive",
            "The lot size must be a whole number of units, at least 1: count the units in the lot.",
            "Cỡ lô phải là số nguyên đơn vị, ít nhất là 1: đếm số đơn vị hàng trong lô.",
        )
    if lot_size > version.max_lot_size:
        top = f"{version.max_lot_size:,}".replace(",", " ")
        raise _error(
            "lot_size",
            "lot_too_large",
            f"A lot may hold at most {top} units: split it into smaller lots (at a packer, "
            "one hour's output is one lot) and check each.",
            f"Một lô tối đa {top} đơn vị: chia thành các lô nhỏ hơn (tại cơ sở sản xuất, "
            "mỗi lô là sản lượng một giờ) và kiểm tra từng lô.",
            top=version.max_lot_size,
        )
    row = next(r for r in version.sampling_plan if r.lot_min <= lot_size <= r.lot_max)
    full = row.sample_size is None or row.sample_size >= lot_size
    return SamplePlan(
        lot_size=lot_size,
        sample_size=lot_size if full else row.sample_size or lot_size,
        full_inspection=full,
        t1_allowed=row.t1_allowed,
        correction_factor=None if full else row.correction_factor,
        row=row,
    )


# --- Measurements ------------------------------------------------------------------------------


def _check_count(count: int, plan: SamplePlan) -> None:
    n, lot = plan.sample_size, plan.lot_size
    if count < n:
        missing = n - count
        what = "every unit of the lot" if plan.full_inspection else f"{n} units drawn at random"
        what_vi = "toàn bộ lô" if plan.full_inspection else f"{n} đơn vị lấy mẫu ngẫu nhiên"
        raise _error(
            "measurements",
            "too_few",
            f"A lot of {lot} units needs {n} measurements ({what}); {count} entered: "
            f"measure {missing} more.",
            f"Lô {lot} đơn vị cần {n} kết quả đo ({what_vi}); đã nhập {count}: "
            f"đo thêm {missing} đơn vị.",
            required=n,
            entered=count,
            missing=missing,
        )
    if count > n:
        extra = count - n
        raise _error(
            "measurements",
            "too_many",
            f"A lot of {lot} units needs exactly {n} measurements; {count} entered: remove "
            f"{extra}, or correct the lot size.",
            f"Lô {lot} đơn vị cần đúng {n} kết quả đo; đã nhập {count}: bỏ bớt {extra}, "
            "hoặc sửa lại cỡ lô.",
            required=n,
            entered=count,
            extra=extra,
        )


def _check_reading(
    value: Decimal, *, field: str, label: str, label_vi: str, upper: Decimal, unit: str
) -> Fraction:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise _error(
            field,
            "not_a_number",
            f"{label} is not a number: enter the reading in {unit}.",
            f"{label_vi} không phải là số: nhập số đọc được theo {unit}.",
        )
    if value < 0:
        raise _error(
            field,
            "negative",
            f"{label} is negative ({plain(value)}): enter the reading as shown, in {unit}.",
            f"{label_vi} là số âm ({plain(value)}): nhập đúng số đọc được, theo {unit}.",
        )
    if value > upper:
        raise _error(
            field,
            "absurd",
            f"{label} ({plain(value)} {unit}) is more than {plain(upper)} {unit}: check the "
            "unit and the decimal point.",
            f"{label_vi} ({plain(value)} {unit}) lớn hơn {plain(upper)} {unit}: kiểm tra "
            "đơn vị và dấu thập phân.",
        )
    if _places(value) > MAX_PLACES:
        raise _error(
            field,
            "too_precise",
            f"{label}: write at most {MAX_PLACES} decimal places.",
            f"{label_vi}: ghi tối đa {MAX_PLACES} chữ số thập phân.",
        )
    return Fraction(value)


def _net_quantities(
    measurements: Sequence[Decimal], tare: Tare | None, deficiency: Deficiency
) -> list[Fraction]:
    unit, qn = deficiency.unit, deficiency.nominal_quantity
    net_limit = qn * ABSURD_FACTOR
    gross_limit = qn * ABSURD_GROSS_FACTOR

    def reading(value: Decimal, i: int, *, gross: bool) -> Fraction:
        kind_en, kind_vi = (
            ("Gross reading", "Khối lượng cả bì") if gross else ("Measurement", "Kết quả đo")
        )
        return _check_reading(
            value,
            field="measurements",
            label=f"{kind_en} no. {i}",
            label_vi=f"{kind_vi} số {i}",
            upper=gross_limit if gross else net_limit,
            unit=unit,
        )

    if tare is None:
        nets = [reading(v, i, gross=False) for i, v in enumerate(measurements, 1)]
    else:
        tares = [
            _check_reading(
                v,
                field="tare",
                label=f"Tare no. {i}",
                label_vi=f"Bì số {i}",
                upper=gross_limit,
                unit=unit,
            )
            for i, v in enumerate(tare.values, 1)
        ]
        gross = [reading(v, i, gross=True) for i, v in enumerate(measurements, 1)]
        nets = _subtract_tare(gross, tares, tare.method, unit)
    for i, net in enumerate(nets, 1):
        if net < 0:
            raise _error(
                "tare",
                "tare_above_gross",
                f"The tare is larger than gross reading no. {i}: check that reading and the "
                "tare values.",
                f"Khối lượng bì lớn hơn khối lượng cả bì số {i}: kiểm tra lại số đo này và "
                "khối lượng bì.",
            )
        if net > Fraction(net_limit):
            raise _error(
                "measurements",
                "absurd",
                f"The net quantity of unit no. {i} is more than {plain(net_limit)} {unit}: check "
                "the unit and the decimal point.",
                f"Lượng tịnh của đơn vị số {i} lớn hơn {plain(net_limit)} {unit}: kiểm tra đơn "
                "vị và dấu thập phân.",
            )
    if deficiency.kind == QuantityKind.COUNT and any(n.denominator != 1 for n in nets):
        raise _error(
            "measurements",
            "not_whole",
            "Counts are whole numbers of items: enter the number of items found in each unit.",
            "Số đếm phải là số nguyên: nhập số sản phẩm đếm được trong từng đơn vị.",
        )
    return nets


def _subtract_tare(
    gross: list[Fraction], tares: list[Fraction], method: TareMethod, unit: str
) -> list[Fraction]:
    if not tares:
        raise _error(
            "tare",
            "no_tare",
            f"Gross readings need tare values: enter the tares (in {unit}) or send net "
            "quantities without a tare.",
            f"Số đo cả bì cần khối lượng bì: nhập khối lượng bì (theo {unit}) hoặc gửi "
            "lượng tịnh, không kèm bì.",
        )
    if method == TareMethod.AVERAGE:
        average = sum(tares, Fraction(0)) / len(tares)
        return [g - average for g in gross]
    if len(tares) != len(gross):
        raise _error(
            "tare",
            "tare_count",
            f"Individual tares need one tare per measured unit: {len(gross)} gross readings "
            f"but {len(tares)} tares; enter one tare for each unit.",
            f"Bì riêng từng đơn vị cần một giá trị bì cho mỗi đơn vị: có {len(gross)} số đo cả "
            f"bì nhưng {len(tares)} giá trị bì; nhập bì cho từng đơn vị.",
            gross=len(gross),
            tares=len(tares),
        )
    return [g - t for g, t in zip(gross, tares, strict=True)]


# --- Decision ----------------------------------------------------------------------------------


def _decimal(value: Fraction) -> Decimal:
    with localcontext(_CONTEXT):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return exact.quantize(_DISPLAY, rounding=ROUND_HALF_EVEN)


def _std_dev(nets: list[Fraction]) -> tuple[Fraction, Decimal | None]:
    """The sample variance (exact) and the standard deviation s (None for a single unit)."""
    n = len(nets)
    if n < 2:
        return Fraction(0), None
    total = sum(nets, Fraction(0))
    squares = sum((x * x for x in nets), Fraction(0))
    variance = (n * squares - total * total) / (n * (n - 1))
    with localcontext(_CONTEXT):
        root = (Decimal(variance.numerator) / Decimal(variance.denominator)).sqrt()
        return variance, root.quantize(_DISPLAY, rounding=ROUND_HALF_EVEN)


def evaluate(
    *,
    nominal_quantity: Decimal,
    unit: str,
    lot_size: int,
    measurements: Sequence[Decimal],
    version: RulesVersion,
    tare: Tare | None = None,
    quantity_kind: QuantityKind | None = None,
) -> Evaluation:
    """Check a lot: T, the plan, the T1/T2 counts, the mean criterion and the decision.

    ``measurements`` are net quantities, or gross readings when ``tare`` is given, all in
    ``unit``. Raises ``RuleInputError`` for input that cannot be evaluated.
    """
    deficiency = tolerable_deficiency(
        nominal_quantity=nominal_quantity, unit=unit, version=version, quantity_kind=quantity_kind
    )
    plan = sampling_plan(lot_size=lot_size, version=version)
    _check_count(len(measurements), plan)
    nets = _net_quantities(measurements, tare, deficiency)

    qn = Fraction(deficiency.nominal_quantity)
    q_min = Fraction(deficiency.q_min)
    t2_limit = Fraction(deficiency.t2_limit)
    t1_count = sum(1 for x in nets if x < q_min)
    t2_count = sum(1 for x in nets if x < t2_limit)
    mean = sum(nets, Fraction(0)) / len(nets)
    variance, std_dev = _std_dev(nets)

    if plan.full_inspection or plan.correction_factor is None:
        mean_met = mean >= qn
        mean_limit = deficiency.nominal_quantity
    else:
        factor = Fraction(plan.correction_factor)
        gap = qn - mean
        mean_met = gap <= 0 or gap * gap <= factor * factor * variance
        with localcontext(_CONTEXT):
            mean_limit = (
                deficiency.nominal_quantity - plan.correction_factor * (std_dev or 0)
            ).quantize(_DISPLAY, rounding=ROUND_HALF_EVEN)

    accept = t2_count == 0 and t1_count <= plan.t1_allowed and mean_met
    evaluation = Evaluation(
        rules_version=version.id,
        deficiency=deficiency,
        plan=plan,
        net_quantities=tuple(_decimal(x) for x in nets),
        t1_count=t1_count,
        t2_count=t2_count,
        mean=_decimal(mean),
        std_dev=std_dev,
        mean_limit=mean_limit,
        mean_criterion_met=mean_met,
        decision=Decision.ACCEPT if accept else Decision.REJECT,
        reasons=(),
    )
    return _with_reasons(evaluation)


def _with_reasons(ev: Evaluation) -> Evaluation:
    d, p, u = ev.deficiency, ev.plan, ev.deficiency.unit
    t2 = plain(d.t2_limit)
    q_min = plain(d.q_min)
    mean = plain(ev.mean)
    reasons = [
        Reason(
            "t2",
            ev.t2_count == 0,
            f"Số đơn vị có lượng thực nhỏ hơn Qn − 2T = {t2} {u}: {ev.t2_count} "
            "(không cho phép đơn vị nào).",
            f"Units below Qn − 2T = {t2} {u}: {ev.t2_count} (none allowed).",
        ),
        Reason(
            "t1",
            ev.t1_count <= p.t1_allowed,
            f"Số đơn vị có lượng thực nhỏ hơn Qmin = Qn − T = {q_min} {u}: {ev.t1_count} "
            f"(cho phép tối đa {p.t1_allowed}).",
            f"Units below Qmin = Qn − T = {q_min} {u}: {ev.t1_count} "
            f"(at most {p.t1_allowed} allowed).",
        ),
    ]
    sign = "≥" if ev.mean_criterion_met else "<"
    if p.correction_factor is None:
        reasons.append(
            Reason(
                "mean",
                ev.mean_criterion_met,
                f"Kiểm tra toàn bộ lô (n = N = {p.lot_size}): giá trị trung bình {mean} {u} "
                f"{sign} Qn = {plain(d.nominal_quantity)} {u}.",
                f"Whole lot measured (n = N = {p.lot_size}): mean {mean} {u} {sign} "
                f"Qn = {plain(d.nominal_quantity)} {u}.",
            )
        )
    else:
        lam, s, limit = (
            plain(p.correction_factor),
            plain(ev.std_dev or Decimal(0)),
            plain(ev.mean_limit),
        )
        reasons.append(
            Reason(
                "mean",
                ev.mean_criterion_met,
                f"Giá trị trung bình {mean} {u} {sign} Qn − λ·s = {limit} {u} "
                f"(n = {p.sample_size}, λ = {lam}, s = {s} {u}).",
                f"Mean {mean} {u} {sign} Qn − λ·s = {limit} {u} "
                f"(n = {p.sample_size}, λ = {lam}, s = {s} {u}).",
            )
        )
    accepted = ev.decision == Decision.ACCEPT
    reasons.append(
        Reason(
            "decision",
            accepted,
            "Lô hàng đạt yêu cầu về định lượng."
            if accepted
            else "Lô hàng không đạt yêu cầu về định lượng.",
            "The lot meets the quantity requirements."
            if accepted
            else "The lot does not meet the quantity requirements.",
        )
    )
    return replace(ev, reasons=tuple(reasons))
