"""Account endpoints (mounted at /api/v1/)."""

from django.urls import path

from tdc.accounts.api.views import MeView
from tdc.core.viewregistry import register_open

urlpatterns = [path("me/", MeView.as_view(), name="me")]

register_open("api:me", "the caller's own account")
