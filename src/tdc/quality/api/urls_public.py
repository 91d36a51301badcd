"""Public routes under /api/v1/public/ of the quality module (no account, throttled)."""

from __future__ import annotations

from django.urls import path

from tdc.core.viewregistry import register_open
from tdc.quality.api.public import PublicDeclarationLookupView, PublicWarningListView

urlpatterns = [
    path("public/warnings/", PublicWarningListView.as_view(), name="public-warning-list"),
    path(
        "public/declarations/",
        PublicDeclarationLookupView.as_view(),
        name="public-declaration-lookup",
    ),
]

register_open("api:public-warning-list", "published quality warnings, public (throttled)")
register_open(
    "api:public-declaration-lookup", "declarations with a valid receipt notice, public (throttled)"
)
