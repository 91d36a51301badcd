"""Without an account: GET /api/v1/public/warnings/ (published quality warnings) and
GET /api/v1/public/declarations/?q= (declarations with a valid receipt notice)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tdc.core.api.permissions import PublicRateThrottle
from tdc.quality.api.serializers import PublicWarningSerializer
from tdc.quality.models import Declaration
from tdc.quality.selectors import declaration_public_lookup, warning_public_list


class PublicWarningListView(ListAPIView[Any]):
    """Published quality warnings, newest first (product, brand, batch, GTIN, hazard, measure,
    source)."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [PublicRateThrottle]
    serializer_class = PublicWarningSerializer

    def get_queryset(self) -> Any:
        return warning_public_list(on=timezone.localdate())

    @extend_schema(tags=["public"], operation_id="public_warnings_list")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class PublicDeclarationSerializer(serializers.ModelSerializer[Declaration]):
    declarant = serializers.CharField(source="declarant.name")
    tax_code = serializers.CharField(source="declarant.tax_code", allow_null=True)

    class Meta:
        model = Declaration
        fields = [
            "receipt_number",
            "declarant",
            "tax_code",
            "product",
            "brand",
            "model_type",
            "qcvn",
            "kind",
            "accepted_on",
            "valid_until",
        ]
        read_only_fields = fields


class PublicDeclarationLookupView(APIView):
    """Declarations with a receipt notice valid today, by company, tax code, product, brand,
    QCVN or receipt number (at least 3 characters)."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [PublicRateThrottle]

    @extend_schema(
        tags=["public"],
        operation_id="public_declarations_lookup",
        parameters=[OpenApiParameter("q", str, description="At least 3 characters.")],
        responses={200: PublicDeclarationSerializer(many=True)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        query = str(request.query_params.get("q", ""))[:100]
        rows = declaration_public_lookup(query=query, on=timezone.localdate())
        return Response(PublicDeclarationSerializer(rows, many=True).data)
