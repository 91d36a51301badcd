"""Public quality pages (no account): /tra-cuu/cong-bo/, /tra-cuu/canh-bao/ and its feed."""

from django.urls import path

from tdc.core.viewregistry import register_open
from tdc.quality.views import public

app_name = "quality_public"

urlpatterns = [
    path("tra-cuu/cong-bo/", public.declaration_lookup, name="declarations"),
    path("tra-cuu/canh-bao/", public.warning_page, name="warnings"),
    path("tra-cuu/canh-bao/feed.atom", public.WarningFeed(), name="warning_feed"),
]

register_open("quality_public:declarations", "public lookup of valid declarations (throttled)")
register_open("quality_public:warnings", "published quality warnings, public page (throttled)")
register_open("quality_public:warning_feed", "published quality warnings, Atom feed")
