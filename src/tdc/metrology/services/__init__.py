"""Every write of legal metrology, one module per aggregate; import them from here.

- ``instruments``: the instrument register.
- ``designations``, ``verifiers``: designated organisations and their certified verifiers.
- ``standards``: measurement standards and their calibrations.
- ``markets``: markets, reference weights and market checks.
- ``stamps``: sticker and stamp stock.
- ``verification`` (with ``verification_checks``) and ``certificates``: recording a
  verification and the certificate it issues.
- ``traceability``: out-of-tolerance findings and the action on them.

Every service is keyword-only and atomic, validates with ``full_clean()``, refuses records
outside the actor's jurisdiction and writes its audit event in the same transaction
(``common``).
"""

from tdc.metrology.services.certificates import (
    CONCLUSION_PASSED,
    certificate_reinstate,
    certificate_revoke,
    certificate_suspend,
)
from tdc.metrology.services.common import known_type_codes
from tdc.metrology.services.designations import (
    designation_create,
    designation_revoke,
    designation_suspend,
    designation_update,
)
from tdc.metrology.services.instruments import (
    instrument_archive,
    instrument_change_status,
    instrument_register,
    instrument_search_text,
    instrument_update,
)
from tdc.metrology.services.markets import (
    market_check_record,
    market_create,
    market_update,
    reference_weight_add,
)
from tdc.metrology.services.stamps import stamp_batch_issue, stamp_void, used_message
from tdc.metrology.services.standards import (
    standard_calibration_record,
    standard_create,
    standard_update,
)
from tdc.metrology.services.traceability import (
    REVERIFICATION_EVENT,
    ActOutcome,
    finding_act,
    finding_note,
    finding_record,
)
from tdc.metrology.services.verification import (
    CERTIFICATE_SERIES,
    PointInput,
    evaluate_points,
    instrument_params,
    issuer_code,
    limit_for,
    stage_for,
    valid_until_for,
    verification_record,
)
from tdc.metrology.services.verifiers import verifier_create, verifier_suspend, verifier_update

__all__ = [
    "CERTIFICATE_SERIES",
    "CONCLUSION_PASSED",
    "REVERIFICATION_EVENT",
    "ActOutcome",
    "PointInput",
    "certificate_reinstate",
    "certificate_revoke",
    "certificate_suspend",
    "designation_create",
    "designation_revoke",
    "designation_suspend",
    "designation_update",
    "evaluate_points",
    "finding_act",
    "finding_note",
    "finding_record",
    "instrument_archive",
    "instrument_change_status",
    "instrument_params",
    "instrument_register",
    "instrument_search_text",
    "instrument_update",
    "issuer_code",
    "known_type_codes",
    "market_check_record",
    "market_create",
    "market_update",
    "reference_weight_add",
    "limit_for",
    "stage_for",
    "stamp_batch_issue",
    "stamp_void",
    "standard_calibration_record",
    "standard_create",
    "standard_update",
    "used_message",
    "valid_until_for",
    "verification_record",
    "verifier_create",
    "verifier_suspend",
    "verifier_update",
]
