from django.contrib.auth import views as auth_views
from django.urls import path

from tdc.accounts import views
from tdc.accounts.models import User
from tdc.core.viewregistry import register_open, register_view

app_name = "accounts"

urlpatterns = [
    path("tai-khoan/dang-nhap/", views.LoginView.as_view(), name="login"),
    path("tai-khoan/dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("tai-khoan/xac-thuc-2-buoc/", views.two_factor, name="two_factor"),
    path("users/", views.UserListView.as_view(), name="user_list"),
    path("users/new/", views.UserEditView.as_view(), name="user_create"),
    path("users/<int:pk>/", views.UserDetailView.as_view(), name="user_detail"),
    path("users/<int:pk>/edit/", views.UserEditView.as_view(), name="user_edit"),
    *(
        path(f"users/<int:pk>/{action}/", views.user_security_action, {"action": action}, name=name)
        for action, name in (
            ("revoke-tokens", "user_revoke_tokens"),
            ("reset-password", "user_reset_password"),
            ("reset-two-factor", "user_reset_two_factor"),
        )
    ),
    path("tai-khoan/", views.account_security, name="account"),
    path(
        "tai-khoan/doi-mat-khau/", views.AccountPasswordChangeView.as_view(), name="password_change"
    ),
    path(
        "tai-khoan/quen-mat-khau/", views.PasswordResetRequestView.as_view(), name="password_reset"
    ),
    path("tai-khoan/quen-mat-khau/da-gui/", views.password_reset_sent, name="password_reset_sent"),
    path(
        "tai-khoan/dat-lai-mat-khau/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "tai-khoan/dat-lai-mat-khau/xong/",
        views.password_reset_complete,
        name="password_reset_complete",
    ),
]

register_open("accounts:login", "sign-in page")
register_open("accounts:logout", "sign-out")
register_open("accounts:two_factor", "second sign-in step for the signed-in user only")
register_view("accounts:user_list", "list", User)
register_view("accounts:user_create", "create", User, "create")
register_view("accounts:user_detail", "detail", User)
register_view("accounts:user_edit", "update", User, "change")
for _name in ("user_revoke_tokens", "user_reset_password", "user_reset_two_factor"):
    register_view(f"accounts:{_name}", "action", User, "change")
register_open("accounts:account", "the signed-in user's own account and API tokens")
register_open("accounts:password_change", "the signed-in user's own password")
register_open(
    "accounts:password_reset", "password reset request (no account enumeration, throttled)"
)
register_open("accounts:password_reset_sent", "public confirmation that a reset link may be sent")
register_open("accounts:password_reset_confirm", "one-time reset link from the e-mail")
register_open("accounts:password_reset_complete", "public confirmation of a reset")
