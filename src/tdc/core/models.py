"""Abstract bases, the audit trail and background-job progress shared by every app."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tdc.core.scoping import ScopedQuerySet, ScopeSpec
from tdc.core.roles import Role


class AuditedModel(models.Model):
    """A regulated record: who created and last changed it, and an edit version.

    ``version`` increases on every change; services compare it with the version the editor
    loaded so that two people editing one record never silently overwrite each other.
    """

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    modified_at = models.DateTimeField(_("modified at"), auto_now=True)
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modified by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


class AuditAction(models.TextChoices):
    CREATED = "created", _("Created")
    UPDATED = "updated", _("Updated")
    ARCHIVED = "archived", _("Archived")
    RESTORED = "restored", _("Restored")
    DELETED = "deleted", _("Deleted")
    MERGED = "merged", _("Merged")
    IMPORTED = "imported", _("Imported")
    STATUS_CHANGED = "status_changed", _("Status changed")
    ROLE_CHANGED = "role_changed", _("Role changed")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    TOKEN_ISSUED = "token_issued", _("API token issued")
    TWO_FACTOR_ENROLLED = "2fa_enrolled", _("Two-factor enrolled")
    APPROVED = "approved", _("Approved")
    REVOKED = "revoked", _("Revoked")
    SUSPENDED = "suspended", _("Suspended")
    REVEALED = "revealed", _("Protected data revealed")
    EXPORTED = "exported", _("Exported")


class AuditEvent(models.Model):
    """One change to a record: who, what, before and after, when, from which request.

    Written by services in the same transaction as the change. Carries the jurisdiction of the
    record it is about (province, commune, owning organisation) so that the trail itself is
    scoped like the records.
    """

    id = models.BigAutoField(primary_key=True)
    occurred_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    actor_label = models.CharField(_("actor name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=32, choices=AuditAction.choices)
    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("record type"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    object_id = models.CharField(_("record id"), max_length=64)
    object_repr = models.CharField(_("record"), max_length=255)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    province_code = models.CharField(_("province code"), max_length=8, blank=True)
    commune_code = models.CharField(_("commune code"), max_length=8, blank=True)
    organisation_id = models.BigIntegerField(_("organisation id"), null=True, blank=True)

    scope = ScopeSpec(
        province="province_code",
        commune="commune_code",
        organisation="organisation_id",
        roles={
            "view": {
                Role.SYSTEM_ADMIN,
                Role.NATIONAL_USER,
                Role.PROVINCIAL_LEADER,
                Role.PROVINCIAL_OFFICER,
            },
            "export": {Role.SYSTEM_ADMIN, Role.PROVINCIAL_LEADER, Role.PROVINCIAL_OFFICER},
        },
    )
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            # Timeline on every detail page: events of one record, newest first.
            models.Index(
                fields=["content_type", "object_id", "-occurred_at"],
                name="core_audit_object_idx",
            ),
            # Audit list filtered to a province.
            models.Index(fields=["province_code", "-occurred_at"], name="core_audit_prov_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("core:auditevent_detail", args=[self.pk])

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        """Fields that differ between before and after, for the timeline."""
        before = self.before or {}
        after = self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]


class JobProgress(models.Model):
    """Progress of a long background task (imports, exports, batches), shown on its own page."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=64)
    title = models.CharField(_("title"), max_length=255)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="jobs",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    total = models.PositiveIntegerField(_("total"), default=0)
    done = models.PositiveIntegerField(_("done"), default=0)
    message = models.TextField(_("message"), blank=True)
    result_file = models.FileField(_("result file"), upload_to="jobs/%Y/%m/", blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def percent(self) -> int:
        if self.status == self.Status.SUCCEEDED:
            return 100
        if not self.total:
            return 0
        return min(100, int(self.done * 100 / self.total))

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.SUCCEEDED, self.Status.FAILED}
