"""Public complaint endpoints under /api/v1/public/complaints/ (no account, rate-limited),
included by ``tdc.complaints.api.urls``."""

from django.urls import path

from tdc.complaints.api.views import PublicComplaintCreateView, PublicComplaintDetailView
from tdc.core.viewregistry import register_open

urlpatterns = [
    path("", PublicComplaintCreateView.as_view(), name="public-complaint-create"),
    path("<str:code>/", PublicComplaintDetailView.as_view(), name="public-complaint-detail"),
]

register_open("api:public-complaint-create", "public complaint filing (rate-limited, honeypot)")
register_open(
    "api:public-complaint-detail", "public status by unguessable tracking code (throttled)"
)
