"""Organisation endpoints (mounted at /api/v1/)."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from tdc.core.viewregistry import register_view
from tdc.registry.api.views import OrganisationViewSet
from tdc.registry.models import Organisation

router = DefaultRouter()
router.include_root_view = False
router.register("organisations", OrganisationViewSet, basename="organisation")

urlpatterns = [path("", include(router.urls))]

register_view("api:organisation-list", "api_list", Organisation)
register_view("api:organisation-detail", "api_detail", Organisation)
