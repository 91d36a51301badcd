"""Reads of attachments and of the records they hang on, always scoped to the user."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.http import Http404

from tdc.attachments.models import Attachment
from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet, get_for_user_or_404, scoped_all

#: Apps whose records carry no attachments (the trail, the files themselves, messages, users).
_NOT_ATTACHABLE_APPS = frozenset({"core", "attachments", "notifications", "accounts"})


def record_type_of(obj: models.Model) -> str:
    """``app_label.model`` of a record, as the API names record types."""
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def attachable_model(record_type: str) -> type[models.Model]:
    """The model named ``app_label.model``; 404 when it is unknown or takes no attachments."""
    try:
        model = apps.get_model(record_type)
    except (LookupError, ValueError) as exc:
        raise Http404 from exc
    if model._meta.app_label in _NOT_ATTACHABLE_APPS or getattr(model, "scope", None) is None:
        raise Http404
    return model


def parent_get_for_user(
    *, user: Any, record_type: str, record_id: Any, action: str = Action.VIEW
) -> models.Model:
    """Gatekeeper of the record files hang on: 404 when missing or outside the user's scope."""
    model = attachable_model(record_type)
    return get_for_user_or_404(scoped_all(model), user, action, pk=record_id)


def user_may_change_parent(*, user: Any, parent: models.Model) -> bool:
    manager: Any = type(parent)._default_manager
    return bool(manager.filter(pk=parent.pk).for_user(user, Action.CHANGE).exists())


def attachment_base() -> ScopedQuerySet[Attachment]:
    """The one queryset every attachment screen and endpoint starts from."""
    return Attachment.objects.select_related("content_type", "created_by", "removed_by")


def attachment_list(
    *,
    user: Any,
    parent: models.Model | None = None,
    include_removed: bool = False,
    action: str = Action.VIEW,
) -> QuerySet[Attachment]:
    """Attachments the user may see, of one record when ``parent`` is given."""
    queryset: Any = attachment_base()
    if parent is not None:
        queryset = queryset.filter(
            content_type=ContentType.objects.get_for_model(type(parent)),
            object_id=str(parent.pk),
        )
    if not include_removed:
        queryset = queryset.active()
    return queryset.for_user(user, action)


def attachment_get_for_user(*, user: Any, pk: Any, action: str = Action.VIEW) -> Attachment:
    return get_for_user_or_404(attachment_base(), user, action, pk=pk)
