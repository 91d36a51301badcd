"""Organisation filters, shared by the list page and /api/v1/organisations/."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tdc.core.filters import folded_search
from tdc.core.pickers import PickerSelect
from tdc.registry.choices import OrganisationKind, OrganisationStatus
from tdc.registry.models import Organisation


class OrganisationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    tax_code = django_filters.CharFilter(label=_("Tax code"), field_name="tax_code")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OrganisationKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=OrganisationStatus.choices)
    province = django_filters.CharFilter(
        label=_("Province"), field_name="province_id", widget=PickerSelect("province")
    )
    commune = django_filters.CharFilter(
        label=_("Commune"), field_name="commune_id", widget=PickerSelect("commune")
    )

    class Meta:
        model = Organisation
        fields = ["q", "tax_code", "kind", "status", "province", "commune"]

    def filter_text(self, queryset: QuerySet[Organisation], name: str, value: Any) -> Any:
        """Diacritic-insensitive search over name, short and English name, tax code, address."""
        return folded_search(queryset, value)
