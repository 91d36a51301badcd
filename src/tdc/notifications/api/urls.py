"""Notification endpoints (mounted at /api/v1/): the caller's own notifications."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from tdc.core.viewregistry import register_open
from tdc.notifications.api.views import NotificationViewSet

router = DefaultRouter()
router.include_root_view = False
router.register("notifications", NotificationViewSet, basename="notification")

urlpatterns = [path("", include(router.urls))]

_OWN_NOTIFICATIONS = "recipient-only: the caller's own notifications"
register_open("api:notification-list", _OWN_NOTIFICATIONS)
register_open("api:notification-detail", _OWN_NOTIFICATIONS)
register_open("api:notification-read", _OWN_NOTIFICATIONS)
register_open("api:notification-read-all", _OWN_NOTIFICATIONS)
