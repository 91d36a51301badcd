"""Public routes under /api/v1/public/ of the library (no account, throttled)."""

from __future__ import annotations

from django.urls import path

from tdc.core.viewregistry import register_open
from tdc.standards.api.public import PublicStandardListView

urlpatterns = [
    path("public/standards/", PublicStandardListView.as_view(), name="public-standard-list"),
]

register_open("api:public-standard-list", "public catalogue of standards (throttled)")
