"""Public complaint pages (no account): /phan-anh/ and /tra-cuu/phan-anh/."""

from django.urls import path

from tdc.complaints.views import public
from tdc.core.viewregistry import register_open

app_name = "complaints_public"

urlpatterns = [
    path("phan-anh/", public.complaint_new, name="complaint_new"),
    path("phan-anh/xa/", public.commune_options, name="commune_options"),
    path("phan-anh/da-gui/<str:code>/", public.complaint_submitted, name="submitted"),
    path("tra-cuu/phan-anh/", public.tracking_lookup, name="tracking_lookup"),
    path("tra-cuu/phan-anh/<str:code>/", public.tracking_detail, name="tracking_detail"),
]

register_open("complaints_public:complaint_new", "public complaint form (rate-limited)")
register_open("complaints_public:commune_options", "public reference data: communes of a province")
register_open("complaints_public:submitted", "shows the tracking code just given")
register_open("complaints_public:tracking_lookup", "public look-up by tracking code")
register_open(
    "complaints_public:tracking_detail", "public status by unguessable tracking code (throttled)"
)
