"""GET /api/v1/public/certificates/<code>/: a certificate's current status, without an account."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tdc.core.api.permissions import PublicRateThrottle
from tdc.core.api.schema import ErrorSerializer
from tdc.metrology.selectors_verification import certificate_public_get, public_certificate_data

PUBLIC_STATUSES = ("valid", "expired", "suspended", "revoked")


class PublicCertificateSerializer(serializers.Serializer[Any]):
    """What anyone may see of a verification certificate (nothing about the verifier)."""

    number = serializers.CharField()
    code = serializers.CharField()
    status = serializers.ChoiceField(
        choices=PUBLIC_STATUSES,
        help_text="valid; expired (past valid_until); suspended or revoked (see status_reason).",
    )
    status_reason = serializers.CharField(allow_blank=True)
    status_changed_at = serializers.DateTimeField(allow_null=True)
    owner = serializers.CharField()
    instrument_type = serializers.CharField()
    model = serializers.CharField(allow_blank=True)
    manufacturer = serializers.CharField(allow_blank=True)
    serial_number = serializers.CharField()
    organisation = serializers.CharField()
    verified_on = serializers.DateField()
    valid_until = serializers.DateField(allow_null=True)


class PublicCertificateView(APIView):
    """A verification certificate by the code in its QR: owner, instrument, serial,
    organisation, dates and the current status. Never cached."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [PublicRateThrottle]

    @extend_schema(
        operation_id="public_certificate_retrieve",
        responses={
            200: PublicCertificateSerializer,
            404: OpenApiResponse(ErrorSerializer, description="No certificate has this code."),
        },
    )
    def get(self, request: Request, code: str) -> Response:
        certificate = certificate_public_get(code)
        if certificate is None:
            raise NotFound("No verification certificate has this code; scan the QR code again.")
        data = public_certificate_data(certificate, timezone.localdate())
        response = Response(PublicCertificateSerializer(data).data)
        response["Cache-Control"] = "no-store"
        return response
