"""/api/v1/: routing and versioning only. Each module mounts its own endpoints
(``Module.api`` in its ``module.py``); they share the ``api`` namespace."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from tdc.core.modules import modules
from tdc.core.viewregistry import register_open

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    *(path(mount.prefix, include(mount.urls)) for module in modules() for mount in module.api),
]

register_open("api:schema", "OpenAPI schema (public contract)")
register_open("api:docs", "API documentation page")
