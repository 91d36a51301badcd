"""One error body for the whole API: ``{"error": {"code", "message", "fields"}}``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from tdc.core.exceptions import ConcurrentEditError


def _flatten(detail: Any) -> Any:
    if isinstance(detail, list):
        return [str(item) for item in detail]
    if isinstance(detail, dict):
        return {key: _flatten(value) for key, value in detail.items()}
    return [str(detail)]


def _dotted(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """Field errors as one list of messages per dotted path ("photos.0", "tare.values").

    Nested serializers and list fields report errors as nested dicts and lists; the error body
    documents ``fields`` as a flat mapping of field path to messages.
    """
    if isinstance(detail, dict):
        flat: dict[str, list[str]] = {}
        for key, value in detail.items():
            flat.update(_dotted(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        flat = {}
        for index, item in enumerate(detail):
            if item:
                flat.update(_dotted(item, f"{prefix}.{index}" if prefix else str(index)))
        return flat
    items = detail if isinstance(detail, list) else [detail]
    return {prefix or "non_field_errors": [str(item) for item in items]}


def _is_number_out_of_range(exc: Exception) -> bool:
    """SQLite refuses integers beyond 64 bits (OverflowError); PostgreSQL says so (22003)."""
    if isinstance(exc, OverflowError):
        return True
    cause = exc.__cause__
    return isinstance(exc, DataError) and getattr(cause, "sqlstate", None) == "22003"


def _as_api_exception(exc: Exception) -> Exception:
    """Django's own errors, and out-of-range numbers, as the matching DRF exceptions."""
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(
            detail=exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        )
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    if _is_number_out_of_range(exc):
        # e.g. ?organisation=1e30: a filter or lookup value no database column can hold.
        return exceptions.ValidationError(
            detail=[_("A number in the request is too large: check the values and send again.")]
        )
    return exc


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ConcurrentEditError):
        changed = {
            change.field: [
                _("{who} changed it to “{value}” on {when}.").format(
                    who=change.by, value=change.value, when=f"{change.at:%d/%m/%Y %H:%M}"
                )
            ]
            for change in exc.changes
        }
        conflict = Response(
            {"error": {"code": "conflict", "message": str(exc.messages[0]), "fields": changed}},
            status=status.HTTP_409_CONFLICT,
        )
        conflict["ETag"] = f'"{exc.current_version}"'
        return conflict
    exc = _as_api_exception(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    fields: dict[str, Any] = {}
    if isinstance(exc, exceptions.ValidationError):
        code = "invalid"
        message = _("Some values are not valid: correct the fields listed and send again.")
        detail = exc.detail
        if isinstance(detail, dict):
            fields = _dotted(
                {key: value for key, value in detail.items() if key != "non_field_errors"}
            )
            if "non_field_errors" in detail:
                message = " ".join(_flatten(detail["non_field_errors"]))
        else:
            message = " ".join(_flatten(detail))
    elif isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else "error"
        message = str(exc.detail)
    else:  # pragma: no cover - drf only handles APIException subclasses
        code, message = "error", str(exc)
    response.data = {"error": {"code": code, "message": message, "fields": fields}}
    return response


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """``handler404``: an unknown address under /api/ answers the API error body."""
    if request.path.startswith("/api/"):
        message = _("No such address in the API: check the path against /api/v1/schema/.")
        return JsonResponse(
            {"error": {"code": "not_found", "message": message, "fields": {}}}, status=404
        )
    from tdc.core.views.errors import page_not_found as screen_not_found

    return screen_not_found(request, exception)
