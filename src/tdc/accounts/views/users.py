"""User administration: the register of accounts (system administrators)."""

from __future__ import annotations

from typing import Any

import django_filters
import django_tables2 as tables
from django.forms import Form
from django.utils.translation import gettext as _

from tdc.accounts import services
from tdc.accounts.forms import UserForm
from tdc.accounts.models import User
from tdc.accounts.selectors import api_tokens_of
from tdc.core.auth import authenticated_user
from tdc.core.scoping import ScopedQuerySet
from tdc.core.views.generic import ScopedDetailView, ScopedEditView, ScopedListView


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

    template_name = "accounts/user_detail.html"

    def base_queryset(self) -> ScopedQuerySet[User]:
        return _user_base()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["tokens"] = api_tokens_of(self.object)
        return context


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
