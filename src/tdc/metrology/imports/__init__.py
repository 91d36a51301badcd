"""Import types of the metrology register (found by the import framework's autodiscovery of
``imports``): instruments and verifications."""

from tdc.metrology.imports.instruments import InstrumentImport
from tdc.metrology.imports.verifications import VerificationImport

__all__ = ["InstrumentImport", "VerificationImport"]
