"""Without an account: GET /api/v1/public/standards/?q= (the catalogue search)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from tdc.core.api.permissions import PublicRateThrottle
from tdc.standards.api.serializers import PublicStandardSerializer
from tdc.standards.choices import StandardKind, Status
from tdc.standards.selectors import public_search


class PublicStandardListView(ListAPIView[Any]):
    """The catalogue: folded search over number (written loosely), titles, ICS and scope; an
    exact designation first. Filters: kind, status today, ICS prefix, year."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [PublicRateThrottle]
    serializer_class = PublicStandardSerializer

    def get_queryset(self) -> Any:
        params = self.request.query_params
        year = str(params.get("year", ""))
        kind = str(params.get("kind", ""))
        status = str(params.get("status", ""))
        return public_search(
            query=str(params.get("q", ""))[:120],
            kind=kind if kind in StandardKind.values else "",
            status=status if status in Status.values else "",
            ics=str(params.get("ics", ""))[:9],
            year=int(year) if year.isdigit() and len(year) == 4 else None,
            on=timezone.localdate(),
        )

    @extend_schema(
        tags=["public"],
        operation_id="public_standards_list",
        parameters=[
            OpenApiParameter("q", str, description="Words or a number, accents optional."),
            OpenApiParameter("kind", str, enum=StandardKind.values),
            OpenApiParameter("status", str, enum=Status.values),
            OpenApiParameter("ics", str, description="An ICS code or its prefix, e.g. 29.020"),
            OpenApiParameter("year", int),
        ],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)
