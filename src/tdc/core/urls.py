from django.urls import path

from tdc.core import views, views_calendar
from tdc.core.models import AuditEvent
from tdc.core.viewregistry import register_open, register_view

app_name = "core"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("audit/", views.AuditEventListView.as_view(), name="auditevent_list"),
    path("audit/<int:pk>/", views.auditevent_detail, name="auditevent_detail"),
    path("jobs/<uuid:pk>/", views.job_detail, name="job_detail"),
    path("calendar/", views_calendar.calendar_page, name="calendar"),
]

register_view("core:dashboard", "page", None)
register_view("core:calendar", "page", None)
register_view("core:auditevent_list", "list", AuditEvent)
register_view("core:auditevent_detail", "detail", AuditEvent)
# Jobs belong to their owner only (not jurisdiction-scoped): tested in test_jobs.
register_open("core:job_detail", "owner-only: a job is visible to the user who started it")
