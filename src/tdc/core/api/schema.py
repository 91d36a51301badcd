"""OpenAPI schema: the shared error body, documented on every operation that can answer it.

Every error the API returns has the shape ``{"error": {"code", "message", "fields"}}``
(:mod:`tdc.core.api.errors`). :class:`TdcAutoSchema` adds those answers to each operation, so the
schema tells clients the truth about 400, 401, 403, 404, 409 and 429 without every view having
to repeat ``extend_schema``.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.permissions import AllowAny

from tdc.core.api.permissions import PublicRateThrottle


class ErrorDetailSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(
        help_text="Machine-readable reason: invalid, not_found, conflict, permission_denied, …"
    )
    message = serializers.CharField(help_text="What went wrong and what to do, in the UI language.")
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages per request field (empty unless code is 'invalid').",
    )


class ErrorSerializer(serializers.Serializer[Any]):
    """The one error body of the API."""

    error = ErrorDetailSerializer()


_DESCRIPTIONS = {
    "400": "The request is not valid: see error.fields.",
    "401": "No valid credentials: send 'Authorization: Token <key>'.",
    "403": "The caller's role may not do this.",
    "404": "No such record within the caller's jurisdiction (or no such page).",
    "409": "The record was changed by someone else: reload it and apply the change again.",
    "413": "The request body is larger than the API accepts: send less data at once.",
    "415": "The body's content type is not accepted: send application/json.",
    "428": "Say which version you edited: an If-Match header (the record's ETag) or 'version'.",
    "429": "Too many requests: wait and try again.",
}

_WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def _untangle_one_of(node: Any) -> None:
    """``oneOf`` with an "anything" branch (``{}``) matches a value twice: make it ``anyOf``.

    drf-spectacular describes a nullable JSON field as ``oneOf: [{}, {"type": "null"}]``, which
    no value can satisfy exactly once; ``anyOf`` says what is meant.
    """
    if isinstance(node, dict):
        branches = node.get("oneOf")
        if isinstance(branches, list) and any(branch == {} for branch in branches):
            node["anyOf"] = node.pop("oneOf")
        for value in node.values():
            _untangle_one_of(value)
    elif isinstance(node, list):
        for value in node:
            _untangle_one_of(value)


def postprocess_schema(result: dict[str, Any], generator: Any, request: Any, public: bool) -> Any:
    """drf-spectacular postprocessing hook (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"])."""
    _untangle_one_of(result)
    return result


class TdcAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema plus the error answers each operation can give."""

    def _error_codes(self) -> list[str]:
        method = self.method.upper()
        view = self.view
        public = any(isinstance(p, AllowAny) for p in view.get_permissions())
        codes = ["401"]  # a wrong or expired token is refused even on public operations
        if not public:
            codes.append("403")
        has_filters = bool(
            getattr(view, "filterset_class", None) or getattr(view, "filterset_fields", None)
        )
        if method in _WRITE_METHODS or (method == "GET" and has_filters):
            codes.append("400")
        if "{" in self.path or method in _WRITE_METHODS or self._is_list_view():
            # A record (or a record referred to) outside the caller's jurisdiction, or a page
            # number past the end of a list.
            codes.append("404")
        if method in _WRITE_METHODS - {"DELETE"}:
            codes += ["413", "415"]
        if method in {"PUT", "PATCH"}:
            codes += ["409", "428"]
        if any(isinstance(t, PublicRateThrottle) for t in view.get_throttles()):
            codes.append("429")
        return codes

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        for code in self._error_codes():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(response=ErrorSerializer, description=_DESCRIPTIONS[code]),
                    code,
                    direction=direction,
                )
        return responses
