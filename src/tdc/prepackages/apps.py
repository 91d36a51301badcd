from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrepackagesConfig(AppConfig):
    name = "tdc.prepackages"
    label = "prepackages"
    verbose_name = _("Prepackaged goods")

    def ready(self) -> None:
        from tdc.prepackages import checks  # noqa: F401 - registers the system check
