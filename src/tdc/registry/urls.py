from django.urls import path

from tdc.core.viewregistry import register_view
from tdc.core.views.imports import import_upload
from tdc.registry import views
from tdc.registry.models import Organisation

app_name = "registry"

urlpatterns = [
    path("", views.OrganisationListView.as_view(), name="organisation_list"),
    path("new/", views.OrganisationEditView.as_view(), name="organisation_create"),
    path("import/", import_upload, {"import_type": "organisations"}, name="organisation_import"),
    path("<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation_detail"),
    path("<int:pk>/edit/", views.OrganisationEditView.as_view(), name="organisation_edit"),
    path("<int:pk>/merge/", views.organisation_merge, name="organisation_merge"),
]

register_view("registry:organisation_list", "list", Organisation)
register_view("registry:organisation_create", "create", Organisation, "create")
register_view("registry:organisation_import", "create", Organisation, "create")
register_view("registry:organisation_detail", "detail", Organisation)
register_view("registry:organisation_edit", "update", Organisation, "change")
register_view("registry:organisation_merge", "update", Organisation, "archive")
