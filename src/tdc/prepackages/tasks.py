"""Background tasks of prepackaged goods: the daily quantity-mark certificate run."""

from __future__ import annotations

import datetime as dt

from django.tasks import task
from django.utils import timezone

from tdc.prepackages.services import certification_send_reminders


@task()
def send_recertification_reminders(*, day: str | None = None) -> int:
    """Expire certificates past their end date and remind holders whose certificate expires
    within 3 months to request re-certification; returns the number of reminders sent."""
    today = dt.date.fromisoformat(day) if day else timezone.localdate()
    return certification_send_reminders(today=today)
