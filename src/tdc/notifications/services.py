"""Writes of the notification centre: notify users, mark read, preferences, templates, digest.

``notify`` is what other modules call. It renders the event type's template, stores a
notification for each recipient who wants one and sends immediate e-mails once the
transaction commits; digest-mode e-mails go out with :func:`digest_send` (a daily task).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from tdc.core.audit import audit_record, save_changes, snapshot
from tdc.core.exceptions import check_version
from tdc.core.models import AuditAction
from tdc.notifications.choices import EmailMode
from tdc.notifications.models import Notification, NotificationPreference, NotificationTemplate
from tdc.notifications.rendering import (
    TemplateSyntaxError,
    compile_check,
    render_subject,
    render_text,
)
from tdc.notifications.selectors import effective_channels, template_for_event

if TYPE_CHECKING:
    from tdc.accounts.models import User

logger = logging.getLogger(__name__)

TEMPLATE_FIELDS = (
    "name",
    "subject",
    "body",
    "default_in_app",
    "default_email",
    "default_email_mode",
)


def _absolute(link: str | None) -> str:
    if not link:
        return ""
    if link.startswith(("http://", "https://")):
        return link
    return f"{settings.TDC_PUBLIC_URL.rstrip('/')}/{link.lstrip('/')}"


def _unique_active(recipients: Iterable[Any]) -> list[Any]:
    seen: set[Any] = set()
    users = []
    for user in recipients:
        if user is None or not getattr(user, "is_active", False) or user.pk in seen:
            continue
        seen.add(user.pk)
        users.append(user)
    return users


@transaction.atomic
def notify(
    *,
    recipients: Iterable[Any],
    event_type: str,
    context: Mapping[str, Any],
    link: str | None = None,
) -> list[Notification]:
    """Tell ``recipients`` about an event, on the channels each of them chose.

    ``context`` fills the event type's template (``recipient`` and ``link`` are added). An
    immediate e-mail is sent only after the transaction commits, so a rolled-back change sends
    nothing.
    """
    template = template_for_event(event_type)
    users = _unique_active(recipients)
    preferences = {
        p.user_id: p
        for p in NotificationPreference.objects.filter(
            user__in=[u.pk for u in users], event_type=event_type
        )
    }
    absolute_link = _absolute(link)
    notifications: list[Notification] = []
    for user in users:
        in_app, email, _mode = effective_channels(template, preferences.get(user.pk))
        if not in_app and not (email and user.email):
            continue
        values = {**context, "recipient": user, "link": absolute_link}
        notifications.append(
            Notification(
                recipient=user,
                event_type=event_type,
                title=render_subject(template.subject, values),
                body=render_text(template.body, values).strip(),
                link=link or "",
                in_app=in_app,
            )
        )
    Notification.objects.bulk_create(notifications)
    immediate = [
        n.pk
        for n in notifications
        if _wants_email_now(template, preferences.get(n.recipient_id), n.recipient)
    ]
    if immediate:
        transaction.on_commit(lambda: _send_immediate(immediate), robust=True)
    return notifications


def _wants_email_now(
    template: NotificationTemplate, preference: NotificationPreference | None, user: Any
) -> bool:
    _in_app, email, mode = effective_channels(template, preference)
    return bool(email and user.email and mode == EmailMode.IMMEDIATE)


def _send_immediate(notification_ids: list[int]) -> None:
    """Send the e-mails of freshly committed notifications and record when they went out."""
    batch = Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True)
    messages = []
    sent_ids = []
    for notification in batch.select_related("recipient"):
        body = notification.body
        if notification.link and notification.absolute_link not in body:
            body = f"{body}\n\n{notification.absolute_link}"
        messages.append(
            EmailMessage(
                subject=notification.title,
                body=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[notification.recipient.email],
            )
        )
        sent_ids.append(notification.pk)
    if not messages:
        return
    mailers.default.send_messages(messages)
    Notification.objects.filter(pk__in=sent_ids).update(emailed_at=timezone.now())


@transaction.atomic
def notification_mark_read(*, notification: Notification, by: User) -> Notification:
    """Mark one of the user's own notifications read."""
    if notification.recipient_id != getattr(by, "pk", None):
        raise PermissionDenied(_("This notification is addressed to someone else."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notification_mark_all_read(*, by: User) -> int:
    """Mark every unread notification of the user read; returns how many."""
    return int(
        Notification.objects.filter(recipient=by, read_at__isnull=True).update(
            read_at=timezone.now()
        )
    )


@transaction.atomic
def preference_set(
    *, user: Any, event_type: str, in_app: bool, email: bool, email_mode: str
) -> NotificationPreference:
    """Record how the user wants to hear about one event type."""
    preference = NotificationPreference.objects.filter(user=user, event_type=event_type).first()
    if preference is None:
        preference = NotificationPreference(user=user, event_type=event_type)
    preference.in_app = in_app
    preference.email = email
    preference.email_mode = email_mode
    preference.full_clean(validate_constraints=False)
    preference.save()
    return preference


def _check_syntax(template: NotificationTemplate) -> None:
    errors: dict[str, str] = {}
    for field in ("subject", "body"):
        try:
            compile_check(getattr(template, field))
        except TemplateSyntaxError as exc:
            errors[field] = _(
                "The template cannot be read: {error}. Correct the {{{{ … }}}} or {{% … %}} "
                "tags and save again."
            ).format(error=exc)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def template_update(
    *,
    template: NotificationTemplate,
    by: User,
    expected_version: int | None = None,
    **fields: Any,
) -> NotificationTemplate:
    """Change the wording or default channels of an event type; audited, version-checked."""
    locked = NotificationTemplate.objects.select_for_update().get(pk=template.pk)
    check_version(locked, expected_version)
    before = snapshot(locked)
    for name, value in fields.items():
        if name not in TEMPLATE_FIELDS:
            raise TypeError(f"unknown notification template field: {name}")
        setattr(locked, name, value)
    _check_syntax(locked)
    locked.full_clean()
    if save_changes(locked, by=by, before=before):
        audit_record(actor=by, obj=locked, action=AuditAction.UPDATED, before=before)
    return locked


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(day, dt.time.min, tzinfo=zone)
    return start, start + dt.timedelta(days=1)


def _digest_candidates(day: dt.date) -> dict[Any, list[Notification]]:
    """Unread, not yet e-mailed notifications of the day whose recipients chose the digest."""
    start, end = _day_bounds(day)
    rows = list(
        Notification.objects.filter(
            created_at__gte=start,
            created_at__lt=end,
            read_at__isnull=True,
            emailed_at__isnull=True,
        )
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "id")
    )
    kinds = {n.event_type for n in rows}
    templates = {}
    for kind in kinds:
        try:
            templates[kind] = template_for_event(kind)
        except ValueError:
            continue
    preferences = {
        (p.user_id, p.event_type): p
        for p in NotificationPreference.objects.filter(
            user_id__in={n.recipient_id for n in rows}, event_type__in=kinds
        )
    }
    by_user: dict[Any, list[Notification]] = defaultdict(list)
    for notification in rows:
        template = templates.get(notification.event_type)
        if template is None or not notification.recipient.email:
            continue
        _in_app, email, mode = effective_channels(
            template, preferences.get((notification.recipient_id, notification.event_type))
        )
        if email and mode == EmailMode.DIGEST:
            by_user[notification.recipient].append(notification)
    return by_user


def digest_send(*, day: dt.date | None = None) -> int:
    """E-mail each user one digest of the day's unread notifications; returns e-mails sent.

    A notification goes into at most one digest (``emailed_at``), so running twice sends
    nothing new.
    """
    day = day or timezone.localdate()
    sent = 0
    for user, notifications in _digest_candidates(day).items():
        with override(getattr(user, "language", None) or settings.LANGUAGE_CODE):
            context = {
                "recipient": user,
                "day": day,
                "notifications": notifications,
                "site_url": settings.TDC_PUBLIC_URL.rstrip("/"),
            }
            subject = _("TĐC: {count} notifications of {day}").format(
                count=len(notifications), day=day.strftime("%d/%m/%Y")
            )
            body = render_to_string("notifications/email/digest.txt", context)
        message = EmailMessage(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[user.email],
        )
        message.send()
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
            emailed_at=timezone.now()
        )
        sent += 1
    return sent
