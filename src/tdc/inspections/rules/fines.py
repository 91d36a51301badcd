"""Fine ranges and the proposed fine (NĐ 118/2021 as amended by NĐ 68/2025, as data).

A range is for individuals; an organisation's range is the individual range × the multiplier.
The proposed fine sits at ``base`` of the range; mitigating circumstances move it towards the
minimum, aggravating ones towards the maximum. Where both kinds are present they offset each
other only when the rule in force says so (``offsetting``, data with its source); otherwise the
text gives no placement and the proposal stays at ``base`` for the officer to decide.

Fines above the tiers (Law on Metrology Art. 52(5)): when the illegal profit exceeds the maximum
fine for metrology, the fine is a multiple of the profit (:func:`profit_multiple_range`).
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
    #: Whether mitigating and aggravating circumstances cancel each other out.
    offsetting: bool = False


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
    """Where in the range the fine sits for the circumstances, as the rule places it.

    Only one kind present: one circumstance moves the fine to ``one_factor`` from its end of
    the range, two or more to ``two_factors``. Both kinds present: their difference counts when
    the rule allows offsetting; otherwise the position stays at ``base``.
    """
    if mitigating < 0 or aggravating < 0:
        raise FineRuleError("Counts of circumstances cannot be negative.")
    if mitigating and aggravating and not rule.offsetting:
        return rule.base
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


# --- Fines above the tiers (Law on Metrology Art. 52(5)) ------------------------------------


@dataclass(frozen=True)
class ProfitMultipleRule:
    """When the illegal profit exceeds ``max_fine`` (the maximum fine for metrology, for the
    offender's kind), the fine is ``multiple_min`` to ``multiple_max`` × the illegal profit."""

    max_fine: Decimal
    multiple_min: Decimal = Decimal(1)
    multiple_max: Decimal = Decimal(5)


def profit_multiple_range(
    profit: Decimal, top_tier: FineRange, rule: ProfitMultipleRule
) -> FineRange | None:
    """The range of a fine set as a multiple of the illegal profit, or ``None`` when the profit
    does not exceed the maximum fine (the tiers apply).

    The range never starts below the top tier's range: its minimum is at least the top tier's
    maximum, and its maximum is at least its minimum.
    """
    if profit < 0 or rule.max_fine < 0:
        raise FineRuleError("Profit and the maximum fine cannot be negative.")
    if rule.multiple_min <= 0 or rule.multiple_max < rule.multiple_min:
        raise FineRuleError("The multiples must be positive and in order.")
    if profit <= rule.max_fine:
        return None
    low = max(_round(profit * rule.multiple_min), top_tier.maximum)
    high = max(_round(profit * rule.multiple_max), low)
    return FineRange(low, high)
