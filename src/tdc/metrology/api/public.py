"""GET /api/v1/public/certificates/<code>/: a certificate's current status, without an account.

The QR code of every certificate leads here, so this is the most requested public endpoint. It
answers from one indexed read (unique ``public_code``) per request, never from a cache, so a
revocation or suspension shows on the next request; what it skips is the framework work that
an anonymous read of one row does not need (docs/benchmarks.md, ``http``): no session or
authentication, no content negotiation, no serializer instances, and the SQL of the read is
compiled once per process instead of on every request.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.fields import DateTimeField
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tdc.core.api.permissions import PublicRateThrottle
from tdc.core.api.schema import ErrorSerializer
from tdc.metrology.models import Certificate, public_status
from tdc.metrology.selectors import MAX_CODE_LENGTH, PUBLIC_CERTIFICATE

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


@functools.cache
def _lookup_sql(vendor: str) -> str:
    """The SQL of ``Certificate.objects.filter(public_code=…).values_list(…)`` (one indexed
    read joined to the issuing organisation), compiled once per process and database."""
    lookups = (field for _, field in PUBLIC_CERTIFICATE)
    query = Certificate.objects.filter(public_code="?").values_list(*lookups).query
    sql, params = query.sql_with_params()
    if params != ("?",):  # pragma: no cover - the query has exactly one parameter
        raise RuntimeError("The public certificate query must take only the code.")
    return str(sql)


def _as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _as_datetime(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = parse_datetime(str(value))
    if value is not None and settings.USE_TZ and timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    return value


def public_certificate_read(code: str, today: dt.date | None = None) -> dict[str, Any] | None:
    """What the public sees of the certificate with this code, with its status as of ``today``,
    read fresh from the database (one query); None when no certificate has the code."""
    if not code or len(code) > MAX_CODE_LENGTH:
        return None
    with connection.cursor() as cursor:
        cursor.execute(_lookup_sql(connection.vendor), [code])
        row = cursor.fetchone()
    if row is None:
        return None
    data = dict(zip((key for key, _ in PUBLIC_CERTIFICATE), row, strict=True))
    data["verified_on"] = _as_date(data["verified_on"])
    data["valid_until"] = _as_date(data["valid_until"])
    data["status_changed_at"] = _as_datetime(data["status_changed_at"])
    data["status"] = public_status(
        data["status"], data["valid_until"], today or timezone.localdate()
    )
    return data


def _json(data: dict[str, Any]) -> dict[str, Any]:
    """The documented schema: dates as ISO 8601, the status change as DRF writes datetimes."""
    body = dict(data)
    for key in ("verified_on", "valid_until"):
        if body[key] is not None:
            body[key] = body[key].isoformat()
    if body["status_changed_at"] is not None:
        body["status_changed_at"] = DateTimeField().to_representation(body["status_changed_at"])
    return body


class _ThrottleSubject:
    """What the public throttle reads of a request: the client's address, never a session."""

    user = None

    def __init__(self, request: HttpRequest) -> None:
        self.META = request.META
        self.headers = request.headers


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def _error(status: int, code: str, message: str) -> HttpResponse:
    return JsonResponse({"error": {"code": code, "message": message, "fields": {}}}, status=status)


class PublicCertificateView(APIView):
    """A verification certificate by the code in its QR: owner, instrument, serial,
    organisation, dates and the current status. Never cached."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [PublicRateThrottle]
    http_method_names = ["get", "head", "options"]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        """GET and HEAD answered directly (see the module); OPTIONS as DRF answers it."""
        if request.method not in ("GET", "HEAD"):
            return super().dispatch(request, *args, **kwargs)
        throttle = PublicRateThrottle()
        if not throttle.allow_request(_ThrottleSubject(request), self):
            wait = math.ceil(throttle.wait() or 1)
            response = _error(
                429,
                "throttled",
                _("Too many requests from your address; try again in {seconds} s.").format(
                    seconds=wait
                ),
            )
            response["Retry-After"] = str(wait)
            return response
        data = public_certificate_read(str(kwargs.get("code", "")))
        if data is None:
            return _no_store(
                _error(
                    404,
                    "not_found",
                    _("No verification certificate has this code; scan the QR code again."),
                )
            )
        return _no_store(
            JsonResponse(
                _json(data), json_dumps_params={"ensure_ascii": False, "separators": (",", ":")}
            )
        )

    @extend_schema(
        operation_id="public_certificate_retrieve",
        responses={
            200: PublicCertificateSerializer,
            404: OpenApiResponse(ErrorSerializer, description="No certificate has this code."),
        },
    )
    def get(self, request: Request, code: str) -> Response:  # pragma: no cover - see dispatch
        """Documents the answer for the schema; requests are answered by :meth:`dispatch`."""
        data = public_certificate_read(code)
        if data is None:
            return Response(status=404)
        return Response(PublicCertificateSerializer(data).data)
