"""Records of this app inside and outside a persona's jurisdiction, for the permission
matrix (declared as ``matrix_subjects`` in ``tdc.core.module``)."""

from __future__ import annotations

from django.db import models

from tdc.testing.subjects import Jurisdiction, subject


@subject("core.AuditEvent")
def _audit_event(where: Jurisdiction) -> models.Model:
    from tdc.core.audit import audit_record
    from tdc.core.models import AuditAction

    return audit_record(actor=None, obj=where.organisation, action=AuditAction.UPDATED)


@subject("core.DocumentTemplate")
def _document_template(where: Jurisdiction) -> models.Model:
    from tdc.core.models import DocumentTemplate
    from tdc.core.views.documents import default_source

    # Document templates are nation-wide configuration: "inside" and "outside" differ only by code.
    code = "sample" if where.province_id == "80" else "sample-b"
    return DocumentTemplate.objects.create(code=code, title=code, html=default_source("sample"))
