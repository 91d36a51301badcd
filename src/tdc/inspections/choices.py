"""Closed lists of the inspections module: areas, statuses, answers, payment states."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class InspectionArea(models.TextChoices):
    """The themes of the annual plan (the same as the complaint categories)."""

    FUEL_METROLOGY = "fuel_metrology", _("Metrology at fuel stations")
    MARKET_SCALES = "market_scales", _("Scales at markets")
    PREPACKAGED_QUANTITY = "prepackaged_quantity", _("Quantity of prepackaged goods")
    LABELS = "labels", _("Labels of goods")
    CONFORMITY_MARKS = "conformity_marks", _("Conformity marks")
    GOODS_QUALITY = "goods_quality", _("Quality of goods in circulation")


class PlanStatus(models.TextChoices):
    """draft → submitted → approved, or returned (with a reason) → submitted again."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for changes")


class CampaignKind(models.TextChoices):
    THEMATIC = "thematic", _("Thematic")
    SURPRISE = "surprise", _("Surprise")


class TeamRole(models.TextChoices):
    HEAD = "head", _("Head of team")
    MEMBER = "member", _("Member")


class InspectionStatus(models.TextChoices):
    """draft (in the field) → recorded (record signed) → decided (sanction issued) → closed."""

    DRAFT = "draft", _("In the field (draft)")
    RECORDED = "recorded", _("Record signed")
    DECIDED = "decided", _("Sanction decided")
    CLOSED = "closed", _("Closed")


class Answer(models.TextChoices):
    COMPLIANT = "compliant", _("Compliant")
    NON_COMPLIANT = "non_compliant", _("Non-compliant")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class SignatureRole(models.TextChoices):
    INSPECTED_PARTY = "inspected_party", _("Representative of the inspected party")
    TEAM_HEAD = "team_head", _("Head of the inspection team")


class OffenderKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    ORGANISATION = "organisation", _("Organisation")


class PaymentStatus(models.TextChoices):
    UNPAID = "unpaid", _("Unpaid")
    PAID = "paid", _("Paid")
    OVERDUE = "overdue", _("Overdue")


class TransferTarget(models.TextChoices):
    NONE = "", _("Not transferred")
    POLICE = "police", _("Police")
    MARKET_MANAGEMENT = "market_management", _("Market management")


class NoticeKind(models.TextChoices):
    """Documents of TT 28/2013 (as amended by TT 10/2022) issued after the record."""

    SUSPENSION = "suspension", _("Suspension notice (Mẫu 6)")
    RESUMPTION = "resumption", _("Resumption notice (Mẫu 7)")
    SEALING = "sealing", _("Sealing record (Mẫu 8)")
