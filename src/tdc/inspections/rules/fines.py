"""Fine ranges and the proposed fine (NĐ 118/2021 as amended by NĐ 68/2025, as data).

A range is for individuals; an organisation's range is the individual range × the multiplier.
The proposed fine sits at ``base`` of the range; mitigating circumstances move it towards the
minimum, aggravating ones towards the maximum; they offset each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class FineRange:
    minimum: Decimal
    maximum: Decimal

    def contains(self, amount: Decimal) -> bool:
        return self.minimum <= amount <= self.maximum


@dataclass(frozen=True)
class PositionRule:
    """Positions as fractions of the range: 0 = minimum, 1 = maximum."""

    base: Decimal = Decimal("0.5")
    one_factor: Decimal = Decimal("0.25")
    two_factors: Decimal = Decimal("0")


class FineRuleError(ValueError):
    """The inputs make no sense (negative counts, an inverted range)."""


def applicable_range(
    minimum: Decimal, maximum: Decimal, *, organisation: bool, multiplier: Decimal
) -> FineRange:
    """The range for the offender: as listed for individuals, × multiplier for organisations."""
    if minimum < 0 or maximum < minimum:
        raise FineRuleError("The fine range is inverted or negative.")
    if organisation:
        return FineRange(_round(minimum * multiplier), _round(maximum * multiplier))
    return FineRange(minimum, maximum)


def position(rule: PositionRule, *, mitigating: int, aggravating: int) -> Decimal:
    """Where in the range the fine sits, after circumstances offset each other."""
    if mitigating < 0 or aggravating < 0:
        raise FineRuleError("Counts of circumstances cannot be negative.")
    net = aggravating - mitigating
    if net == 0:
        return rule.base
    distance = rule.one_factor if abs(net) == 1 else rule.two_factors
    return Decimal(1) - distance if net > 0 else distance


def proposed_fine(
    fine_range: FineRange, rule: PositionRule, *, mitigating: int = 0, aggravating: int = 0
) -> Decimal:
    """The proposed fine, rounded to the nearest 1,000 VND and kept inside the range."""
    at = position(rule, mitigating=mitigating, aggravating=aggravating)
    amount = fine_range.minimum + (fine_range.maximum - fine_range.minimum) * at
    rounded = (amount / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP) * 1000
    return min(max(rounded, fine_range.minimum), fine_range.maximum)


def _round(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
