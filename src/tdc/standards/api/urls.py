"""Routes under /api/v1/standards/ (included by ``tdc.api.urls``, namespace ``api``)."""

from __future__ import annotations

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from tdc.core.viewregistry import register_open, register_view
from tdc.standards.api.views import ParseView, StandardViewSet, TbtNotificationViewSet
from tdc.standards.models import Standard, TbtNotification

router = DefaultRouter()
router.include_root_view = False
router.register("documents", StandardViewSet, basename="standards-document")
router.register("tbt", TbtNotificationViewSet, basename="standards-tbt")

urlpatterns = [
    path("parse/", ParseView.as_view(), name="standards-parse"),
    path("", include(router.urls)),
]

register_open(
    "api:standards-parse", "stateless notation parser for any signed-in role: stores nothing"
)
register_view("api:standards-document-list", "api_list", Standard)
register_view("api:standards-document-detail", "api_detail", Standard)
register_view("api:standards-tbt-list", "api_list", TbtNotification)
register_view("api:standards-tbt-detail", "api_detail", TbtNotification)
