from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from tdc.registry.models import Organisation


class OrganisationTable(tables.Table):
    name = tables.Column(verbose_name=_("Name"), linkify=True)
    tax_code = tables.Column(verbose_name=_("Tax code"))
    kind = tables.Column(verbose_name=_("Kind"))
    commune = tables.Column(verbose_name=_("Commune"), order_by=("commune__name",))
    province = tables.Column(verbose_name=_("Province"), order_by=("province_id",))
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Organisation
        fields = ("name", "tax_code", "kind", "commune", "province", "status")
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = ("name",)
