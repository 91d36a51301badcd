"""Forms of legal metrology: the register (``register``), verifications, certificates and
sticker stock (``verifications``) and reverse traceability (``traceability``); the pieces
they share are in ``common``."""

from tdc.metrology.forms.common import DATE, ReasonForm, type_code_choices
from tdc.metrology.forms.register import (
    DesignationForm,
    InstrumentForm,
    InstrumentStatusForm,
    MarketCheckForm,
    MarketForm,
    MeasurementStandardForm,
    ReferenceWeightForm,
    StandardCalibrationForm,
    SuspendForm,
    VerifierForm,
)
from tdc.metrology.forms.traceability import FindingForm
from tdc.metrology.forms.verifications import (
    POINT_ROWS,
    CertificateReasonForm,
    StampBatchForm,
    StampVoidForm,
    VerificationForm,
    parse_parameters,
)

__all__ = [
    "DATE",
    "POINT_ROWS",
    "CertificateReasonForm",
    "DesignationForm",
    "FindingForm",
    "InstrumentForm",
    "InstrumentStatusForm",
    "MarketCheckForm",
    "MarketForm",
    "MeasurementStandardForm",
    "ReasonForm",
    "ReferenceWeightForm",
    "StampBatchForm",
    "StampVoidForm",
    "StandardCalibrationForm",
    "SuspendForm",
    "VerificationForm",
    "VerifierForm",
    "parse_parameters",
    "type_code_choices",
]
