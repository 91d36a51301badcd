"""Kinds, harmonisation degrees, statuses and lifecycle events of catalogue documents."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tdc.core.models import ReferenceConfidence


class StandardKind(models.TextChoices):
    TCVN = "TCVN", _("National standard (TCVN)")
    TCVN_ISO = "TCVN ISO", _("National standard adopting ISO (TCVN ISO)")
    TCVN_ISO_IEC = "TCVN ISO/IEC", _("National standard adopting ISO/IEC (TCVN ISO/IEC)")
    QCVN = "QCVN", _("National technical regulation (QCVN)")
    QCDP = "QCĐP", _("Local technical regulation (QCĐP)")
    TCCS = "TCCS", _("Organisation standard (TCCS)")
    ISO = "ISO", _("ISO standard")
    ISO_IEC = "ISO/IEC", _("ISO/IEC standard")
    IEC = "IEC", _("IEC standard")
    EN = "EN", _("European standard (EN)")
    ASTM = "ASTM", _("ASTM standard")
    CODEX = "CXS", _("Codex standard")


class Harmonisation(models.TextChoices):
    NONE = "", _("Not an adoption")
    IDT = "IDT", _("Identical (IDT)")
    MOD = "MOD", _("Modified (MOD)")
    NEQ = "NEQ", _("Not equivalent (NEQ)")


class Status(models.TextChoices):
    """A document's status on a day, computed from its events (``rules.status``)."""

    NOT_YET = "not_yet", _("Not yet in force")
    IN_FORCE = "in_force", _("In force")
    AMENDED = "amended", _("In force, amended")
    UNDER_REVIEW = "under_review", _("Under review")
    REPLACED = "replaced", _("Replaced")
    CANCELLED = "cancelled", _("Cancelled")


class EventKind(models.TextChoices):
    AMENDED = "amended", _("Amendment")
    REVIEW_OPENED = "review_opened", _("Review opened")
    REVIEW_CLOSED = "review_closed", _("Review closed")
    REPLACED = "replaced", _("Replaced")
    CANCELLED = "cancelled", _("Cancelled")


#: How sure the catalogue is of a document or event: the shared scale of reference data.
Confidence = ReferenceConfidence
