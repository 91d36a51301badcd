"""Statuses and kinds of the prepackaged-goods records."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductCategory(models.TextChoices):
    """Broad product groups, for trends and for choosing which lots to check."""

    FOOD = "food", _("Food")
    BEVERAGE = "beverage", _("Beverages and drinking water")
    DAIRY = "dairy", _("Milk and dairy products")
    COOKING_OIL = "cooking_oil", _("Cooking oil, sauces and condiments")
    COSMETICS = "cosmetics", _("Cosmetics and personal care")
    DETERGENT = "detergent", _("Detergents and household chemicals")
    FERTILISER = "fertiliser", _("Fertilisers and plant protection")
    ANIMAL_FEED = "animal_feed", _("Animal feed")
    CONSTRUCTION = "construction", _("Cement and construction materials")
    LPG = "lpg", _("Liquefied petroleum gas")
    LUBRICANT = "lubricant", _("Lubricants")
    OTHER = "other", _("Other")


class QuantityKindChoice(models.TextChoices):
    """What the label's quantity states (net mass, volume…); the unit must measure it."""

    MASS = "mass", _("Mass (net weight)")
    VOLUME = "volume", _("Volume")
    LENGTH = "length", _("Length")
    AREA = "area", _("Area")
    COUNT = "count", _("Count")


class UnitChoice(models.TextChoices):
    MG = "mg", "mg"
    G = "g", "g"
    KG = "kg", "kg"
    ML = "mL", "mL"
    CL = "cL", "cL"
    L = "L", "L"
    MM = "mm", "mm"
    CM = "cm", "cm"
    M = "m", "m"
    CM2 = "cm2", "cm²"
    DM2 = "dm2", "dm²"
    M2 = "m2", "m²"
    PCS = "pcs", _("pieces")


class PackerRole(models.TextChoices):
    PACKER = "packer", _("Packer (producer)")
    IMPORTER = "importer", _("Importer")
    SELLER = "seller", _("Seller (goods in circulation)")


class TareMethodChoice(models.TextChoices):
    """How the net quantity is obtained."""

    NET = "net", _("Net quantities measured directly")
    AVERAGE = "average", _("Gross readings minus the average tare of a tare sample")
    INDIVIDUAL = "individual", _("Gross readings minus each unit's own tare")


class InspectionStatus(models.TextChoices):
    DRAFT = "draft", _("Measuring (draft)")
    DECIDED = "decided", _("Decided")
    CANCELLED = "cancelled", _("Cancelled")


class LotDecision(models.TextChoices):
    ACCEPT = "accept", _("Lot accepted")
    REJECT = "reject", _("Lot rejected")


class RulesSource(models.TextChoices):
    """Where the rules version an inspection used came from."""

    PROVINCE = "province", _("Province setting")
    DEPLOYMENT = "deployment", _("Deployment default")


class DeclarationStatus(models.TextChoices):
    """Group 1 self-declaration of the quantity mark (TT 21/2014 Arts 12–16)."""

    RECEIVED = "received", _("Received, being checked")
    INCOMPLETE = "incomplete", _("Incomplete: notice sent, waiting for the declarant")
    ACCEPTED = "accepted", _("Stamped receipt issued")
    DROPPED = "dropped", _("Dropped: not completed in time")
    SUPERSEDED = "superseded", _("Replaced by a re-declaration")
    CANCELLED = "cancelled", _("Cancelled")


class CertificationStatus(models.TextChoices):
    """Group 2 certification to use the quantity mark (TT 21/2014 Arts 17–24)."""

    RECEIVED = "received", _("File received, being checked")
    INCOMPLETE = "incomplete", _("Incomplete: notice sent, waiting for the applicant")
    ASSESSING = "assessing", _("Complete: on-site assessment")
    CERTIFIED = "certified", _("Certified")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")
    REFUSED = "refused", _("Refused")
    EXPIRED = "expired", _("Expired")
    DROPPED = "dropped", _("Dropped: not completed in time")


#: Declarations a re-declaration may replace: stamped ones.
REDECLARABLE = frozenset({DeclarationStatus.ACCEPTED})
#: Certificates a re-certification may renew: in force or expired.
RENEWABLE = frozenset({CertificationStatus.CERTIFIED, CertificationStatus.EXPIRED})


class DeadlineUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("working days")
    CALENDAR_DAYS = "calendar_days", _("calendar days")
    MONTHS = "months", _("months")


class ProcedureStep(models.TextChoices):
    """The time limits of the quantity-mark procedures, held as versioned reference data."""

    DECLARATION_INCOMPLETE_NOTICE = (
        "declaration_incomplete_notice",
        _("Declaration: notice of an incomplete file"),
    )
    DECLARATION_COMPLETION = (
        "declaration_completion",
        _("Declaration: time the declarant has to complete the file"),
    )
    DECLARATION_STAMP = "declaration_stamp", _("Declaration: stamped receipt returned")
    CERTIFICATION_INCOMPLETE_NOTICE = (
        "certification_incomplete_notice",
        _("Certification: notice of an incomplete file"),
    )
    CERTIFICATION_COMPLETION = (
        "certification_completion",
        _("Certification: time the applicant has to complete the file"),
    )
    CERTIFICATION_TEAM = "certification_team", _("Certification: assessment team set up")
    CERTIFICATION_ISSUE = "certification_issue", _("Certification: certificate issued")
    CERTIFICATE_VALIDITY = "certificate_validity", _("Certificate validity")
    RECERTIFICATION_NOTICE = "recertification_notice", _("Re-certification requested before expiry")
    SUSPENSION_MAX = "suspension_max", _("Longest suspension")
