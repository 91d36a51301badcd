"""The notification centre: event templates, notifications and each user's preferences."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import AuditedModel
from tdc.core.roles import Role
from tdc.core.scoping import ScopedQuerySet, ScopeSpec
from tdc.notifications.choices import EmailMode


class NotificationTemplate(AuditedModel):
    """The wording of one event type (subject and body in Django template syntax).

    System administrators edit it without code; ``notify`` renders it with the event's context.
    The default channels apply to users who have not set their own preference.
    """

    event_type = models.CharField(
        _("event type"),
        max_length=64,
        help_text=_("Dotted code other modules notify with, e.g. import.finished."),
    )
    name = models.CharField(_("name"), max_length=150)
    subject = models.CharField(
        _("subject"),
        max_length=255,
        help_text=_("Title and e-mail subject; Django template syntax, e.g. {{ job.title }}."),
    )
    body = models.TextField(_("body"), help_text=_("Django template syntax."))
    default_in_app = models.BooleanField(_("in the notification centre by default"), default=True)
    default_email = models.BooleanField(_("by e-mail by default"), default=True)
    default_email_mode = models.CharField(
        _("default e-mail timing"),
        max_length=16,
        choices=EmailMode.choices,
        default=EmailMode.IMMEDIATE,
    )

    scope = ScopeSpec(roles={"view": {Role.SYSTEM_ADMIN}, "change": {Role.SYSTEM_ADMIN}})
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification template")
        verbose_name_plural = _("notification templates")
        ordering = ["event_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["event_type"],
                name="%(app_label)s_%(class)s_unique_event_type",
                violation_error_message=_("This event type already has a template; edit that one."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} — {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("notifications:template_edit", args=[self.pk])


class Notification(models.Model):
    """A message to one user about an event (an import finished, a record assigned to them…).

    Shown in the user's notification centre when ``in_app``; ``emailed_at`` records when it
    went out by e-mail, at once or in the daily digest.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    event_type = models.CharField(_("event type"), max_length=64)
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("body"), blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    in_app = models.BooleanField(_("shown in the notification centre"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            # Notification centre and the unread badge: one user's notifications, newest first.
            models.Index(
                fields=["recipient", "-created_at"],
                condition=Q(in_app=True),
                name="notifications_centre_idx",
            ),
            # Daily digest: unread notifications not yet e-mailed, by day.
            models.Index(
                fields=["created_at"],
                condition=Q(read_at__isnull=True, emailed_at__isnull=True),
                name="notifications_digest_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def absolute_link(self) -> str:
        """The link as a full URL (for e-mails), based on ``TDC_PUBLIC_URL``."""
        if not self.link or self.link.startswith(("http://", "https://")):
            return self.link
        return f"{settings.TDC_PUBLIC_URL.rstrip('/')}/{self.link.lstrip('/')}"


class NotificationPreference(models.Model):
    """How one user wants to hear about one event type: in the centre, by e-mail, when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    event_type = models.CharField(_("event type"), max_length=64)
    in_app = models.BooleanField(_("in the notification centre"), default=True)
    email = models.BooleanField(_("by e-mail"), default=True)
    email_mode = models.CharField(
        _("e-mail timing"), max_length=16, choices=EmailMode.choices, default=EmailMode.IMMEDIATE
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        ordering = ["user", "event_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "event_type"],
                name="%(app_label)s_%(class)s_unique_user_event",
                violation_error_message=_("This user already has a preference for this event."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.event_type}"
