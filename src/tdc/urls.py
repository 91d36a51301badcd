"""Top-level URL wiring: the fixed endpoints, then every module's screens (``Module.urls``)."""

from django.conf import settings
from django.urls import include, path
from django.views.i18n import set_language

from tdc.core import views as core_views
from tdc.core.modules import modules
from tdc.core.viewregistry import register_open

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("hello", core_views.hello, name="hello"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", include("tdc.api.urls")),
    *(path(mount.prefix, include(mount.urls)) for module in modules() for mount in module.urls),
]

handler400 = "tdc.core.views.errors.bad_request"
handler403 = "tdc.core.views.errors.permission_denied"
handler404 = "tdc.core.api.errors.page_not_found"
handler500 = "tdc.core.views.errors.server_error"

register_open("healthz", "liveness probe")
register_open("hello", "no-database baseline endpoint for benchmarks")
register_open("set_language", "language switcher")

if settings.DEBUG:  # pragma: no cover - media served by nginx in production
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
