"""Attachment screens: the panel of a record (list and upload), download, removal."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tdc.attachments import services
from tdc.attachments.forms import AttachmentForm, AttachmentRemoveForm, accept_attribute
from tdc.attachments.models import Attachment
from tdc.attachments.selectors import (
    attachment_get_for_user,
    attachment_list,
    parent_get_for_user,
    record_type_of,
    user_may_change_parent,
)
from tdc.core.auth import authenticated_user
from tdc.core.roles import Action
from tdc.core.scoping import user_may

PANEL_TEMPLATE = "attachments/partials/panel_body.html"


def _is_htmx(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted  # type: ignore[union-attr]


def _panel_url(parent: models.Model) -> str:
    return (
        f"{reverse('attachments:attachment_list')}"
        f"?record_type={record_type_of(parent)}&record_id={parent.pk}"
    )


def _panel_context(
    request: HttpRequest, parent: models.Model, form: AttachmentForm | None = None, **extra: Any
) -> dict[str, Any]:
    kinds = services.allowed_kinds()
    return {
        "parent": parent,
        "record_type": record_type_of(parent),
        "attachments": attachment_list(user=request.user, parent=parent),
        "can_change": user_may_change_parent(user=request.user, parent=parent),
        "form": form or AttachmentForm(accept=accept_attribute(kinds)),
        "max_bytes": services.max_bytes(),
        "allowed_label": services.allowed_label(),
        "panel_url": _panel_url(parent),
        **extra,
    }


def _render_panel(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    template = PANEL_TEMPLATE if _is_htmx(request) else "attachments/attachment_list.html"
    return render(request, template, context, status=status)


@login_required
def attachment_list_view(request: HttpRequest) -> HttpResponse:
    """All attachments the user may see, or one record's panel (``record_type``, ``record_id``)."""
    if not user_may(request.user, Attachment, Action.VIEW):
        raise PermissionDenied
    source = request.POST if request.method == "POST" else request.GET
    record_type, record_id = source.get("record_type"), source.get("record_id")
    if request.method == "POST":
        return _upload(request, record_type or "", record_id or "")
    if record_type and record_id:
        parent = parent_get_for_user(
            user=request.user, record_type=record_type, record_id=record_id
        )
        return _render_panel(request, _panel_context(request, parent))
    attachments = attachment_list(user=request.user).prefetch_related("parent")
    page = Paginator(attachments, 50).get_page(request.GET.get("page"))
    return render(request, "attachments/attachment_list.html", {"page": page})


def _upload(request: HttpRequest, record_type: str, record_id: str) -> HttpResponse:
    parent = parent_get_for_user(user=request.user, record_type=record_type, record_id=record_id)
    if not user_may_change_parent(user=request.user, parent=parent):
        raise PermissionDenied(services.MESSAGES["no_permission"])
    form = AttachmentForm(
        request.POST, request.FILES, accept=accept_attribute(services.allowed_kinds())
    )
    if form.is_valid():
        try:
            attachment = services.attachment_add(
                parent=parent,
                by=authenticated_user(request),
                uploaded_file=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if not _is_htmx(request):
                return redirect(_panel_url(parent))
            notice = _("“{name}” was attached.").format(name=attachment.original_name)
            return _render_panel(request, _panel_context(request, parent, notice=notice))
    return _render_panel(request, _panel_context(request, parent, form=form))


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """The file, for whoever may view the record it is attached to."""
    attachment = attachment_get_for_user(user=request.user, pk=pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.media_type,
    )


@login_required
def attachment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for the reason (GET) and remove the attachment from its record (POST)."""
    action = Action.CHANGE if request.method == "POST" else Action.VIEW
    attachment = attachment_get_for_user(user=request.user, pk=pk, action=action)
    parent = attachment.parent
    form = AttachmentRemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.attachment_remove(
                attachment=attachment,
                by=authenticated_user(request),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if _is_htmx(request) and parent is not None:
                notice = _("“{name}” was removed.").format(name=attachment.original_name)
                return render(
                    request, PANEL_TEMPLATE, _panel_context(request, parent, notice=notice)
                )
            return redirect(_panel_url(parent) if parent is not None else "/")
    context = {
        "attachment": attachment,
        "form": form,
        "can_change": parent is not None
        and user_may_change_parent(user=request.user, parent=parent),
        "panel_url": _panel_url(parent) if parent is not None else "",
    }
    template = (
        "attachments/partials/remove_form.html"
        if _is_htmx(request)
        else "attachments/attachment_remove.html"
    )
    return render(request, template, context)
