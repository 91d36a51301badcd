"""Legal metrology records, one module per aggregate.

- ``instrument_types``: the Group 2 list as versioned reference data.
- ``instruments``: the instrument register.
- ``designations``: designated verification organisations and verifiers.
- ``standards``: measurement standards, calibrations, out-of-tolerance findings.
- ``verifications``: verifications, standards used and test points.
- ``certificates``: certificates, sticker/stamp batches and uses.
- ``markets``: markets, reference weights and market checks.

The regulation's arithmetic (maximum permissible errors and verdicts) lives in ``rules/``.
"""

from tdc.metrology.models.certificates import (
    Certificate,
    StampBatch,
    StampUse,
    new_public_code,
    public_status,
)
from tdc.metrology.models.designations import (
    Designation,
    DesignationInstrumentType,
    Verifier,
    VerifierInstrumentType,
)
from tdc.metrology.models.instrument_types import InstrumentType
from tdc.metrology.models.instruments import Instrument
from tdc.metrology.models.limits import RuleSetting, VerificationLimit
from tdc.metrology.models.markets import Market, MarketCheck, ReferenceWeight
from tdc.metrology.models.standards import (
    MeasurementStandard,
    OutOfToleranceFinding,
    StandardCalibration,
)
from tdc.metrology.models.verifications import (
    Verification,
    VerificationPoint,
    VerificationStandard,
)

__all__ = [
    "Certificate",
    "Designation",
    "DesignationInstrumentType",
    "Instrument",
    "InstrumentType",
    "Market",
    "MarketCheck",
    "MeasurementStandard",
    "OutOfToleranceFinding",
    "ReferenceWeight",
    "RuleSetting",
    "StampBatch",
    "StampUse",
    "StandardCalibration",
    "Verification",
    "VerificationLimit",
    "VerificationPoint",
    "VerificationStandard",
    "Verifier",
    "VerifierInstrumentType",
    "new_public_code",
    "public_status",
]
