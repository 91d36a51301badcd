from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tdc.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db.models import fields

        from tdc.core.forms import EMPTY_CHOICE_LABEL

        # Django reads this each time a select is built ("any app's ready() may overwrite
        # BLANK_CHOICE_LABEL"); ModelChoiceField takes it as its default empty label.
        fields.BLANK_CHOICE_LABEL = EMPTY_CHOICE_LABEL  # type: ignore[assignment]
