"""Request parsing that never fails with a server error: malformed, oversized or too deeply
nested JSON and undecodable bytes answer 400 or 413 in the API's error shape."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.parsers import DataAndFiles, FormParser, JSONParser, MultiPartParser

from tdc.core.text import nfc_deep, nfc_query_dict


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


def _depth(value: Any) -> int:
    """How deeply lists and objects nest in a parsed document (iteratively: no recursion)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in node.values())
        elif isinstance(node, list):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in node)
    return deepest


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)


class SafeJSONParser(JSONParser):
    """JSON bodies within ``TDC_API_MAX_BODY_BYTES`` and ``TDC_API_MAX_JSON_DEPTH``, in UTF-8,
    without ``NaN`` or ``Infinity``."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        limit = settings.TDC_API_MAX_BODY_BYTES
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise RequestTooLarge(
                _("The request body is larger than {limit} bytes; send less data at once.").format(
                    limit=limit
                )
            )
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise exceptions.ParseError(
                _("The request body is not UTF-8 text; send JSON encoded in UTF-8.")
            ) from None
        try:
            data = json.loads(text, parse_constant=_refuse_constant)
        except RecursionError:
            data = None
            too_deep = True
        except ValueError as exc:
            raise exceptions.ParseError(
                _("The request body is not valid JSON ({error}); check its syntax.").format(
                    error=str(exc)[:120]
                )
            ) from None
        else:
            too_deep = _depth(data) > settings.TDC_API_MAX_JSON_DEPTH
        if too_deep:
            raise exceptions.ParseError(
                _("The JSON in the request nests more than {depth} levels; flatten it.").format(
                    depth=settings.TDC_API_MAX_JSON_DEPTH
                )
            )
        return nfc_deep(data)


class NFCFormParser(FormParser):
    """URL-encoded forms with their text in NFC."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        return nfc_query_dict(super().parse(stream, media_type, parser_context))


class NFCMultiPartParser(MultiPartParser):
    """Multipart forms (with files) with their text in NFC."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        parsed = super().parse(stream, media_type, parser_context)
        return DataAndFiles(nfc_query_dict(parsed.data), parsed.files)
