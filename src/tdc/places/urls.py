from django.urls import path

from tdc.core.viewregistry import register_open
from tdc.places import views

app_name = "places"

urlpatterns = [
    path("commune-options/", views.commune_options, name="commune_options"),
]

register_open("places:commune_options", "public reference data, limited to the user's jurisdiction")
