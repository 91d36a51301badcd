"""Public metrology pages (no account): /tra-cuu/kiem-dinh/<code>/."""

from django.urls import path

from tdc.core.viewregistry import register_open
from tdc.metrology.views import public

app_name = "metrology_public"

urlpatterns = [
    path("tra-cuu/kiem-dinh/", public.certificate_lookup, name="certificate_lookup"),
    path("tra-cuu/kiem-dinh/<str:code>/", public.certificate_public, name="certificate"),
]

register_open(
    "metrology_public:certificate", "public certificate status by unguessable code (throttled)"
)
register_open("metrology_public:certificate_lookup", "public form: type a certificate's code")
