"""Kinds and statuses of the product-quality records."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegimeChoice(models.TextChoices):
    """The legal regime a record falls under, chosen by date (quality-facts §0)."""

    GROUP2 = "group2", _("Legacy Group 2 lists (until 30/06/2026)")
    RISK_BASED = "risk_based", _("Risk classes (from 01/07/2026)")


class RiskClassChoice(models.TextChoices):
    HIGH = "high", _("High risk")
    MEDIUM = "medium", _("Medium risk")
    LOW = "low", _("Low risk")


class Measure(models.TextChoices):
    """What a product class requires before the goods circulate."""

    DECLARATION_SELF = "declaration_self_assessment", _("Conformity declaration on self-assessment")
    DECLARATION_ACCREDITED = (
        "declaration_accredited_cert",
        _("Conformity declaration on certification by an accredited body"),
    )
    DECLARATION_DESIGNATED = (
        "declaration_designated_cert",
        _("Conformity declaration on certification by a designated body"),
    )
    DECLARATION_REGISTERED = (
        "declaration_registered_cert",
        _("Conformity declaration on certification by a registered body"),
    )
    IMPORT_INSPECTION = "import_inspection", _("State quality inspection at import")


class BodyKind(models.TextChoices):
    CERTIFICATION = "certification", _("Certification body")
    LABORATORY = "laboratory", _("Testing laboratory")
    INSPECTION = "inspection", _("Inspection body")


class BodyStatus(models.TextChoices):
    """The standing of a conformity body; ordered from weakest to strongest."""

    REGISTERED = "registered", _("Registered")
    ACCREDITED = "accredited", _("Accredited")
    DESIGNATED = "designated", _("Designated")


class DeclarationKind(models.TextChoices):
    STANDARD = "standard", _("Declaration of conformity to a standard (hợp chuẩn)")
    REGULATION = "regulation", _("Declaration of conformity to a technical regulation (hợp quy)")


class DeclarationBasis(models.TextChoices):
    SELF_ASSESSMENT = "self_assessment", _("Self-assessment with a lab report")
    CERTIFICATION = "certification", _("Certificate from a conformity body")


class DeclarationStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Receipt notice issued")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Hazard(models.TextChoices):
    ELECTRICAL = "electrical", _("Electric shock or fire")
    CHEMICAL = "chemical", _("Chemical")
    CHOKING = "choking", _("Choking")
    INJURY = "injury", _("Injury")
    QUALITY = "quality", _("Below the declared quality")
    LABELLING = "labelling", _("Labelling")
    OTHER = "other", _("Other")


class WarningSource(models.TextChoices):
    PROVINCE = "province", _("Survey of this province")
    NATIONAL = "national", _("National warning")
    FOREIGN = "foreign", _("Foreign or international warning")


# --- Quality surveys and testing (issue 13, point 5) ----------------------------------------


class ProductGroup(models.TextChoices):
    """The product groups the province surveys (the seeds of issue 13)."""

    FUEL = "fuel", _("Petrol, diesel and biofuel")
    FERTILISER = "fertiliser", _("Fertiliser")
    PESTICIDE = "pesticide", _("Pesticides")
    ELECTRICAL = "electrical", _("Electrical and electronic equipment")
    STEEL = "steel", _("Steel")
    HELMET = "helmet", _("Motorcycle helmets")
    TOY = "toy", _("Toys")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    CLOSED = "closed", _("Closed")


class DecisionRuleChoice(models.TextChoices):
    """How the measurement uncertainty enters the verdict (ILAC-G8:09/2019)."""

    SIMPLE = "simple", _("Simple acceptance (the value against the limit)")
    GUARDED = "guarded", _("Guarded acceptance (the value ± U within the limit)")


class SampleStatus(models.TextChoices):
    SAMPLED = "sampled", _("Sampled")
    SEALED = "sealed", _("Sealed")
    HANDED_OVER = "handed_over", _("Handed over to the laboratory")
    TESTED = "tested", _("Tested")


class VerdictChoice(models.TextChoices):
    CONFORMING = "conforming", _("Conforming")
    NON_CONFORMING = "non_conforming", _("Non-conforming")
