"""Attachment endpoints (mounted at /api/v1/)."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from tdc.attachments.api.views import AttachmentViewSet
from tdc.attachments.models import Attachment
from tdc.core.viewregistry import register_view

router = DefaultRouter()
router.include_root_view = False
router.register("attachments", AttachmentViewSet, basename="attachment")

urlpatterns = [path("", include(router.urls))]

# Attachments follow their parent record's scope (view to list and download, change to upload).
register_view("api:attachment-list", "api_list", Attachment)
register_view("api:attachment-detail", "api_detail", Attachment)
register_view("api:attachment-download", "api_detail", Attachment)
