from django.urls import path

from tdc.core.viewregistry import register_view
from tests.throwaway import views
from tests.throwaway.models import Thing

app_name = "throwaway"

urlpatterns = [path("", views.thing_list, name="thing_list")]

register_view("throwaway:thing_list", "list", Thing)
