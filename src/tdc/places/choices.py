from django.db import models
from django.utils.translation import gettext_lazy as _


class ProvinceKind(models.TextChoices):
    PROVINCE = "tinh", _("Province (tỉnh)")
    CITY = "thanh_pho", _("Centrally-run city (thành phố)")


class CommuneKind(models.TextChoices):
    COMMUNE = "xa", _("Commune (xã)")
    WARD = "phuong", _("Ward (phường)")
    SPECIAL_ZONE = "dac_khu", _("Special zone (đặc khu)")
