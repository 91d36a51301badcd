"""Lab results against the limits of a technical regulation (QCVN), with measurement uncertainty.

A limit is data: an indicator, its unit, a lower and/or upper bound. A result is a measured
value in some unit with its expanded uncertainty ``U`` (k = 2, same unit as the value). The
*decision rule* says how the uncertainty is used (ILAC-G8:09/2019, ISO/IEC 17025 clause 7.8.6):

- ``simple`` (simple acceptance, guard band w = 0): the value itself is compared with the
  limit; a value on the limit passes. The uncertainty is reported but does not move the verdict.
- ``guarded`` (guarded acceptance, binary statement, guard band w = U): a value passes only if
  the whole interval ``value ± U`` lies within the limits; a value inside the limits but
  within ``U`` of one of them fails as "not proven to conform".

The rule is chosen per survey (a data choice) and stated on every result. The functions here
are pure: no Django, no database; the caller hands in the limit row and records its version.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from tdc.quality.rules.errors import QualityRuleError


class DecisionRule(StrEnum):
    SIMPLE = "simple"
    GUARDED = "guarded"


class Verdict(StrEnum):
    CONFORMING = "conforming"
    NON_CONFORMING = "non_conforming"


#: Units the rules can convert between, by dimension: factor to the dimension's base unit.
#: Spellings are normalised first (case, spaces, "mg/l" → "mg/L").
UNIT_FACTORS: dict[str, dict[str, Decimal]] = {
    "mass_fraction": {
        "mg/kg": Decimal(1),
        "ppm": Decimal(1),
        "µg/g": Decimal(1),
        "g/kg": Decimal(1000),
        "%": Decimal(10000),
        "% (m/m)": Decimal(10000),
    },
    "length": {"mm": Decimal(1), "cm": Decimal(10), "m": Decimal(1000)},
    "mass": {"g": Decimal(1), "kg": Decimal(1000), "mg": Decimal("0.001")},
    "mass_concentration": {
        "mg/L": Decimal(1),
        "g/L": Decimal(1000),
        "kg/m3": Decimal(1000),
        "g/cm3": Decimal(1_000_000),
    },
    "volume_fraction": {"% (V/V)": Decimal(1)},
    "temperature": {"°C": Decimal(1)},
    "octane": {"RON": Decimal(1)},
    "force": {"N": Decimal(1), "kN": Decimal(1000)},
    "stress": {"MPa": Decimal(1), "N/mm2": Decimal(1)},
    "acceleration": {"g (gia tốc)": Decimal(1)},
    "current": {"mA": Decimal(1), "A": Decimal(1000)},
    "elongation": {"% (độ giãn dài)": Decimal(1)},
    "dimensionless": {"-": Decimal(1)},
}

_ALIASES = {
    "mg/l": "mg/L",
    "g/l": "g/L",
    "kg/m³": "kg/m3",
    "g/cm³": "g/cm3",
    "ug/g": "µg/g",
    "%m/m": "% (m/m)",
    "% m/m": "% (m/m)",
    "%(m/m)": "% (m/m)",
    "%v/v": "% (V/V)",
    "% v/v": "% (V/V)",
    "%(v/v)": "% (V/V)",
    "% (v/v)": "% (V/V)",
    "n/mm²": "N/mm2",
    "n/mm2": "N/mm2",
    "mpa": "MPa",
    "oc": "°C",
    "ron": "RON",
    "kn": "kN",
    "n": "N",
    "ma": "mA",
}


def normalise_unit(unit: str) -> str:
    """The unit's canonical spelling, or the stripped input if it is not known."""
    raw = " ".join(unit.strip().split())
    return _ALIASES.get(raw.lower(), raw)


def _dimension(unit: str) -> str | None:
    for name, units in UNIT_FACTORS.items():
        if unit in units:
            return name
    return None


