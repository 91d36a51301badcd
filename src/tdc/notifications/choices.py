from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailMode(models.TextChoices):
    """When the e-mail of a notification goes out."""

    IMMEDIATE = "immediate", _("At once")
    DIGEST = "digest", _("In the daily digest")
