from django.urls import path

from tdc.complaints.models import Complaint
from tdc.complaints.views import handling
from tdc.core.viewregistry import register_view

app_name = "complaints"

urlpatterns = [
    path("", handling.ComplaintListView.as_view(), name="complaint_list"),
    path("statistics/", handling.complaint_statistics_view, name="statistics"),
    path("dashboard-card/", handling.dashboard_card, name="dashboard_card"),
    path("<int:pk>/", handling.ComplaintDetailView.as_view(), name="complaint_detail"),
    path("<int:pk>/edit/", handling.ComplaintEditView.as_view(), name="complaint_edit"),
    path("<int:pk>/notes/", handling.complaint_note_add, name="complaint_note_add"),
    path("<int:pk>/reveal/", handling.complaint_reveal, name="complaint_reveal"),
]

register_view("complaints:complaint_list", "list", Complaint)
# Counts only, each within the user's jurisdiction (empty for roles that see no complaints).
register_view("complaints:statistics", "page", None)
register_view("complaints:dashboard_card", "page", None)
register_view("complaints:complaint_detail", "detail", Complaint)
register_view("complaints:complaint_edit", "update", Complaint, "change")
register_view("complaints:complaint_note_add", "update", Complaint, "change")
# Viewers in scope get the page; only complaint handlers (a permission) get the form and reveal.
register_view("complaints:complaint_reveal", "detail", Complaint)
