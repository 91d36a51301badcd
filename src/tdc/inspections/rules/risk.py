"""An explainable risk score: the sum of weight × factor, each contribution reported.

The weights are versioned reference data (``RiskWeights``); the inputs are counts and dates the
system holds. Past violations count less as they age: each weighs ``0.5 ** (age / half_life)``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

FACTORS = (
    "complaints",
    "violations",
    "overdue_instruments",
    "rejected_checks",
    "time_since_inspection",
    "size",
    "referrals",
)


@dataclass(frozen=True)
class Weights:
    """The weights of one version, with its label."""

    complaint: Decimal
    violation: Decimal
    violation_half_life_days: int
    overdue_instrument: Decimal
    rejected_check: Decimal
    years_since_inspection: Decimal
    years_since_inspection_cap: Decimal
    size: Decimal
    #: Per open referral from another module (e.g. a non-conforming survey sample).
    referral: Decimal = Decimal(0)
    version: str = ""


@dataclass(frozen=True)
class RiskInputs:
    """What the system knows about one organisation on the day of scoring."""

    verified_complaints: int = 0
    violation_dates: Sequence[dt.date] = ()
    overdue_instruments: int = 0
    rejected_checks: int = 0
    last_inspected_on: dt.date | None = None
    instruments: int = 0
    open_referrals: int = 0


@dataclass(frozen=True)
class Contribution:
    """One factor: its raw value, the weight applied, and weight × value."""

    factor: str
    value: Decimal
    weight: Decimal
    points: Decimal


@dataclass(frozen=True)
class RiskScore:
    total: Decimal
    contributions: tuple[Contribution, ...]
    version: str


_Q = Decimal("0.001")


def decayed_count(dates: Sequence[dt.date], *, today: dt.date, half_life_days: int) -> Decimal:
    """Sum of 0.5^(age/half-life) over the dates; a violation today counts 1."""
    if half_life_days <= 0:
        raise ValueError("The half-life must be a positive number of days.")
    total = 0.0
    for day in dates:
        age = max((today - day).days, 0)
        total += 0.5 ** (age / half_life_days)
    return Decimal(repr(total)).quantize(_Q)


def years_since(last: dt.date | None, *, today: dt.date, cap: Decimal) -> Decimal:
    """Years since the last inspection, capped; never inspected counts as the cap."""
    if last is None:
        return cap
    years = Decimal(max((today - last).days, 0)) / Decimal("365.25")
    return min(years, cap).quantize(_Q)


def size_value(instruments: int) -> Decimal:
    """log2(1 + instruments): large operators weigh more, but not linearly."""
    return Decimal(repr(math.log2(1 + max(instruments, 0)))).quantize(_Q)


def score(inputs: RiskInputs, weights: Weights, *, today: dt.date) -> RiskScore:
    """The risk score of one organisation and each factor's contribution.

    The contributions' points sum exactly to the total.
    """
    values = {
        "complaints": (Decimal(inputs.verified_complaints), weights.complaint),
        "violations": (
            decayed_count(
                inputs.violation_dates,
                today=today,
                half_life_days=weights.violation_half_life_days,
            ),
            weights.violation,
        ),
        "overdue_instruments": (Decimal(inputs.overdue_instruments), weights.overdue_instrument),
        "rejected_checks": (Decimal(inputs.rejected_checks), weights.rejected_check),
        "time_since_inspection": (
            years_since(
                inputs.last_inspected_on, today=today, cap=weights.years_since_inspection_cap
            ),
            weights.years_since_inspection,
        ),
        "size": (size_value(inputs.instruments), weights.size),
        "referrals": (Decimal(inputs.open_referrals), weights.referral),
    }
    contributions = tuple(
        Contribution(
            factor=name,
            value=value,
            weight=weight,
            points=(value * weight).quantize(_Q),
        )
        for name, (value, weight) in values.items()
    )
    total = sum((c.points for c in contributions), Decimal(0))
    return RiskScore(total=total, contributions=contributions, version=weights.version)
