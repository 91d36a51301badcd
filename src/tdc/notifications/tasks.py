"""Background tasks of the notification centre."""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from tdc.notifications.services import digest_send


@task()
def send_daily_digest(*, day: str | None = None) -> int:
    """E-mail each user the digest of a day's unread notifications (ISO date; today if unset)."""
    return digest_send(day=dt.date.fromisoformat(day) if day else None)
