from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "tdc.complaints"
    label = "complaints"
    verbose_name = _("Complaints and whistle-blower reports")

    def ready(self) -> None:
        from tdc.complaints import checks  # noqa: F401 - registers the system check
