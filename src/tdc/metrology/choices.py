"""Closed lists of the legal-metrology module (statuses, kinds, schemes)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MpeScheme(models.TextChoices):
    """Which family of MPE rules (``metrology/rules/``) evaluates a type's test points."""

    NAWI = "nawi", _("Non-automatic weighing instrument (OIML R 76)")
    WATER_METER = "water_meter", _("Water meter (OIML R 49)")
    FUEL_DISPENSER = "fuel_dispenser", _("Fuel or LPG dispenser (OIML R 117)")
    TAXIMETER = "taximeter", _("Taximeter (OIML R 21)")
    ELECTRICITY_METER = "electricity_meter", _("Electricity meter")
    OTHER = "other", _("Other (procedure-specific)")


class InstrumentStatus(models.TextChoices):
    IN_USE = "in_use", _("In use")
    OUT_OF_SERVICE = "out_of_service", _("Out of service")
    SEALED = "sealed", pgettext_lazy("instrument status", "Sealed")
    SCRAPPED = "scrapped", _("Scrapped")


class ReverificationReason(models.TextChoices):
    """Why an instrument must be verified again before its cycle ends (TT 23/2013 Art. 19)."""

    STANDARD_OUT_OF_TOLERANCE = "standard_oot", _("A standard used on it was out of tolerance")
    INSPECTION = "inspection", _("An inspection concluded so")
    REPAIR = "repair", _("Repaired or modified")
    MARK_LOST = "mark_lost", _("Verification mark, sticker or certificate lost or damaged")
    OTHER = "other", _("Other")


class VerificationKind(models.TextChoices):
    INITIAL = "initial", _("Initial verification")
    PERIODIC = "periodic", _("Periodic verification")
    AFTER_REPAIR = "after_repair", _("Verification after repair")
    CROSS_CHECK = "cross_check", _("Cross-check verification")


class LimitKind(models.TextChoices):
    """What an error limit is used for: the verification kinds and the inspection of an
    instrument in use (issue 11)."""

    INITIAL = "initial", _("Initial verification")
    PERIODIC = "periodic", _("Periodic verification")
    AFTER_REPAIR = "after_repair", _("Verification after repair")
    CROSS_CHECK = "cross_check", _("Cross-check verification")
    IN_USE_INSPECTION = "in_use_inspection", _("Inspection of an instrument in use")


class MpeStage(models.TextChoices):
    """Which maximum permissible error a limit row applies (``metrology.rules.Stage``)."""

    INITIAL = "initial", _("Initial-verification MPE")
    IN_SERVICE = "in_service", _("In-service MPE")


class VerificationResult(models.TextChoices):
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Failed")


class VerificationPlace(models.TextChoices):
    LABORATORY = "laboratory", _("At the verification organisation")
    ON_SITE = "on_site", _("On site, where the instrument is used")


class DesignationStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")


class VerifierStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")


class StandardLevel(models.TextChoices):
    """Categories of measurement standards (Law on Metrology Arts 12–14)."""

    NATIONAL = "national", _("National standard")
    MAIN = "main", _("Main standard")
    WORKING = "working", _("Working standard")


class StandardStatus(models.TextChoices):
    IN_USE = "in_use", _("In use")
    OUT_OF_SERVICE = "out_of_service", _("Out of service")
    RETIRED = "retired", _("Retired")


class CalibrationResult(models.TextChoices):
    IN_TOLERANCE = "in_tolerance", _("In tolerance")
    OUT_OF_TOLERANCE = "out_of_tolerance", _("Out of tolerance")


class FindingStatus(models.TextChoices):
    """Progress of a reverse-traceability finding on a standard."""

    OPEN = "open", _("Open: affected verifications to be reviewed")
    ACTED = "acted", _("Owners notified and instruments flagged")
    CLOSED = "closed", _("Closed")


class CertificateStatus(models.TextChoices):
    """Status set by people; “expired” is not stored but follows from the valid-until date."""

    VALID = "valid", _("Valid")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")


class StampKind(models.TextChoices):
    """Verification marks of TT 24/2013 Arts 38–39."""

    STICKER = "sticker", _("Verification sticker (tem kiểm định)")
    STAMP = "stamp", _("Verification mark (dấu kiểm định)")


class MarketStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ReferenceWeightKind(models.TextChoices):
    """What a market keeps for buyers to check quantities (TT 09/2017)."""

    WEIGHT = "weight", _("Reference weight")
    SCALE = "scale", _("Reference scale")


class MarketCheckResult(models.TextChoices):
    COMPLIANT = "compliant", _("Compliant")
    NON_COMPLIANT = "non_compliant", _("Non-compliant")
