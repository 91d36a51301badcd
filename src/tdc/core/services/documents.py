"""Administrators' edits of official document templates, audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template import Template, TemplateSyntaxError, engines
from django.utils.translation import gettext as _

from tdc.core.audit import audit_record, save_changes, snapshot
from tdc.core.exceptions import check_version
from tdc.core.models import AuditAction, DocumentTemplate

if TYPE_CHECKING:
    from tdc.accounts.models import User


def _check_compiles(html: str) -> None:
    try:
        Template(html, engine=engines["django"].engine)  # type: ignore[attr-defined]
    except TemplateSyntaxError as exc:
        raise ValidationError(
            {
                "html": _(
                    "The template has a syntax error ({error}); correct it or reset the document "
                    "to its default."
                ).format(error=exc)
            }
        ) from exc


@transaction.atomic
def document_template_create(*, by: User, code: str, title: str, html: str) -> DocumentTemplate:
    _check_compiles(html)
    row = DocumentTemplate(code=code, title=title, html=html, created_by=by, modified_by=by)
    row.full_clean()
    row.save()
    audit_record(actor=by, obj=row, action=AuditAction.CREATED)
    return row


@transaction.atomic
def document_template_update(
    *, row: DocumentTemplate, by: User, expected_version: int | None = None, **fields: Any
) -> DocumentTemplate:
    locked = DocumentTemplate.objects.select_for_update().get(pk=row.pk)
    check_version(locked, expected_version)
    before = snapshot(locked)
    for name in ("code", "title", "html"):
        if name in fields:
            setattr(locked, name, fields[name])
    _check_compiles(locked.html)
    locked.full_clean()
    if save_changes(locked, by=by, before=before):
        audit_record(actor=by, obj=locked, action=AuditAction.UPDATED, before=before)
    return locked


@transaction.atomic
def document_template_reset(*, row: DocumentTemplate, by: User) -> None:
    """Drop the edited version; the default file applies again."""
    audit_record(actor=by, obj=row, action=AuditAction.DELETED, before=snapshot(row))
    row.delete()
