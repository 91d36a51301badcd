"""Files attached to any record: scanned decisions, photos from the field, spreadsheets."""

from __future__ import annotations

import posixpath
import uuid
from typing import Any, Self

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdc.core.models import AuditedModel
from tdc.core.roles import ALL_ROLES, READ_ONLY_ACTIONS, Action
from tdc.core.scoping import ScopedQuerySet, ScopeSpec, user_may


def attachment_upload_to(instance: Attachment, filename: str) -> str:
    """A storage name that reveals nothing of the original name (kept in ``original_name``)."""
    extension = posixpath.splitext(filename)[1].lower()[:10]
    return f"attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


def parent_action(action: str) -> str:
    """The action on the parent record that an action on its attachments needs."""
    return Action.VIEW if action in READ_ONLY_ACTIONS else Action.CHANGE


class AttachmentQuerySet(ScopedQuerySet):
    """Attachments are scoped by their parent record, not by a jurisdiction of their own."""

    def for_user(self, user: Any, action: str = Action.VIEW) -> Self:
        """Attachments whose parent the user may view (``view``) or change (anything else)."""
        if not user_may(user, self.model, action):
            return self.none()
        wanted = parent_action(action)
        condition = Q(pk__in=[])
        content_type_ids = self.order_by().values_list("content_type_id", flat=True).distinct()
        for content_type_id in content_type_ids:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is None or getattr(model, "scope", None) is None:
                continue
            parents = (
                model._default_manager.all()
                .for_user(user, wanted)  # type: ignore[attr-defined]
                .annotate(tdc_parent_key=Cast("pk", models.CharField(max_length=64)))
                .values("tdc_parent_key")
            )
            condition |= Q(content_type_id=content_type_id, object_id__in=parents)
        return self.filter(condition)

    def active(self) -> Self:
        return self.filter(removed_at__isnull=True)


class Attachment(AuditedModel):
    """A file attached to a record (an organisation, an inspection, a dossier…).

    Whoever may change the record may attach files to it; whoever may view the record may
    read them. Files of regulated records are never deleted: removal hides the attachment and
    keeps the file, with who removed it and why. The jurisdiction columns repeat the parent's
    so that the audit trail of the attachment is scoped like the parent's.
    """

    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("record type"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    object_id = models.CharField(_("record id"), max_length=64)
    parent = GenericForeignKey("content_type", "object_id")
    file = models.FileField(_("file"), upload_to=attachment_upload_to, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    media_type = models.CharField(
        _("content type"),
        max_length=100,
        help_text=_("Determined from the file's content, not from its name."),
    )
    sha256 = models.CharField(
        _("SHA-256"),
        max_length=64,
        help_text=_("Checksum of the file's bytes, to prove it has not changed since upload."),
    )
    description = models.CharField(_("description"), max_length=255, blank=True)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("removed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    removal_reason = models.TextField(_("reason for removal"), blank=True)
    province_code = models.CharField(_("province code"), max_length=8, blank=True)
    commune_code = models.CharField(_("commune code"), max_length=8, blank=True)
    organisation_id = models.BigIntegerField(_("organisation id"), null=True, blank=True)

    # Role-level permission only: which rows a user sees follows the parent (AttachmentQuerySet).
    scope = ScopeSpec(
        province="province_code",
        commune="commune_code",
        organisation="organisation_id",
        roles={
            action: ALL_ROLES
            for action in (Action.VIEW, Action.EXPORT, Action.CREATE, Action.CHANGE, Action.ARCHIVE)
        },
    )
    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(removed_at__isnull=True) | ~Q(removal_reason=""),
                name="%(app_label)s_%(class)s_removal_has_reason",
                violation_error_message=_("Give the reason for removing the attachment."),
            ),
        ]
        indexes = [
            # Attachment panel of a detail page: files of one record, newest first.
            models.Index(
                fields=["content_type", "object_id", "-created_at"],
                name="attachments_parent_idx",
            ),
            # Finding the same file attached elsewhere (checksum look-up).
            models.Index(fields=["sha256"], name="attachments_sha256_idx"),
        ]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("attachments:attachment_download", args=[self.pk])

    @property
    def record_type(self) -> str:
        """The parent's type as ``app_label.model`` (the API's ``record_type``)."""
        return f"{self.content_type.app_label}.{self.content_type.model}"

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None
