"""Helpers for a lot being measured: the random sample positions and the running tally.

Both are pure. ``sample_positions`` is reproducible from its seed, so the minutes can state the
seed and anyone can draw the same units again. ``running_tally`` counts T1/T2 units and the mean
of the values entered so far against the limits of ``tolerable_deficiency``; the decision itself
is always ``evaluate`` on the complete sample.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from tdc.prepackages.rules.evaluation import Deficiency

#: Seeds are drawn from [0, 2**63): they fit a signed 64-bit database column.
SEED_LIMIT = 2**63


def sample_positions(*, lot_size: int, sample_size: int, seed: int) -> tuple[int, ...]:
    """The positions (1…N, ascending) of the units to measure, drawn with ``seed``.

    When the sample is the whole lot every position is taken. The draw uses Python's Mersenne
    Twister seeded with an integer, whose sequence is stable across Python versions.
    """
    if lot_size < 1 or sample_size < 1 or sample_size > lot_size:
        raise ValueError("need 1 ≤ sample_size ≤ lot_size")
    if not 0 <= seed < SEED_LIMIT:
        raise ValueError("seed out of range")
    if sample_size == lot_size:
        return tuple(range(1, lot_size + 1))
    rng = random.Random(seed)  # noqa: S311 - a reproducible draw, not a secret
    return tuple(sorted(rng.sample(range(1, lot_size + 1), sample_size)))


@dataclass(frozen=True)
class RunningTally:
    """What the values entered so far show (not a decision)."""

    count: int
    t1_count: int
    t2_count: int
    mean: Decimal | None
    below_nominal: bool


def running_tally(values: Sequence[Decimal], deficiency: Deficiency) -> RunningTally:
    """T1 units (below Qmin, T2 included), T2 units (below Qn − 2T) and the mean so far."""
    if not values:
        return RunningTally(0, 0, 0, None, False)
    exact = [Fraction(v) for v in values]
    q_min, t2 = Fraction(deficiency.q_min), Fraction(deficiency.t2_limit)
    mean = sum(exact, Fraction(0)) / len(exact)
    shown = (Decimal(mean.numerator) / Decimal(mean.denominator)).quantize(Decimal("0.001"))
    return RunningTally(
        count=len(exact),
        t1_count=sum(1 for x in exact if x < q_min),
        t2_count=sum(1 for x in exact if x < t2),
        mean=shown,
        below_nominal=mean < Fraction(deficiency.nominal_quantity),
    )
