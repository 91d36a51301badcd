from django.urls import path

from tdc.core.viewregistry import register_open, register_view
from tdc.notifications import views
from tdc.notifications.models import NotificationTemplate

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list_view, name="notification_list"),
    path("<int:pk>/read/", views.notification_read, name="notification_read"),
    path("read-all/", views.notification_read_all, name="notification_read_all"),
    path("preferences/", views.preferences, name="preferences"),
    path("templates/", views.NotificationTemplateListView.as_view(), name="template_list"),
    path(
        "templates/<int:pk>/edit/",
        views.NotificationTemplateEditView.as_view(),
        name="template_edit",
    ),
]

# Notifications and preferences belong to their recipient, not to a jurisdiction: every query
# filters on the signed-in user (tested in tdc/notifications/tests).
_OWN = "recipient-only: the signed-in user's own notifications and preferences"
register_open("notifications:notification_list", _OWN)
register_open("notifications:notification_read", _OWN)
register_open("notifications:notification_read_all", _OWN)
register_open("notifications:preferences", _OWN)
register_view("notifications:template_list", "list", NotificationTemplate)
register_view("notifications:template_edit", "update", NotificationTemplate, "change")
