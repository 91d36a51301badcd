"""Background task: the daily reminders of the inspections module."""

from __future__ import annotations

from typing import Any

from django.tasks import task


@task()
def send_inspection_reminders() -> dict[str, Any]:
    """Remedy deadlines and overdue fines (run daily by ``tdc inspection_reminders``)."""
    from tdc.inspections.services import reminders_send

    return reminders_send()
