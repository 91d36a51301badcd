"""The regulation's arithmetic for the quantity of prepackaged goods (pure Python, no Django).

``evaluate`` checks a lot against one ``RulesVersion`` (``get_version``/``all_versions``); the
versions live as data files in ``data/``. See docs/modules/prepackages-rules.md.
"""

from tdc.prepackages.rules.errors import RuleInputError
from tdc.prepackages.rules.evaluation import (
    Decision,
    Deficiency,
    Evaluation,
    Reason,
    SamplePlan,
    Tare,
    TareMethod,
    evaluate,
    plain,
    sampling_plan,
    tolerable_deficiency,
)
from tdc.prepackages.rules.units import ACCEPTED_UNITS, UNITS, QuantityKind, resolve_unit
from tdc.prepackages.rules.versions import (
    Confidence,
    RulesDataError,
    RulesVersion,
    all_versions,
    get_version,
)

__all__ = [
    "ACCEPTED_UNITS",
    "UNITS",
    "Confidence",
    "Decision",
    "Deficiency",
    "Evaluation",
    "QuantityKind",
    "Reason",
    "RuleInputError",
    "RulesDataError",
    "RulesVersion",
    "SamplePlan",
    "Tare",
    "TareMethod",
    "all_versions",
    "evaluate",
    "get_version",
    "plain",
    "resolve_unit",
    "sampling_plan",
    "tolerable_deficiency",
]
