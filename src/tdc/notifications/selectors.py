"""Reads of notifications (always the caller's own), preferences and templates."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from tdc.core.roles import Action
from tdc.core.scoping import get_for_user_or_404
from tdc.notifications.choices import EmailMode
from tdc.notifications.defaults import DEFAULT_TEMPLATES
from tdc.notifications.models import Notification, NotificationPreference, NotificationTemplate


def notification_list(*, user: Any, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's own notification centre, newest first."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    queryset = Notification.objects.filter(recipient=user, in_app=True)
    if unread_only:
        queryset = queryset.filter(read_at__isnull=True)
    return queryset


def notification_get_for_user(*, user: Any, pk: Any) -> Notification:
    """One of the user's own notifications; 404 for anyone else's."""
    try:
        return notification_list(user=user).get(pk=pk)
    except (Notification.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def unread_count(*, user: Any) -> int:
    return notification_list(user=user, unread_only=True).count()


def template_list(*, user: Any) -> QuerySet[NotificationTemplate]:
    return NotificationTemplate.objects.for_user(user, Action.VIEW)


def template_get_for_user(*, user: Any, pk: Any, action: str = Action.VIEW) -> NotificationTemplate:
    return get_for_user_or_404(NotificationTemplate.objects.all(), user, action, pk=pk)


def template_for_event(event_type: str) -> NotificationTemplate:
    """The saved template of an event type, or its built-in default (unsaved); else ValueError."""
    template = NotificationTemplate.objects.filter(event_type=event_type).first()
    if template is not None:
        return template
    default = DEFAULT_TEMPLATES.get(event_type)
    if default is None:
        raise ValueError(
            f"No notification template for event type {event_type!r}; add one under "
            "Notification templates or to tdc.notifications.defaults."
        )
    return NotificationTemplate(event_type=event_type, **default)


def event_types() -> list[tuple[str, str]]:
    """Every known event type with its name: saved templates first, then built-in defaults."""
    names = {code: str(data["name"]) for code, data in DEFAULT_TEMPLATES.items()}
    names.update(NotificationTemplate.objects.values_list("event_type", "name"))
    return sorted(names.items())


def preferences_for(*, user: Any) -> dict[str, NotificationPreference]:
    """The user's saved preferences by event type."""
    return {p.event_type: p for p in NotificationPreference.objects.filter(user=user)}


def effective_channels(
    template: NotificationTemplate, preference: NotificationPreference | None
) -> tuple[bool, bool, str]:
    """(in_app, email, email_mode) for one user and event: their preference, else the defaults."""
    if preference is not None:
        return preference.in_app, preference.email, preference.email_mode
    mode = template.default_email_mode or EmailMode.IMMEDIATE
    return template.default_in_app, template.default_email, mode


def recipients_notified_since(event_type: str, since: Any) -> set[int]:
    """Ids of the users who received a notification of ``event_type`` since ``since`` (jobs
    that send once per period skip them)."""
    return set(
        Notification.objects.filter(event_type=event_type, created_at__gte=since).values_list(
            "recipient_id", flat=True
        )
    )
