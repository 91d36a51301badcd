"""Closed lists of the complaints module: categories, statuses, handling levels."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ComplaintCategory(models.TextChoices):
    """What a member of the public reports (the inspection areas of the annual plan)."""

    FUEL_METROLOGY = "fuel_metrology", _("Measurement at fuel stations")
    MARKET_SCALES = "market_scales", _("Scales at markets")
    PREPACKAGED_QUANTITY = "prepackaged_quantity", _("Quantity of prepackaged goods")
    LABELS = "labels", _("Labels of goods")
    CONFORMITY_MARKS = "conformity_marks", _("Conformity marks (CR mark, certification)")
    GOODS_QUALITY = "goods_quality", _("Quality of goods")
    OTHER = "other", _("Other")


class ComplaintStatus(models.TextChoices):
    """Where a complaint stands: received → verified/rejected → in progress → resolved → closed."""

    RECEIVED = "received", _("Received")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


class HandlingLevel(models.TextChoices):
    """Which level of government handles the complaint."""

    COMMUNE = "commune", _("Commune")
    PROVINCE = "province", _("Province")


class ComplaintSource(models.TextChoices):
    """How the complaint reached the authority."""

    WEB = "web", _("Public web form")
    API = "api", _("Public API")


#: Status → statuses it may move to (the workflow; anything else is refused).
TRANSITIONS: dict[str, frozenset[str]] = {
    ComplaintStatus.RECEIVED: frozenset({ComplaintStatus.VERIFIED, ComplaintStatus.REJECTED}),
    ComplaintStatus.VERIFIED: frozenset({ComplaintStatus.IN_PROGRESS, ComplaintStatus.RESOLVED}),
    ComplaintStatus.IN_PROGRESS: frozenset({ComplaintStatus.RESOLVED}),
    ComplaintStatus.RESOLVED: frozenset({ComplaintStatus.CLOSED, ComplaintStatus.IN_PROGRESS}),
    ComplaintStatus.REJECTED: frozenset({ComplaintStatus.CLOSED, ComplaintStatus.RECEIVED}),
    ComplaintStatus.CLOSED: frozenset(),
}

#: Statuses in which a complaint counts as verified for risk scoring.
VERIFIED_STATUSES: frozenset[str] = frozenset(
    {
        ComplaintStatus.VERIFIED,
        ComplaintStatus.IN_PROGRESS,
        ComplaintStatus.RESOLVED,
        ComplaintStatus.CLOSED,
    }
)

#: Statuses that stop the deadline clock.
FINISHED_STATUSES: frozenset[str] = frozenset(
    {ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED, ComplaintStatus.REJECTED}
)
