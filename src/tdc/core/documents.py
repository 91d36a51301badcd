"""Official documents: HTML templates (editable without code) rendered to PDF, QR codes, signatures.

A document type is a template code, e.g. ``metrology_certificate``. Its default lives in
``templates/documents/<code>.html`` (extending ``documents/base.html``); a system administrator
may replace it by a :class:`~tdc.core.models.DocumentTemplate` row. PDFs are rendered by
WeasyPrint with no network access: only ``data:`` URIs and the project's static files resolve.
When a signing key and certificate are configured the PDF gets a PAdES signature (pyHanko).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template import Context, Template, engines
from django.template.loader import get_template

__all__ = [
    "public_url",
    "qr_data_uri",
    "render_html",
    "render_pdf",
    "sign_pdf",
    "signing_configured",
]


def public_url(path: str) -> str:
    """Absolute URL of a public page, from ``TDC_PUBLIC_URL`` (used in QR codes and e-mails)."""
    base = str(settings.TDC_PUBLIC_URL).rstrip("/")
    return f"{base}/{path.lstrip('/')}"


def qr_data_uri(url: str, *, scale: int = 4) -> str:
    """A QR code for ``url`` as an SVG data URI, for an ``<img src>`` in a document or a page."""
    return str(segno.make(url, error="m", micro=False).svg_data_uri(scale=scale, border=2))


def _template_source(template_code: str) -> Template | Any:
    from tdc.core.models import DocumentTemplate

    edited = DocumentTemplate.objects.filter(code=template_code).only("html").first()
    if edited is not None:
        engine = engines["django"].engine  # type: ignore[attr-defined]
        return Template(edited.html, engine=engine)
    return get_template(f"documents/{template_code}.html")


def render_html(*, template_code: str, context: dict[str, Any]) -> str:
    """The document as HTML (also used for previews)."""
    template = _template_source(template_code)
    if isinstance(template, Template):
        return template.render(Context(context))
    return str(template.render(context))


def _offline_fetcher() -> Any:
    """A WeasyPrint fetcher that resolves data URIs and the project's static files only."""
    import mimetypes

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class OfflineFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            static_prefix = str(settings.STATIC_URL)
            for prefix in (static_prefix, f"file://{static_prefix}"):
                if url.startswith(prefix):
                    found = finders.find(url[len(prefix) :].split("?")[0])
                    if found:
                        path = Path(found if isinstance(found, str) else found[0])
                        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                        return URLFetcherResponse(
                            url, path.read_bytes(), headers={"Content-Type": kind}
                        )
            # Everything else must be a data: URI; other schemes are refused (no network).
            return super().fetch(url, headers)

    return OfflineFetcher(allowed_protocols={"data"}, timeout=2)


def render_pdf(*, template_code: str, context: dict[str, Any]) -> bytes:
    """Render a document to PDF bytes."""
    from weasyprint import HTML

    html = render_html(template_code=template_code, context=context)
    document = HTML(string=html, url_fetcher=_offline_fetcher(), base_url="/")
    return bytes(document.write_pdf())


def signing_configured() -> bool:
    return bool(settings.TDC_SIGNING_KEY_FILE and settings.TDC_SIGNING_CERT_FILE)


def sign_pdf(pdf: bytes, *, reason: str, location: str = "") -> bytes:
    """Add a PAdES signature when a signing key and certificate are configured.

    Without them the PDF is returned unchanged; callers can tell with :func:`signing_configured`.
    """
    if not signing_configured():
        return pdf
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    passphrase = settings.TDC_SIGNING_KEY_PASSPHRASE
    signer = signers.SimpleSigner.load(
        settings.TDC_SIGNING_KEY_FILE,
        settings.TDC_SIGNING_CERT_FILE,
        ca_chain_files=tuple(settings.TDC_SIGNING_CHAIN_FILES) or None,
        key_passphrase=passphrase.encode() if passphrase else None,
    )
    if signer is None:
        raise RuntimeError(
            "The signing key or certificate cannot be read: check TDC_SIGNING_KEY_FILE and "
            "TDC_SIGNING_CERT_FILE (PEM or DER) and the passphrase."
        )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    metadata = signers.PdfSignatureMetadata(
        field_name="TDCSignature",
        reason=reason,
        location=location or None,
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    output = signers.sign_pdf(writer, metadata, signer=signer)
    return bytes(output.getvalue())
