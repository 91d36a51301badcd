"""Sign-in: password, then the second factor (TOTP) for staff."""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from tdc.accounts import services
from tdc.accounts.forms import LoginForm, TotpForm
from tdc.accounts.middleware import needs_second_factor


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Enrol a TOTP device (first time) or check the code (every sign-in)."""
    user = request.user
    if not needs_second_factor(user):
        return redirect("core:dashboard")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    enrolling = device is None
    if enrolling:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="default", confirmed=False)
    form = TotpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            if enrolling:
                services.totp_device_confirm(user=user, device=device)  # type: ignore[arg-type]
            otp_login(request, device)
            return redirect(request.GET.get("next") or "core:dashboard")
        form.add_error(
            "token",
            _(
                "This code is not right or has expired. Check the phone's clock, wait a few "
                "seconds and enter the new code."
            ),
        )
    context: dict[str, Any] = {"form": form, "enrolling": enrolling}
    if enrolling:
        qr = segno.make(device.config_url, micro=False)
        context["qr_svg"] = base64.b64encode(qr.svg_inline(scale=4).encode("utf-8")).decode("ascii")
        context["secret"] = base64.b32encode(device.bin_key).decode("ascii")
    return render(request, "accounts/two_factor.html", context)
