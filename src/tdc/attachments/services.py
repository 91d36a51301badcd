"""Writes to attachments: add a file to a record, remove it (softly), each audited twice.

Both the attachment and its parent record get an audit event, so the parent's timeline shows
which files were attached or removed, by whom and why.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import models, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy

from tdc.attachments.models import Attachment
from tdc.attachments.rules.sniffing import HEAD_BYTES, KINDS, check_upload
from tdc.attachments.rules.sniffing import UploadRefused as UploadRefused  # for callers
from tdc.attachments.selectors import attachable_model, record_type_of, user_may_change_parent
from tdc.core.audit import _jurisdiction, audit_record, snapshot
from tdc.core.models import AuditAction

if TYPE_CHECKING:
    from tdc.accounts.models import User

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

MESSAGES = {
    "empty": gettext_lazy("The file “{name}” is empty; choose the file again and upload it."),
    "too_large": gettext_lazy(
        "The file “{name}” is {size}, larger than the {limit} allowed; compress or split it and "
        "upload it again."
    ),
    "type_not_allowed": gettext_lazy(
        "Files ending in “{extension}” are not accepted; upload one of these types: {allowed}."
    ),
    "content_mismatch": gettext_lazy(
        "The file “{name}” is named as {expected} but its content is {actual}, so it was refused. "
        "Upload the original document in one of these types: {allowed}."
    ),
    "no_permission": gettext_lazy(
        "You may not change this record, so you cannot attach files to it or remove them; ask "
        "an officer in charge of the record."
    ),
    "reason_required": gettext_lazy("Give the reason for removing the attachment."),
    "already_removed": gettext_lazy("This attachment was already removed."),
}

_CONTENT_NAMES = {
    "executable": gettext_lazy("a Windows program (EXE/DLL)"),
    "elf": gettext_lazy("a Linux program"),
    "script": gettext_lazy("a script"),
    "zip": gettext_lazy("a ZIP archive"),
    "text": gettext_lazy("plain text"),
    "unknown": gettext_lazy("unrecognised data"),
}


def max_bytes() -> int:
    return int(getattr(settings, "TDC_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def allowed_kinds() -> list[str]:
    return list(getattr(settings, "TDC_ATTACHMENT_ALLOWED_TYPES", list(KINDS)))


def allowed_label() -> str:
    return ", ".join(KINDS[code].label for code in allowed_kinds() if code in KINDS)


def _refusal(refused: UploadRefused) -> ValidationError:
    params: dict[str, Any] = {**refused.params, "allowed": allowed_label()}
    if "size" in params:
        params["size"] = filesizeformat(params["size"])
        params["limit"] = filesizeformat(params["limit"])
    if "actual" in params:
        params["actual"] = _CONTENT_NAMES.get(str(params["actual"]), params["actual"])
    message = str(MESSAGES[refused.code]).format(**params)
    return ValidationError({"file": ValidationError(message, code=refused.code)})


@dataclass(frozen=True)
class CheckedUpload:
    """An upload whose content was checked against its name: what will be stored of it."""

    name: str
    media_type: str
    size: int
    sha256: str


def upload_check(
    uploaded_file: File, *, allowed: list[str] | None = None, limit: int | None = None
) -> CheckedUpload:
    """Check an upload before storing it: not empty, not larger than ``limit`` (the configured
    maximum by default), and its content of a type in ``allowed`` that its name also claims.

    Raises :class:`UploadRefused` (``code`` and ``params`` say why) so that each caller can word
    the refusal for its own screen; :func:`attachment_add` words it for the attachments panel.
    """
    name = (getattr(uploaded_file, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1]
    head, sha256, size = _read_head_and_digest(uploaded_file)
    kind = check_upload(
        filename=name,
        size=size,
        head=head,
        zip_members=_zip_members(uploaded_file, head),
        max_bytes=max_bytes() if limit is None else limit,
        allowed=allowed_kinds() if allowed is None else allowed,
    )
    return CheckedUpload(name=name, media_type=KINDS[kind.code].mime, size=size, sha256=sha256)


def _read_head_and_digest(uploaded_file: File) -> tuple[bytes, str, int]:
    """The first bytes (for sniffing), the SHA-256 and the size of the upload, in one pass."""
    digest = hashlib.sha256()
    head = b""
    size = 0
    uploaded_file.seek(0)
    for chunk in uploaded_file.chunks():
        if len(head) < HEAD_BYTES:
            head += chunk[: HEAD_BYTES - len(head)]
        digest.update(chunk)
        size += len(chunk)
    uploaded_file.seek(0)
    return head, digest.hexdigest(), size


def _zip_members(uploaded_file: File, head: bytes) -> list[str]:
    if not head.startswith(b"PK\x03\x04"):
        return []
    try:
        uploaded_file.seek(0)
        with zipfile.ZipFile(uploaded_file) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, EOFError):
        return []
    finally:
        uploaded_file.seek(0)


def _parent_audit(*, by: User, parent: models.Model, details: dict[str, Any]) -> None:
    """An event on the parent record that names the attachment; its fields did not change."""
    state = snapshot(parent)
    audit_record(
        actor=by, obj=parent, action=AuditAction.UPDATED, before=state, after=state, details=details
    )


@transaction.atomic
def attachment_add(
    *, parent: models.Model, by: User, uploaded_file: File, description: str = ""
) -> Attachment:
    """Attach a file to a record after checking its size and that its content is its type."""
    attachable_model(record_type_of(parent))
    if not user_may_change_parent(user=by, parent=parent):
        raise PermissionDenied(MESSAGES["no_permission"])
    try:
        checked = upload_check(uploaded_file)
    except UploadRefused as refused:
        raise _refusal(refused) from None
    attachment = _store(
        parent=parent, by=by, uploaded_file=uploaded_file, checked=checked, description=description
    )
    _parent_audit(
        by=by,
        parent=parent,
        details={
            "attachment_added": {
                "id": attachment.pk,
                "name": attachment.original_name,
                "sha256": checked.sha256,
                "size": checked.size,
            }
        },
    )
    return attachment


@transaction.atomic
def attachment_add_from_public(
    *, parent: models.Model, uploaded_file: File, checked: CheckedUpload, description: str
) -> Attachment:
    """Attach a file that came with a public submission (a complaint's photos): there is no
    account to check, the caller checked the upload with :func:`upload_check` and created the
    record in the same transaction."""
    return _store(
        parent=parent,
        by=None,
        uploaded_file=uploaded_file,
        checked=checked,
        description=description,
    )


def _store(
    *,
    parent: models.Model,
    by: User | None,
    uploaded_file: File,
    checked: CheckedUpload,
    description: str,
) -> Attachment:
    province, commune, organisation = _jurisdiction(parent)
    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(type(parent)),
        object_id=str(parent.pk),
        original_name=checked.name[:255],
        size=checked.size,
        media_type=checked.media_type,
        sha256=checked.sha256,
        description=description.strip(),
        province_code=province,
        commune_code=commune,
        organisation_id=organisation,
        created_by=by,
        modified_by=by,
    )
    attachment.full_clean(exclude=["file"])
    attachment.file.save(checked.name, uploaded_file, save=False)
    attachment.save()
    audit_record(actor=by, obj=attachment, action=AuditAction.CREATED)
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, by: User, reason: str) -> Attachment:
    """Hide an attachment from its record, keeping the file and saying who removed it and why."""
    if not (reason or "").strip():
        raise ValidationError({"reason": ValidationError(MESSAGES["reason_required"], "required")})
    locked = (
        Attachment.objects.select_for_update().select_related("content_type").get(pk=attachment.pk)
    )
    parent = locked.parent
    if parent is None or not user_may_change_parent(user=by, parent=parent):
        raise PermissionDenied(MESSAGES["no_permission"])
    if locked.removed_at is not None:
        raise ValidationError(MESSAGES["already_removed"], code="already_removed")
    before = snapshot(locked)
    locked.removed_at = timezone.now()
    locked.removed_by = by
    locked.removal_reason = reason.strip()
    locked.modified_by = by
    locked.version += 1
    locked.full_clean(exclude=["file"])
    locked.save(
        update_fields=[
            "removed_at",
            "removed_by",
            "removal_reason",
            "modified_by",
            "modified_at",
            "version",
        ]
    )
    audit_record(
        actor=by,
        obj=locked,
        action=AuditAction.ARCHIVED,
        before=before,
        details={"reason": locked.removal_reason},
    )
    _parent_audit(
        by=by,
        parent=parent,
        details={
            "attachment_removed": {
                "id": locked.pk,
                "name": locked.original_name,
                "reason": locked.removal_reason,
            }
        },
    )
    return locked
