"""The public certificate page /tra-cuu/kiem-dinh/<code>/ opened by the QR code (no account)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from tdc.core.api.permissions import PublicRateThrottle
from tdc.metrology.selectors import (
    MAX_CODE_LENGTH,
    certificate_public_get,
    public_certificate_data,
)

#: Status shown to the public: Vietnamese first, English second.
STATUS_LABELS = {
    "valid": ("Còn hiệu lực", "valid"),
    "expired": ("Hết hiệu lực", "expired"),
    "suspended": ("Bị tạm đình chỉ", "suspended"),
    "revoked": ("Bị thu hồi", "revoked"),
}


def certificate_public(request: HttpRequest, code: str) -> HttpResponse:
    """Owner, instrument, serial, organisation, dates and the current status of a certificate.

    Read fresh on every request (``no-store``) so a revocation shows at once.
    """
    throttle = PublicRateThrottle()
    if not throttle.allow_request(request, None):
        response = HttpResponse("Quá nhiều yêu cầu; vui lòng thử lại sau.", status=429)
        response["Retry-After"] = str(int(throttle.wait() or 60))
        return response
    certificate = certificate_public_get(code)
    if certificate is None:
        response = render(request, "metrology/public/certificate_not_found.html", status=404)
        response["Cache-Control"] = "no-store"
        return response
    data = public_certificate_data(certificate, timezone.localdate())
    label, label_en = STATUS_LABELS[data["status"]]
    response = render(
        request,
        "metrology/public/certificate.html",
        {"c": data, "status_label": label, "status_en": label_en},
    )
    response["Cache-Control"] = "no-store"
    return response


def certificate_lookup(request: HttpRequest) -> HttpResponse:
    """Type the code printed under a certificate's QR code (for those who cannot scan it)."""
    code = "".join(request.GET.get("code", "").split())
    if code and len(code) <= MAX_CODE_LENGTH:
        return redirect("metrology_public:certificate", code=code)
    return render(
        request,
        "metrology/public/certificate_lookup.html",
        {"code": code, "too_long": len(code) > MAX_CODE_LENGTH, "max_length": MAX_CODE_LENGTH},
    )
