from django.urls import path

from tdc.attachments import views
from tdc.attachments.models import Attachment
from tdc.core.viewregistry import register_view

app_name = "attachments"

urlpatterns = [
    path("", views.attachment_list_view, name="attachment_list"),
    path("<int:pk>/download/", views.attachment_download, name="attachment_download"),
    path("<int:pk>/remove/", views.attachment_remove, name="attachment_remove"),
]

# The list also takes the upload (POST); who may upload is checked on the parent record.
register_view("attachments:attachment_list", "list", Attachment)
register_view("attachments:attachment_download", "detail", Attachment)
# GET shows the removal form to whoever may view; POST needs "change" on the parent.
register_view("attachments:attachment_remove", "detail", Attachment)
