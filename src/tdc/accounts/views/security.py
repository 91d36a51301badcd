"""Account security: one's own API tokens and password, password reset by e-mail, and the
administrator's actions on another account (revoke tokens, force a password reset, reset the
second factor)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdc.accounts import services
from tdc.accounts.models import User
from tdc.accounts.selectors import api_tokens_of
from tdc.core.auth import authenticated_user
from tdc.core.roles import Action
from tdc.core.scoping import get_for_user_or_404

#: Reset requests allowed per client address and per e-mail address within an hour.
RESET_PER_ADDRESS = 5
RESET_PER_EMAIL = 3
RESET_WINDOW = 3600


def _over_limit(key: str, limit: int) -> bool:
    """Count one more request under ``key`` in the current window; True past ``limit``."""
    cache.add(key, 0, RESET_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RESET_WINDOW)
        count = 1
    return count > limit


class ResetRequestForm(PasswordResetForm):
    """Reset by e-mail for any active account with that address, including one whose password
    an administrator has just cleared (Django's own form skips those)."""

    def get_users(self, email: str) -> Any:
        return get_user_model()._default_manager.filter(email__iexact=email, is_active=True)


class PasswordResetRequestView(auth_views.PasswordResetView):
    """Ask for a reset link. The answer is the same whether or not an account has the address
    (no account enumeration), and requests are throttled per address and per e-mail."""

    template_name = "accounts/password_reset_form.html"
    form_class = ResetRequestForm
    success_url = reverse_lazy("accounts:password_reset_sent")

    def form_valid(self, form: Any) -> HttpResponse:
        address = self.request.META.get("REMOTE_ADDR", "unknown")
        email = form.cleaned_data["email"].strip().lower()
        digest = hashlib.sha256(email.encode()).hexdigest()
        limited = _over_limit(f"pwreset:ip:{address}", RESET_PER_ADDRESS) or _over_limit(
            f"pwreset:email:{digest}", RESET_PER_EMAIL
        )
        if limited:
            return HttpResponseRedirect(self.get_success_url())
        for user in form.get_users(email):
            services.send_password_reset_mail(user)
        return HttpResponseRedirect(self.get_success_url())


def password_reset_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_sent.html")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


def password_reset_complete(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_complete.html")


class AccountPasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Your password was changed."))
        return response


@login_required
def account_security(request: HttpRequest) -> HttpResponse:
    """The signed-in user's own account: API tokens (issue or rotate, revoke) and password."""
    user = authenticated_user(request)
    new_key = None
    if request.method == "POST":
        if request.POST.get("action") == "issue":
            new_key = services.api_token_issue(user=user, by=user)
        elif request.POST.get("action") == "revoke":
            count = services.api_token_revoke(user=user, by=user)
            messages.success(request, _("{count} token(s) revoked.").format(count=count))
            return redirect("accounts:account")
    return render(
        request,
        "accounts/account_security.html",
        {
            "tokens": api_tokens_of(user),
            "new_key": new_key,
            "token_days": settings.TDC_API_TOKEN_DAYS,
        },
    )


_ADMIN_ACTIONS = {"revoke-tokens", "reset-password", "reset-two-factor"}


@login_required
@require_POST
def user_security_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """An administrator's action on another account, each audited by its service."""
    if action not in _ADMIN_ACTIONS:
        raise Http404
    by = authenticated_user(request)
    target = get_for_user_or_404(User.objects.all(), by, Action.CHANGE, pk=pk)
    if target.pk == by.pk and action != "revoke-tokens":
        raise PermissionDenied(_("Use your own account page to change your own password."))
    if action == "revoke-tokens":
        count = services.api_token_revoke(user=target, by=by)
        messages.success(request, _("{count} token(s) revoked.").format(count=count))
    elif action == "reset-password":
        services.user_force_password_reset(user=target, by=by)
        if target.email:
            message = _("The password no longer works; a reset link was sent to {email}.")
            messages.success(request, message.format(email=target.email))
        else:
            messages.warning(
                request,
                _(
                    "The password no longer works, but the account has no e-mail address: set a "
                    "new password on the edit page and give it to the user in person."
                ),
            )
    else:
        count = services.user_reset_two_factor(user=target, by=by)
        messages.success(
            request,
            _(
                "{count} authenticator(s) removed: the user enrols a new one at the next sign-in."
            ).format(count=count),
        )
    return redirect(reverse("accounts:user_detail", args=[target.pk]))
