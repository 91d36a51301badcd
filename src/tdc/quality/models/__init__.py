"""Product quality: the product lists of both legal regimes, conformity bodies, conformity
declarations and public quality warnings.

The regulation's arithmetic is in ``rules/`` (pure functions); the lists and the regime periods
are versioned reference rows (``data/reference/*.yaml``, loaded by ``tdc load_reference``), each
with its legal basis, source and confidence, so that an unconfirmed row stays editable data.
"""

from tdc.quality.models.bodies import ConformityBody as ConformityBody
from tdc.quality.models.declarations import Declaration as Declaration
from tdc.quality.models.reference import ProductListEntry as ProductListEntry
from tdc.quality.models.reference import RegimePeriod as RegimePeriod
from tdc.quality.models.reference import TimeLimit as TimeLimit
from tdc.quality.models.surveys import (  # surveys and testing (issue 13, point 5)
    IndicatorLimit as IndicatorLimit,
)
from tdc.quality.models.surveys import (
    LabAssignment as LabAssignment,
)
from tdc.quality.models.surveys import (
    LabResult as LabResult,
)
from tdc.quality.models.surveys import (
    Sample as Sample,
)
from tdc.quality.models.surveys import (
    SurveyPlan as SurveyPlan,
)
from tdc.quality.models.warnings import QualityWarning as QualityWarning
