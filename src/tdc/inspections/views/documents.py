"""The printed documents: the inspection record (Mẫu 5. BBKT), the notices (Mẫu 6, 7, 8), the
seal stickers (Mẫu 9) and the sanction decision, as PDF."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdc.core.documents import public_url, qr_data_uri, render_pdf
from tdc.inspections import selectors
from tdc.inspections.choices import NoticeKind
from tdc.inspections.models import Inspection

if TYPE_CHECKING:
    from tdc.attachments.models import Attachment

#: Code in the URL → (document template, the notice it prints or None, title).
_DOCUMENTS = {
    "record": ("inspection_record", None, _("Inspection record (Mẫu 5. BBKT)")),
    "suspension": ("inspection_suspension", NoticeKind.SUSPENSION, _("Suspension notice (Mẫu 6)")),
    "resumption": ("inspection_resumption", NoticeKind.RESUMPTION, _("Resumption notice (Mẫu 7)")),
    "sealing": ("inspection_sealing", NoticeKind.SEALING, _("Sealing record (Mẫu 8)")),
    "seal-stickers": ("inspection_seal_stickers", NoticeKind.SEALING, _("Seal stickers (Mẫu 9)")),
}
DOCUMENT_CODES = tuple(_DOCUMENTS)


def document_url_name(code: str) -> str:
    """The URL name (without the namespace) of the document ``code`` of an inspection."""
    return f"inspection_pdf_{code.replace('-', '_')}"


#: (URL name, title) of each document, for the inspection's page.
DOCUMENT_TITLES = [
    (f"inspections:{document_url_name(code)}", title)
    for code, (*_rest, title) in _DOCUMENTS.items()
]


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _data_uri(attachment: Attachment | None) -> str:
    if attachment is None:
        return ""
    with attachment.file.open("rb") as handle:
        return "data:image/png;base64," + base64.b64encode(handle.read()).decode()


def inspection_document_context(inspection: Inspection, notice_kind: str | None) -> dict[str, Any]:
    """What the templates of an inspection's documents print (the latest notice of the kind)."""
    notice = (
        inspection.notices.filter(kind=notice_kind).order_by("-issued_on", "-id").first()
        if notice_kind
        else None
    )
    return {
        "inspection": inspection,
        "organisation": inspection.organisation,
        "team": list(inspection.team.select_related("user")),
        "checklist": selectors.checklist_rows(inspection),
        "instruments": list(inspection.instrument_checks.all()),
        "violations": selectors.inspection_violations(inspection),
        "notice": notice,
        "seal_numbers": [
            s.strip() for s in (notice.seal_numbers if notice else "").split(",") if s.strip()
        ],
        "party_signature": _data_uri(inspection.party_signature),
        "head_signature": _data_uri(inspection.head_signature),
        "qr": qr_data_uri(public_url(inspection.get_absolute_url())),
        "today": timezone.localdate(),
    }


@login_required
def inspection_document(request: HttpRequest, pk: int, document: str) -> HttpResponse:
    """One of the inspection's documents as PDF."""
    inspection = selectors.inspection_get_for_user(user=request.user, pk=pk)
    if document not in _DOCUMENTS:
        raise Http404
    code, kind, _title = _DOCUMENTS[document]
    pdf = render_pdf(template_code=code, context=inspection_document_context(inspection, kind))
    return _pdf_response(pdf, f"{document}-{inspection.pk}.pdf")


@login_required
def decision_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The sanction decision as PDF."""
    decision = selectors.decision_get_for_user(user=request.user, pk=pk)
    context = inspection_document_context(decision.inspection, None)
    context.update(decision=decision, remedies=list(decision.remedies.order_by("deadline")))
    pdf = render_pdf(template_code="inspection_sanction_decision", context=context)
    return _pdf_response(pdf, f"decision-{decision.pk}.pdf")
