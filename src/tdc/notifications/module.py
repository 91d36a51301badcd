"""What notifications add: the notification centre, preferences and templates."""

from django.utils.translation import gettext_lazy as _

from tdc.core.modules import MenuEntry, MenuGroup, Module, Mount

MODULE = Module(
    urls=[Mount("notifications/", "tdc.notifications.urls")],
    api=[Mount("", "tdc.notifications.api.urls")],
    menu=[
        MenuEntry(
            MenuGroup.SYSTEM,
            _("Notification templates"),
            "notifications:template_list",
            "notifications.NotificationTemplate",
            order=30,
        ),
    ],
    matrix_subjects="tdc.notifications.tests.subjects",
)
