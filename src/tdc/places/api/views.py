"""Reference places, readable without signing in (they are public administrative data)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tdc.core.api.permissions import PublicRateThrottle
from tdc.core.api.refcache import CachedJSON
from tdc.core.api.schema import ErrorSerializer
from tdc.core.text import vn_fold
from tdc.places.api.serializers import (
    CommuneSerializer,
    ProvinceSerializer,
    ResolutionSerializer,
)
from tdc.places.models import Commune, Province
from tdc.places.resolver import resolve_address


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


class ResolveView(APIView):
    """Resolve an address written with the old or the new units to today's province and commune.

    ``?address=`` free text ("xã Phước Lý, huyện Cần Giuộc, tỉnh Long An"), or the pre-2025 codes
    ``?legacy_commune=`` / ``?legacy_district=`` / ``?legacy_province=``. An old commune split
    between several new ones answers ``ambiguous: true`` and the candidates; an address with
    nothing recognisable answers ``found: false`` and a message saying what to check.
    """

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [PublicRateThrottle]

    @extend_schema(
        parameters=[
            OpenApiParameter("address", str, description="The address as written"),
            OpenApiParameter("legacy_province", str, description="Pre-2025 province code"),
            OpenApiParameter("legacy_district", str, description="Pre-2025 district code"),
            OpenApiParameter("legacy_commune", str, description="Pre-2025 commune code"),
        ],
        responses={
            200: ResolutionSerializer,
            400: OpenApiResponse(ErrorSerializer, description="No address or codes given."),
        },
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        codes = {
            level: params.get(f"legacy_{level}", "").strip()
            for level in ("province", "district", "commune")
        }
        address = params.get("address", "").strip()
        if any(codes.values()):
            resolution = resolve_address(codes)
        elif address:
            if len(address) > 500:
                raise ValidationError({"address": [_("Shorten the address to 500 characters.")]})
            resolution = resolve_address(address)
        else:
            raise ValidationError(
                {"address": [_("Give the address to resolve in ?address= (or old unit codes).")]}
            )
        return Response(ResolutionSerializer(resolution.as_dict()).data)
