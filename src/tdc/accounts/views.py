"""Sign-in (password then TOTP for staff), and user administration."""

from __future__ import annotations

import base64
from typing import Any

import django_filters
import django_tables2 as tables
import segno
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from tdc.accounts import services
from tdc.accounts.forms import LoginForm, TotpForm, UserForm
from tdc.accounts.middleware import needs_second_factor
from tdc.accounts.models import User
from tdc.core.auth import authenticated_user
from tdc.core.scoping import ScopedQuerySet
from tdc.core.views_generic import ScopedDetailView, ScopedEditView, ScopedListView


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


class UserFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="username", lookup_expr="icontains")

    class Meta:
        model = User
        fields = ["q", "role", "is_active"]


class UserTable(tables.Table):
    username = tables.Column(linkify=True)

    class Meta:
        model = User
        fields = (
            "username",
            "first_name",
            "last_name",
            "role",
            "province",
            "commune",
            "organisation",
            "is_active",
        )
        attrs = {"class": "table table-sm table-hover align-middle"}


def _user_base() -> ScopedQuerySet[User]:
    return User.objects.select_related("province", "commune", "organisation")


class UserListView(ScopedListView):
    model = User
    table_class = UserTable
    filterset_class = UserFilterSet
    create_url_name = "accounts:user_create"
    export_name = "users"

    def base_queryset(self) -> ScopedQuerySet[User]:
        return _user_base()


class UserDetailView(ScopedDetailView):
    model = User
    edit_url_name = "accounts:user_edit"
    detail_fields = (
        "username",
        "first_name",
        "last_name",
        "email",
        "phone",
        "role",
        "province",
        "commune",
        "organisation",
        "is_active",
        "last_login",
    )

    def base_queryset(self) -> ScopedQuerySet[User]:
        return _user_base()


class UserEditView(ScopedEditView):
    model = User
    form_class = UserForm

    def base_queryset(self) -> ScopedQuerySet[User]:
        return _user_base()

    def perform_create(self, form: Form) -> User:
        data = dict(form.cleaned_data)
        password = data.pop("password", None) or None
        return services.user_create(by=authenticated_user(self.request), password=password, **data)

    def perform_update(self, form: Form, expected_version: int | None) -> User:
        data = dict(form.cleaned_data)
        password = data.pop("password", None)
        assert isinstance(self.object, User)
        by = authenticated_user(self.request)
        user = services.user_update(
            user=self.object, by=by, expected_version=expected_version, **data
        )
        if password:
            services.user_set_password(user=user, by=by, password=password)
        return user
