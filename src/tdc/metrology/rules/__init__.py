"""Legal-metrology arithmetic: maximum permissible errors and verdicts (no Django here).

``evaluate(scheme, accuracy_class=, stage=, params=, points=)`` computes each test point's MPE
and verdict for non-automatic weighing instruments (OIML R 76), water meters (OIML R 49), fuel
and LPG dispensers (OIML R 117), taximeters (OIML R 21) and electricity meters, using the
versioned tables in ``tables`` and reporting the version of each.
"""

from tdc.metrology.rules.engine import MAX_POINTS, SCHEMES, evaluate
from tdc.metrology.rules.values import (
    Confidence,
    Evaluation,
    Message,
    ParamValue,
    Point,
    PointResult,
    Reason,
    RuleInputError,
    Stage,
    TableRef,
)

__all__ = [
    "MAX_POINTS",
    "SCHEMES",
    "Confidence",
    "Evaluation",
    "Message",
    "ParamValue",
    "Point",
    "PointResult",
    "Reason",
    "RuleInputError",
    "Stage",
    "TableRef",
    "evaluate",
]
