"""The product-quality regulation's arithmetic: pure functions over data handed in, no Django."""

from tdc.quality.rules.declarations import Basis as Basis
from tdc.quality.rules.declarations import BodyFacts as BodyFacts
from tdc.quality.rules.declarations import add_months as add_months
from tdc.quality.rules.declarations import check_basis as check_basis
from tdc.quality.rules.declarations import receipt_valid_until as receipt_valid_until
from tdc.quality.rules.errors import QualityRuleError as QualityRuleError
from tdc.quality.rules.limits import DecisionRule as DecisionRule
from tdc.quality.rules.limits import IndicatorVerdict as IndicatorVerdict
from tdc.quality.rules.limits import Limit as Limit
from tdc.quality.rules.limits import Verdict as Verdict
from tdc.quality.rules.limits import judge as judge
from tdc.quality.rules.limits import normalise_unit as normalise_unit
from tdc.quality.rules.limits import overall as overall
from tdc.quality.rules.regime import (
    PREFIX_LENGTHS as PREFIX_LENGTHS,
)
from tdc.quality.rules.regime import (
    ListEntry as ListEntry,
)
from tdc.quality.rules.regime import (
    ProductIndex as ProductIndex,
)
from tdc.quality.rules.regime import (
    Regime as Regime,
)
from tdc.quality.rules.regime import (
    RegimePeriod as RegimePeriod,
)
from tdc.quality.rules.regime import (
    RegimeResult as RegimeResult,
)
from tdc.quality.rules.regime import (
    RiskClass as RiskClass,
)
from tdc.quality.rules.regime import (
    normalise_hs as normalise_hs,
)
from tdc.quality.rules.regime import (
    regime_on as regime_on,
)
