"""Public pages of the library (no account): /tra-cuu/tieu-chuan/ and a document's page."""

from django.urls import path

from tdc.core.viewregistry import register_open
from tdc.standards.views import public

app_name = "standards_public"

urlpatterns = [
    path("tra-cuu/tieu-chuan/", public.search, name="search"),
    path("tra-cuu/tieu-chuan/<int:pk>/", public.detail, name="detail"),
]

register_open("standards_public:search", "public catalogue of standards (throttled)")
register_open("standards_public:detail", "a catalogue document's public page (throttled)")
