"""Reads of verifications, certificates and sticker/stamp stock; the public certificate lookup."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone

from tdc.core.documents import public_url, qr_data_uri, render_pdf, sign_pdf, signing_configured
from tdc.core.scoping import ScopedQuerySet
from tdc.metrology.models import (
    Certificate,
    StampBatch,
    StampUse,
    Verification,
    VerificationPoint,
    VerificationStandard,
)


def verification_base() -> ScopedQuerySet[Verification]:
    """The queryset every verification screen and endpoint starts from."""
    return Verification.objects.select_related(
        "instrument", "organisation", "verifier", "owner", "province", "commune"
    )


def verification_detail_base() -> ScopedQuerySet[Verification]:
    return verification_base().prefetch_related(
        Prefetch("points", queryset=VerificationPoint.objects.order_by("position", "id")),
        Prefetch(
            "standard_uses",
            queryset=VerificationStandard.objects.select_related("standard", "calibration"),
        ),
    )


def certificate_base() -> ScopedQuerySet[Certificate]:
    return Certificate.objects.select_related("issued_by", "verification")


def stamp_batch_base() -> ScopedQuerySet[StampBatch]:
    return StampBatch.objects.select_related("organisation")


def stamp_batch_uses(batch: StampBatch) -> QuerySet[StampUse]:
    return batch.uses.select_related("verification").order_by("number", "id")


def verification_certificate(verification: Verification) -> Certificate | None:
    return Certificate.objects.filter(verification=verification).first()


# --- the public lookup ------------------------------------------------------------------------

#: Columns the public page and endpoint read (nothing private: no verifier, no owner address).
_PUBLIC_FIELDS = (
    "number",
    "public_code",
    "issued_on",
    "instrument_name",
    "instrument_model",
    "serial_number",
    "manufacturer",
    "owner_name",
    "valid_until",
    "status",
    "status_reason",
    "status_changed_at",
    "issued_by__name",
)


def certificate_public_get(code: str) -> Certificate | None:
    """A certificate by its public code, in one indexed query (unique ``public_code``).

    Never cached: a revocation or suspension shows on the next request.
    """
    if not code or len(code) > 32:
        return None
    return (
        Certificate.objects.select_related("issued_by")
        .only(*_PUBLIC_FIELDS)
        .filter(public_code=code)
        .first()
    )


def public_path(certificate: Certificate) -> str:
    return reverse("metrology_public:certificate", args=[certificate.public_code])


def public_certificate_data(
    certificate: Certificate, today: dt.date | None = None
) -> dict[str, Any]:
    """What the public sees of a certificate, with its status as of ``today``."""
    today = today or timezone.localdate()
    return {
        "number": certificate.number,
        "code": certificate.public_code,
        "status": certificate.public_status(today),
        "status_reason": certificate.status_reason,
        "status_changed_at": certificate.status_changed_at,
        "owner": certificate.owner_name,
        "instrument_type": certificate.instrument_name,
        "model": certificate.instrument_model,
        "manufacturer": certificate.manufacturer,
        "serial_number": certificate.serial_number,
        "organisation": certificate.issued_by.name,
        "verified_on": certificate.issued_on,
        "valid_until": certificate.valid_until,
    }


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
