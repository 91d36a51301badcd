from django.urls import path

from tdc.core.viewregistry import register_open
from tdc.places import views

app_name = "places"

urlpatterns = [
    path("", views.province_list, name="province_list"),
    path("resolve/", views.resolve, name="resolve"),
    path("commune-options/", views.commune_options, name="commune_options"),
    path("<str:code>/", views.province_detail, name="province_detail"),
]

register_open("places:commune_options", "public reference data, limited to the user's jurisdiction")
register_open("places:province_list", "public reference data (administrative units)")
register_open("places:province_detail", "public reference data (administrative units)")
register_open("places:resolve", "public reference data: old and new address resolution")
