"""Reference places, readable without signing in (they are public administrative data)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from rest_framework import viewsets
from rest_framework.permissions import AllowAny
from rest_framework.request import Request

from tdc.core.api.permissions import PublicRateThrottle
from tdc.core.api.refcache import CachedJSON
from tdc.core.text import vn_fold
from tdc.places.api.serializers import CommuneSerializer, ProvinceSerializer
from tdc.places.models import Commune, Province


class CommuneFilterSet(django_filters.FilterSet):
    province = django_filters.CharFilter(label=_("Province code"), field_name="province_id")
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")

    class Meta:
        model = Commune
        fields = ["province", "q"]

    def filter_text(self, queryset: Any, name: str, value: str) -> Any:
        return queryset.filter(name_folded__contains=vn_fold(value))


class ProvinceViewSet(viewsets.ReadOnlyModelViewSet[Province]):
    """The 34 provinces and centrally-run cities in force since 1 July 2025."""

    queryset = Province.objects.order_by("code")
    serializer_class = ProvinceSerializer
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [PublicRateThrottle]
    pagination_class = None
    filter_backends: list[Any] = []
    lookup_field = "code"

    def list(  # type: ignore[override]
        self, request: Request, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        """The whole list from the worker's reference cache, with ETag (docs/adr/0007)."""
        return _PROVINCE_LIST.response(request)


_PROVINCE_LIST = CachedJSON(
    lambda: ProvinceSerializer(Province.objects.order_by("code"), many=True).data
)


class CommuneViewSet(viewsets.ReadOnlyModelViewSet[Commune]):
    """Communes, wards and special zones; ``?province=<code>`` narrows to one province."""

    queryset = Commune.objects.order_by("province_id", "name")
    serializer_class = CommuneSerializer
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [PublicRateThrottle]
    filterset_class = CommuneFilterSet
    lookup_field = "code"
