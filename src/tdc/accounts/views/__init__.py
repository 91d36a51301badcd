"""Screens of accounts: sign-in, the users' register, and account security (API tokens,
password reset, second factor)."""

from tdc.accounts.views.security import (
    AccountPasswordChangeView,
    PasswordResetConfirmView,
    PasswordResetRequestView,
    account_security,
    password_reset_complete,
    password_reset_sent,
    user_security_action,
)
from tdc.accounts.views.signin import LoginView, two_factor
from tdc.accounts.views.users import UserDetailView, UserEditView, UserListView

__all__ = [
    "AccountPasswordChangeView",
    "LoginView",
    "PasswordResetConfirmView",
    "PasswordResetRequestView",
    "UserDetailView",
    "UserEditView",
    "UserListView",
    "account_security",
    "password_reset_complete",
    "password_reset_sent",
    "two_factor",
    "user_security_action",
]
