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
]

register_open("accounts:login", "sign-in page")
register_open("accounts:logout", "sign-out")
register_open("accounts:two_factor", "second sign-in step for the signed-in user only")
register_view("accounts:user_list", "list", User)
register_view("accounts:user_create", "create", User, "create")
register_view("accounts:user_detail", "detail", User)
register_view("accounts:user_edit", "update", User, "change")
