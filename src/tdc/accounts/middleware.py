"""Staff roles must complete TOTP sign-in before using the system."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

#: Paths a half-signed-in staff user may still reach.
# Sign-in itself and the public pages; the account page (API tokens, password change) is not
# here: issuing a token needs the second factor like any other screen.
_ALLOWED_PREFIXES = (
    "/tai-khoan/dang-nhap/",
    "/tai-khoan/dang-xuat/",
    "/tai-khoan/xac-thuc-2-buoc/",
    "/tai-khoan/quen-mat-khau/",
    "/tai-khoan/dat-lai-mat-khau/",
    "/static/",
    "/i18n/",
    "/healthz",
    "/tra-cuu/",
    "/phan-anh/",
)


def needs_second_factor(user: object) -> bool:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_staff_role", False):
        return False
    if settings.TDC_ALLOW_2FA_EXEMPT and getattr(user, "otp_exempt", False):
        return False
    return not user.is_verified()  # type: ignore[attr-defined]


class TwoFactorRequiredMiddleware:
    """Sends a staff user who has not passed TOTP to enrolment or verification.

    API calls authenticate with tokens issued by an administrator and are not affected.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        if (
            not path.startswith("/api/")
            and not path.startswith(_ALLOWED_PREFIXES)
            and needs_second_factor(request.user)
        ):
            return redirect("accounts:two_factor")
        return self.get_response(request)
