from django.urls import path

from tdc.core.viewregistry import register_view
from tdc.standards.models import Standard
from tdc.standards.views import officer

app_name = "standards"

urlpatterns = [
    path("", officer.StandardListView.as_view(), name="standard_list"),
    path("new/", officer.StandardEditView.as_view(), name="standard_create"),
    path("<int:pk>/", officer.StandardDetailView.as_view(), name="standard_detail"),
    path("<int:pk>/edit/", officer.StandardEditView.as_view(), name="standard_edit"),
    path("<int:pk>/event/", officer.standard_event, name="standard_event"),
]

register_view("standards:standard_list", "list", Standard)
register_view("standards:standard_create", "create", Standard, "create")
register_view("standards:standard_detail", "detail", Standard)
register_view("standards:standard_edit", "update", Standard, "change")
register_view("standards:standard_event", "action", Standard, "change")
