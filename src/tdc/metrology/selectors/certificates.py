"""Reads of verification certificates: the screens' queryset, the public lookup opened by the
QR code, and the PDF."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils import timezone

from tdc.core.documents import public_url, qr_data_uri, render_pdf, sign_pdf, signing_configured
from tdc.metrology.models import Certificate

if TYPE_CHECKING:
    from tdc.core.scoping import ScopedQuerySet


def certificate_base() -> ScopedQuerySet[Certificate]:
    """The queryset every certificate screen and endpoint starts from."""
    return Certificate.objects.select_related("issued_by", "verification")


# --- the public lookup ------------------------------------------------------------------------

#: What the public sees of a certificate (nothing private: no verifier, no owner address), as
#: (key of the public page and endpoint, field it is read from).
PUBLIC_CERTIFICATE = (
    ("number", "number"),
    ("code", "public_code"),
    ("status", "status"),
    ("status_reason", "status_reason"),
    ("status_changed_at", "status_changed_at"),
    ("owner", "owner_name"),
    ("instrument_type", "instrument_name"),
    ("model", "instrument_model"),
    ("manufacturer", "manufacturer"),
    ("serial_number", "serial_number"),
    ("organisation", "issued_by__name"),
    ("verified_on", "issued_on"),
    ("valid_until", "valid_until"),
)
#: The public codes are 22 URL-safe characters; anything longer is not a code.
MAX_CODE_LENGTH = 32


def certificate_public_get(code: str) -> Certificate | None:
    """A certificate by its public code, in one indexed query (unique ``public_code``).

    Never cached: a revocation or suspension shows on the next request.
    """
    if not code or len(code) > MAX_CODE_LENGTH:
        return None
    return (
        Certificate.objects.select_related("issued_by")
        .only(*(field for _, field in PUBLIC_CERTIFICATE))
        .filter(public_code=code)
        .first()
    )


def public_path(certificate: Certificate) -> str:
    """The certificate's public page (opened by its QR code)."""
    return reverse("metrology_public:certificate", args=[certificate.public_code])


def _read(certificate: Certificate, lookup: str) -> Any:
    value: Any = certificate
    for name in lookup.split("__"):
        value = getattr(value, name)
    return value


def public_certificate_data(
    certificate: Certificate, today: dt.date | None = None
) -> dict[str, Any]:
    """What the public sees of a certificate, with its status as of ``today``."""
    data = {key: _read(certificate, lookup) for key, lookup in PUBLIC_CERTIFICATE}
    data["status"] = certificate.public_status(today or timezone.localdate())
    return data


# --- the PDF ----------------------------------------------------------------------------------


def certificate_document_context(certificate: Certificate) -> dict[str, Any]:
    """The context of ``templates/documents/metrology_certificate.html``."""
    url = public_url(public_path(certificate))
    return {
        "certificate": certificate,
        "organisation": certificate.issued_by,
        "verification": certificate.verification,
        "public_url": url,
        "qr": qr_data_uri(url),
        "printed_at": timezone.localtime(),
    }


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate as PDF (Mẫu 18), PAdES-signed when a signing certificate is configured."""
    pdf = render_pdf(
        template_code="metrology_certificate", context=certificate_document_context(certificate)
    )
    if signing_configured():
        pdf = sign_pdf(
            pdf,
            reason=f"Giấy chứng nhận kiểm định {certificate.number}",
            location=certificate.issued_by.name,
        )
    return pdf
