from django.urls import path

from tdc.core.viewregistry import register_view
from tdc.standards.models import Enquiry, ExporterInterest, Standard, TbtNotification
from tdc.standards.views import enquiries, officer, tbt

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

urlpatterns += [
    path("tbt/", tbt.TbtListView.as_view(), name="tbt_list"),
    path("tbt/new/", tbt.TbtCreateView.as_view(), name="tbt_create"),
    path("tbt/<int:pk>/", tbt.TbtDetailView.as_view(), name="tbt_detail"),
    path("tbt/interests/", tbt.InterestListView.as_view(), name="interest_list"),
    path("tbt/interests/new/", tbt.InterestEditView.as_view(), name="interest_create"),
    path("tbt/interests/<int:pk>/edit/", tbt.InterestEditView.as_view(), name="interest_edit"),
]

register_view("standards:tbt_list", "list", TbtNotification)
register_view("standards:tbt_create", "create", TbtNotification, "create")
register_view("standards:tbt_detail", "detail", TbtNotification)
register_view("standards:interest_list", "list", ExporterInterest)
register_view("standards:interest_create", "create", ExporterInterest, "create")
register_view("standards:interest_edit", "update", ExporterInterest, "change")

urlpatterns += [
    path("enquiries/", enquiries.EnquiryListView.as_view(), name="enquiry_list"),
    path("enquiries/new/", enquiries.EnquiryCreateView.as_view(), name="enquiry_create"),
    path("enquiries/<int:pk>/", enquiries.EnquiryDetailView.as_view(), name="enquiry_detail"),
    path("enquiries/<int:pk>/answer/", enquiries.enquiry_answer, name="enquiry_answer"),
]

register_view("standards:enquiry_list", "list", Enquiry)
register_view("standards:enquiry_create", "create", Enquiry, "create")
register_view("standards:enquiry_detail", "detail", Enquiry)
register_view("standards:enquiry_answer", "action", Enquiry, "approve")
