"""Taximeters (OIML R 21 / MID MI-007): time, distance and fare, each ± a percentage with a
minimum MPE."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tdc.metrology.rules.common import Outcome, Params, percent_of
from tdc.metrology.rules.tables import TAXIMETER_MPE, in_force
from tdc.metrology.rules.values import Message, Point, RuleInputError

SCHEME = "taximeter"
PARAMETERS = frozenset({"quantity", "unit", "fare_digit"})
#: Taximeters carry no accuracy class; these spellings of "none" are accepted.
NO_CLASS = frozenset({"", "-", "none"})
_FARE_DIGIT = Message(
    vi="Sai số cước nhỏ nhất bằng chữ số nhỏ nhất hiển thị trên taximet: nhập fare_digit "
    "(ví dụ 1000 đồng).",
    en="The minimum fare MPE is the least significant digit the taximeter displays: enter "
    "fare_digit (for example 1000 VND).",
)


def evaluate(*, accuracy_class: str, params: Params, points: Sequence[Point], on: date) -> Outcome:
    table = in_force(TAXIMETER_MPE, on)
    if accuracy_class.strip().lower() not in NO_CLASS:
        raise RuleInputError(
            "accuracy_class",
            Message(
                vi="Taximet không có cấp chính xác: để trống trường này.",
                en="Taximeters have no accuracy class: leave this field empty.",
            ),
        )
    results = []
    for index, point in enumerate(points):
        here = params.for_point(point, index)
        quantity = here.choice("quantity", list(table.data))
        limit = table.data[quantity]
        unit = here.choice("unit", list(limit.units), default=limit.base_unit)
        if limit.minimum is None:
            minimum = here.required_decimal("fare_digit", why=_FARE_DIGIT)
            here.positive("fare_digit")
        else:
            minimum = limit.minimum / limit.units[unit]
        relative = percent_of(limit.pct, point.reference)
        mpe = max(relative, minimum)
        band = f"{quantity}: ±{limit.pct:f} %, min {minimum:f} {unit}"
        results.append((point, mpe, band))
    return Outcome(results, [table.ref()], [])
