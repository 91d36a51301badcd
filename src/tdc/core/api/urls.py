"""Core endpoints: the audit trail and the working-day calendar (mounted at /api/v1/)."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from tdc.core.api.calendar import AddWorkingDaysView, HolidayListView
from tdc.core.api.views import AuditEventViewSet
from tdc.core.models import AuditEvent
from tdc.core.viewregistry import register_open, register_view

router = DefaultRouter()
router.include_root_view = False
router.register("audit-events", AuditEventViewSet, basename="auditevent")

urlpatterns = [
    path(
        "calendar/add-working-days/",
        AddWorkingDaysView.as_view(),
        name="calendar_add_working_days",
    ),
    path("calendar/holidays/", HolidayListView.as_view(), name="calendar_holidays"),
    path("", include(router.urls)),
]

register_open("api:calendar_add_working_days", "public reference data: working-day calculator")
register_open("api:calendar_holidays", "public reference data: public holidays of a year")
register_view("api:auditevent-list", "api_list", AuditEvent)
register_view("api:auditevent-detail", "api_detail", AuditEvent)
