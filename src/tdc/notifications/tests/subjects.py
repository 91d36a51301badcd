"""Records of this app inside and outside a persona's jurisdiction, for the permission
matrix (declared as ``matrix_subjects`` in ``tdc.notifications.module``)."""

from __future__ import annotations

from django.db import models

from tdc.testing.subjects import Jurisdiction, subject

_template_serial = iter(range(1, 1_000_000))


@subject("notifications.NotificationTemplate")
def _notification_template(where: Jurisdiction) -> models.Model:
    from tdc.notifications.models import NotificationTemplate

    return NotificationTemplate.objects.create(
        event_type=f"test.event{next(_template_serial)}",
        name="Test event",
        subject="Test {{ title }}",
        body="Body",
    )