def convert(value: Decimal, *, from_unit: str, to_unit: str, indicator: str = "") -> Decimal:
    """``value`` in ``from_unit`` expressed in ``to_unit``; refuses units of another dimension."""
    source, target = normalise_unit(from_unit), normalise_unit(to_unit)
    if source == target:
        return value
    dim_source, dim_target = _dimension(source), _dimension(target)
    if dim_source is None or dim_source != dim_target:
        name = indicator or "the indicator"
        raise QualityRuleError(
            "unit",
            f"The unit “{from_unit}” cannot be compared with the limit of {name}, which is in "
            f"“{to_unit}”: enter the result in {to_unit} or a unit of the same kind.",
            message_vi=(
                f"Đơn vị “{from_unit}” không so sánh được với giới hạn của chỉ tiêu {indicator} "
                f"(tính bằng “{to_unit}”): nhập kết quả theo {to_unit} hoặc một đơn vị cùng loại."
            ),
            code="unit_mismatch",
            params={"unit": from_unit, "limit_unit": to_unit, "indicator": indicator},
        )
    factors = UNIT_FACTORS[dim_source]
    return value * factors[source] / factors[target]


@dataclass(frozen=True)
class Limit:
    """One indicator's limit under one regulation: at least one bound, in ``unit``."""

    indicator: str
    unit: str
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    label: str = ""

    def __post_init__(self) -> None:
        if self.minimum is None and self.maximum is None:
            raise QualityRuleError(
                "limit",
                f"The limit of {self.indicator} has neither a minimum nor a maximum.",
                message_vi=f"Giới hạn của chỉ tiêu {self.indicator} thiếu cả mức tối thiểu và "
                "tối đa.",
                code="limit_empty",
            )
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise QualityRuleError(
                "limit",
                f"The minimum of {self.indicator} is above its maximum.",
                message_vi=f"Mức tối thiểu của chỉ tiêu {self.indicator} lớn hơn mức tối đa.",
                code="limit_order",
            )


@dataclass(frozen=True)
class IndicatorVerdict:
    """The verdict on one indicator, with what it was computed from (to be stated on the
    result): the value and U converted to the limit's unit, the rule, and whether the value
    fell in the guard band (inside the limits but within U of one)."""

    indicator: str
    verdict: Verdict
    value: Decimal
    uncertainty: Decimal
    unit: str
    rule: DecisionRule
    in_guard_band: bool
    limit_label: str = ""

    @property
    def conforming(self) -> bool:
        return self.verdict is Verdict.CONFORMING


def judge(
    *,
    limit: Limit,
    value: Decimal,
    unit: str,
    uncertainty: Decimal = Decimal(0),
    rule: DecisionRule = DecisionRule.SIMPLE,
) -> IndicatorVerdict:
    """The verdict on one measured value against its limit under the decision rule."""
    if uncertainty < 0:
        raise QualityRuleError(
            "uncertainty",
            "The expanded uncertainty cannot be negative.",
            message_vi="Độ không đảm bảo đo mở rộng không được âm.",
            code="uncertainty_negative",
        )
    v = convert(value, from_unit=unit, to_unit=limit.unit, indicator=limit.indicator)
    u = convert(uncertainty, from_unit=unit, to_unit=limit.unit, indicator=limit.indicator)
    inside = (limit.minimum is None or v >= limit.minimum) and (
        limit.maximum is None or v <= limit.maximum
    )
    proven = (limit.minimum is None or v - u >= limit.minimum) and (
        limit.maximum is None or v + u <= limit.maximum
    )
    passes = proven if rule is DecisionRule.GUARDED else inside
    return IndicatorVerdict(
        indicator=limit.indicator,
        verdict=Verdict.CONFORMING if passes else Verdict.NON_CONFORMING,
        value=v,
        uncertainty=u,
        unit=normalise_unit(limit.unit),
        rule=rule,
        in_guard_band=inside and not proven,
        limit_label=limit.label,
    )


def overall(verdicts: Iterable[IndicatorVerdict]) -> Verdict:
    """A sample conforms only if every indicator tested conforms; no indicator, no verdict."""
    items = list(verdicts)
    if not items:
        raise QualityRuleError(
            "results",
            "Enter at least one indicator's result before the verdict.",
            message_vi="Nhập kết quả của ít nhất một chỉ tiêu trước khi kết luận.",
            code="no_results",
        )
    if all(item.conforming for item in items):
        return Verdict.CONFORMING
    return Verdict.NON_CONFORMING
