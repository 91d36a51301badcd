"""Complaint endpoints (mounted at /api/v1/): officers' records and the public filing."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from tdc.complaints.api.views import ComplaintViewSet
from tdc.complaints.models import Complaint
from tdc.core.viewregistry import register_view

router = DefaultRouter()
router.include_root_view = False
router.register("complaints", ComplaintViewSet, basename="complaint")

urlpatterns = [
    path("public/complaints/", include("tdc.complaints.api.urls_public")),
    path("", include(router.urls)),
]

register_view("api:complaint-list", "api_list", Complaint)
register_view("api:complaint-detail", "api_detail", Complaint)
register_view("api:complaint-notes", "api_detail", Complaint)
register_view("api:complaint-reveal", "api_detail", Complaint)
