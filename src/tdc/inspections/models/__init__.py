"""Models of the inspections module.

- ``plans``: annual plans, campaigns, targets and teams.
- ``risk``: risk-score weights (versioned reference data) and other agencies' inspections.
- ``fieldwork``: inspections, checklists, answers, instruments checked, notices.
- ``sanctions``: the violations catalogue, violations, decisions, payment, remedies.
"""

from tdc.inspections.models.fieldwork import (
    ChecklistAnswer,
    ChecklistItem,
    Inspection,
    InspectionNotice,
    InspectionTeamMember,
    InstrumentCheck,
)
from tdc.inspections.models.plans import (
    Campaign,
    CampaignTarget,
    CampaignTeamMember,
    InspectionPlan,
)
from tdc.inspections.models.risk import ExternalInspection, RiskWeights, TargetReferral
from tdc.inspections.models.sanctions import (
    FineRule,
    ProfitFineRule,
    RemedyAction,
    SanctionDecision,
    Violation,
    ViolationType,
)

__all__ = [
    "Campaign",
    "CampaignTarget",
    "CampaignTeamMember",
    "ChecklistAnswer",
    "ChecklistItem",
    "ExternalInspection",
    "FineRule",
    "ProfitFineRule",
    "Inspection",
    "InspectionNotice",
    "InspectionPlan",
    "InspectionTeamMember",
    "InstrumentCheck",
    "RemedyAction",
    "RiskWeights",
    "TargetReferral",
    "SanctionDecision",
    "Violation",
    "ViolationType",
]
