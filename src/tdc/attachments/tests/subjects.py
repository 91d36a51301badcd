"""Records of this app inside and outside a persona's jurisdiction, for the permission
matrix (declared as ``matrix_subjects`` in ``tdc.attachments.module``)."""

from __future__ import annotations

from django.db import models

from tdc.testing.subjects import Jurisdiction, subject


@subject("attachments.Attachment")
def _attachment(where: Jurisdiction) -> models.Model:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tdc.attachments.services import attachment_add
    from tdc.testing.factories import make_user

    return attachment_add(
        parent=where.organisation,
        by=make_user("system_admin"),
        uploaded_file=SimpleUploadedFile("minutes.txt", "Biên bản kiểm tra".encode()),
    )
