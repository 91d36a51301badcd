"""Illegal profit in metrology cases (NĐ 86/2012 Arts 8–12).

- Prepackaged goods: quantity = units sold in the violation period × (allowed mean − actual
  mean); profit = quantity × unit price of the quantity.
- Measurements in trade: quantity = total traded × (relative error found − MPE), counted only
  when the error exceeds the MPE in the buyer's disfavour; profit = quantity × unit price.
- Price: the average of the prices at the start of the violation and at its detection.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


class ProfitInputError(ValueError):
    """An input is out of its domain (negative quantities or prices)."""


@dataclass(frozen=True)
class ProfitResult:
    quantity: Decimal
    unit_price: Decimal
    profit: Decimal
    formula: str


def average_price(price_at_start: Decimal, price_at_detection: Decimal) -> Decimal:
    """NĐ 86/2012: the average of the prices at the start and at detection."""
    if price_at_start < 0 or price_at_detection < 0:
        raise ProfitInputError("Prices cannot be negative.")
    return (price_at_start + price_at_detection) / 2


def prepackaged_profit(
    *,
    units_sold: int,
    allowed_mean: Decimal,
    actual_mean: Decimal,
    price_per_unit_quantity: Decimal,
) -> ProfitResult:
    """Profit from short-filled prepackages; none when the actual mean reaches the allowed one."""
    if units_sold < 0 or allowed_mean < 0 or actual_mean < 0 or price_per_unit_quantity < 0:
        raise ProfitInputError("Units, means and price cannot be negative.")
    shortfall = max(allowed_mean - actual_mean, Decimal(0))
    quantity = Decimal(units_sold) * shortfall
    return ProfitResult(
        quantity=quantity,
        unit_price=price_per_unit_quantity,
        profit=_vnd(quantity * price_per_unit_quantity),
        formula="units_sold × (allowed_mean − actual_mean) × price",
    )


def measurement_profit(
    *,
    total_traded: Decimal,
    error_found: Decimal,
    mpe: Decimal,
    price_per_unit_quantity: Decimal,
) -> ProfitResult:
    """Profit from measuring short beyond the MPE.

    ``error_found`` and ``mpe`` are relative (0.01 = 1 %); ``error_found`` is the shortfall to
    the buyer (positive when the buyer receives less than shown). Only the part beyond the MPE
    counts.
    """
    if total_traded < 0 or mpe < 0 or price_per_unit_quantity < 0:
        raise ProfitInputError("Quantities, the MPE and the price cannot be negative.")
    excess = max(error_found - mpe, Decimal(0))
    quantity = total_traded * excess
    return ProfitResult(
        quantity=quantity,
        unit_price=price_per_unit_quantity,
        profit=_vnd(quantity * price_per_unit_quantity),
        formula="total_traded × (error_found − MPE) × price",
    )


def _vnd(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
