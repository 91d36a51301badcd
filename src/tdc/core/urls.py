from django.urls import path

from tdc.core import views
from tdc.core.models import AuditEvent, DocumentTemplate
from tdc.core.modules import pickers
from tdc.core.viewregistry import register_open, register_view
from tdc.core.views import calendar as views_calendar
from tdc.core.views import documents as views_documents
from tdc.core.views import errors as views_errors
from tdc.core.views import imports as views_imports
from tdc.core.views import pickers as views_pickers
from tdc.core.views import refdata as views_refdata

app_name = "core"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("tim-kiem/", views.search, name="search"),
    path("tra-cuu/", views.public_lookup_index, name="public_lookups"),
    path("favicon.ico", views_errors.favicon, name="favicon"),
    path("reference/", views_refdata.reference_index, name="reference_index"),
    path(
        "reference/unconfirmed/",
        views_refdata.reference_unconfirmed,
        name="reference_unconfirmed",
    ),
    path("reference/<str:table>/", views_refdata.reference_table, name="reference_table"),
    path(
        "reference/<str:table>/<int:pk>/",
        views_refdata.reference_row_edit,
        name="reference_row_edit",
    ),
    path("audit/", views.AuditEventListView.as_view(), name="auditevent_list"),
    path("audit/<int:pk>/", views.auditevent_detail, name="auditevent_detail"),
    path("jobs/<uuid:pk>/", views.job_detail, name="job_detail"),
    path("calendar/", views_calendar.calendar_page, name="calendar"),
    path("imports/<slug:import_type>/", views_imports.import_upload, name="import_upload"),
    path(
        "imports/<slug:import_type>/template.xlsx",
        views_imports.import_template,
        name="import_template",
    ),
    path("imports/runs/<uuid:pk>/", views_imports.import_report, name="import_report"),
    path(
        "imports/runs/<uuid:pk>/rejected.xlsx",
        views_imports.import_rejected,
        name="import_rejected",
    ),
    path(
        "documents/templates/",
        views_documents.DocumentTemplateListView.as_view(),
        name="documenttemplate_list",
    ),
    path(
        "documents/templates/new/",
        views_documents.DocumentTemplateEditView.as_view(),
        name="documenttemplate_create",
    ),
    path(
        "documents/templates/<int:pk>/",
        views_documents.DocumentTemplateDetailView.as_view(),
        name="documenttemplate_detail",
    ),
    path(
        "documents/templates/<int:pk>/edit/",
        views_documents.DocumentTemplateEditView.as_view(),
        name="documenttemplate_edit",
    ),
    path(
        "documents/templates/<int:pk>/preview.pdf",
        views_documents.documenttemplate_preview,
        name="documenttemplate_preview",
    ),
    path(
        "documents/templates/<int:pk>/reset/",
        views_documents.documenttemplate_reset,
        name="documenttemplate_reset",
    ),
]

register_view("core:dashboard", "page", None)
register_open("core:public_lookups", "public index of the public look-ups (links only)")
register_open("core:favicon", "the site icon")
register_view("core:search", "page", None)
register_view("core:calendar", "page", None)
register_view("core:auditevent_list", "list", AuditEvent)
register_view("core:documenttemplate_list", "list", DocumentTemplate)
register_view("core:documenttemplate_create", "create", DocumentTemplate, "create")
register_view("core:documenttemplate_detail", "detail", DocumentTemplate)
register_view("core:documenttemplate_edit", "update", DocumentTemplate, "change")
register_view("core:documenttemplate_preview", "detail", DocumentTemplate)
register_view("core:documenttemplate_reset", "action", DocumentTemplate, "archive")
register_view("core:auditevent_detail", "detail", AuditEvent)
# Jobs belong to their owner only (not jurisdiction-scoped): tested in test_jobs.
register_open("core:job_detail", "owner-only: a job is visible to the user who started it")
# Imports check the import type's own model permission (user_may), then rows against the
# user's jurisdiction; each app registers a scoped entry URL (e.g. registry:organisation_import).
_IMPORT_PERMISSION = "permission of the import type's model, checked in the view"
_IMPORT_OWNER = "owner-only: an import run is visible to the user who started it"
register_open("core:import_upload", _IMPORT_PERMISSION)
register_open("core:import_template", _IMPORT_PERMISSION)
register_open("core:import_report", _IMPORT_OWNER)
register_open("core:import_rejected", _IMPORT_OWNER)
# Reference data: system administrators only (the tables' ScopeSpecs), tested in test_refdata_admin.
_REFERENCE = "system administrators only (role check on each table); tested in test_refdata_admin"
register_open("core:reference_index", _REFERENCE)
register_open("core:reference_unconfirmed", _REFERENCE)
register_open("core:reference_table", _REFERENCE)
register_open("core:reference_row_edit", _REFERENCE)

# Searchable pickers: one URL per declared kind (each answers every signed-in role with the
# records of that role's scope, so the matrix requests each one), then a catch-all answering 400.
for _kind in pickers():
    _name = f"picker_{_kind.replace('-', '_')}"
    urlpatterns.append(path(f"chon/{_kind}/", views_pickers.picker, {"kind": _kind}, name=_name))
    register_view(f"core:{_name}", "page", None)
urlpatterns.append(path("chon/<slug:kind>/", views_pickers.picker_unknown, name="picker_unknown"))
register_open("core:picker_unknown", "answers 400 for a picker kind no module declares (no data)")
