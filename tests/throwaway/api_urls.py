from django.urls import path

from tdc.core.viewregistry import register_view
from tests.throwaway import views
from tests.throwaway.models import Thing

urlpatterns = [path("throwaway/things/", views.thing_api, name="throwaway-thing-list")]

register_view("api:throwaway-thing-list", "api_list", Thing)
