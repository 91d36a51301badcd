"""Administrative units and address resolution (mounted at /api/v1/): public reference data."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from tdc.core.viewregistry import register_open
from tdc.places.api.views import CommuneViewSet, ProvinceViewSet, ResolveView

router = DefaultRouter()
router.include_root_view = False
router.register("places/provinces", ProvinceViewSet, basename="province")
router.register("places/communes", CommuneViewSet, basename="commune")

urlpatterns = [
    path("places/resolve/", ResolveView.as_view(), name="places-resolve"),
    path("", include(router.urls)),
]

register_open("api:province-list", "public reference data (administrative units)")
register_open("api:province-detail", "public reference data (administrative units)")
register_open("api:commune-list", "public reference data (administrative units)")
register_open("api:commune-detail", "public reference data (administrative units)")
register_open("api:places-resolve", "public reference data: old and new address resolution")
