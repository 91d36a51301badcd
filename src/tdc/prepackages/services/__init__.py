"""Writes for prepackaged goods: quantity inspections (measured value by value, decided by the
rules module), the province's rules version, Group 1 declarations and Group 2 certificates.

Every function is keyword-only, atomic and writes its audit event in the same transaction. One
module per record (``inspections``, ``measurements``, ``declarations``, ``certifications``,
``reminders``; ``marks`` holds what the two quantity-mark registers share); import the
functions from this package.
"""

from tdc.prepackages.services.certifications import (
    CERTIFICATE_SERIES,
    certification_accept_file,
    certification_issue,
    certification_mark_incomplete,
    certification_receive,
    certification_refuse,
    certification_reinstate,
    certification_revoke,
    certification_set_team,
    certification_suspend,
)
from tdc.prepackages.services.declarations import (
    RECEIPT_SERIES,
    declaration_accept,
    declaration_cancel,
    declaration_complete,
    declaration_drop,
    declaration_mark_incomplete,
    declaration_receive,
)
from tdc.prepackages.services.inspections import (
    MINUTES_SERIES,
    evaluation_data,
    inspection_cancel,
    inspection_create,
    inspection_finalise,
    inspection_update,
    rule_error,
    rules_setting_set,
)
from tdc.prepackages.services.measurements import measurement_record, measurement_remove
from tdc.prepackages.services.reminders import RECERTIFICATION_EVENT, certification_send_reminders

__all__ = [
    "CERTIFICATE_SERIES",
    "MINUTES_SERIES",
    "RECEIPT_SERIES",
    "RECERTIFICATION_EVENT",
    "certification_accept_file",
    "certification_issue",
    "certification_mark_incomplete",
    "certification_receive",
    "certification_refuse",
    "certification_reinstate",
    "certification_revoke",
    "certification_send_reminders",
    "certification_set_team",
    "certification_suspend",
    "declaration_accept",
    "declaration_cancel",
    "declaration_complete",
    "declaration_drop",
    "declaration_mark_incomplete",
    "declaration_receive",
    "evaluation_data",
    "inspection_cancel",
    "inspection_create",
    "inspection_finalise",
    "inspection_update",
    "measurement_record",
    "measurement_remove",
    "rule_error",
    "rules_setting_set",
]
