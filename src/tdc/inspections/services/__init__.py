"""Writes of the inspections module: plans, campaigns, field inspections, violations, sanctions.

Every function is keyword-only, atomic and writes its audit event in the same transaction.

- ``plans``: annual plans (submit, approve, return), campaigns, their targets and teams.
- ``external``: other agencies' inspections, for de-confliction.
- ``fieldwork``: opening an inspection, checklist, position, photos, instruments, signatures,
  notices.
- ``sanctions``: violations, illegal profit, the sanction decision and its remedies.
- ``followup``: remedies done, payment, transfer, closing, the daily reminders.
- ``referrals``: businesses other modules propose as targets (raise the risk score).
"""

from tdc.inspections.services.external import (
    external_inspection_create as external_inspection_create,
)
from tdc.inspections.services.external import (
    external_inspection_update as external_inspection_update,
)
from tdc.inspections.services.fieldwork import answer_save as answer_save
from tdc.inspections.services.fieldwork import inspection_create as inspection_create
from tdc.inspections.services.fieldwork import inspection_update as inspection_update
from tdc.inspections.services.fieldwork import instrument_check_add as instrument_check_add
from tdc.inspections.services.fieldwork import notice_issue as notice_issue
from tdc.inspections.services.fieldwork import photo_add as photo_add
from tdc.inspections.services.fieldwork import position_save as position_save
from tdc.inspections.services.fieldwork import signature_add as signature_add
from tdc.inspections.services.followup import decision_payment_record as decision_payment_record
from tdc.inspections.services.followup import decision_transfer as decision_transfer
from tdc.inspections.services.followup import inspection_close as inspection_close
from tdc.inspections.services.followup import remedy_done as remedy_done
from tdc.inspections.services.followup import reminders_send as reminders_send
from tdc.inspections.services.plans import campaign_create as campaign_create
from tdc.inspections.services.plans import campaign_target_add as campaign_target_add
from tdc.inspections.services.plans import campaign_team_add as campaign_team_add
from tdc.inspections.services.plans import plan_approve as plan_approve
from tdc.inspections.services.plans import plan_create as plan_create
from tdc.inspections.services.plans import plan_return as plan_return
from tdc.inspections.services.plans import plan_submit as plan_submit
from tdc.inspections.services.plans import plan_update as plan_update
from tdc.inspections.services.referrals import referral_raise as referral_raise
from tdc.inspections.services.sanctions import decision_issue as decision_issue
from tdc.inspections.services.sanctions import remedy_add as remedy_add
from tdc.inspections.services.sanctions import violation_add as violation_add
from tdc.inspections.services.sanctions import (
    violation_official_amount_set as violation_official_amount_set,
)
from tdc.inspections.services.sanctions import violation_profit_set as violation_profit_set
