"""Request-scoped middleware."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, QueryDict

from tdc.core.context import client_ip_var, request_id_var
from tdc.core.text import nfc_query_dict

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Gives every request an id (or keeps a sane ``X-Request-ID``) for the audit trail and logs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = request_id_var.set(request_id)
        ip_token = client_ip_var.set(request.META.get("REMOTE_ADDR"))
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
            client_ip_var.reset(ip_token)
        response["X-Request-ID"] = request_id
        return response


_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _all_ascii(data: QueryDict) -> bool:
    return all(
        key.isascii() and all(not isinstance(v, str) or v.isascii() for v in values)
        for key, values in data.lists()
    )


class TextNormalisationMiddleware:
    """Every text a screen receives (query string and form fields) in Unicode NFC, so that the
    same Vietnamese word typed on two devices is one value for uniqueness and search. The API
    normalises in its parsers (``tdc.core.api.parsers``), imports in ``as_text``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.GET and not _all_ascii(request.GET):
            request.GET = nfc_query_dict(request.GET)  # type: ignore[assignment]
        if (
            request.method == "POST"
            and not request.path.startswith("/api/")
            and request.content_type in _FORM_TYPES
            and not _all_ascii(request.POST)
        ):
            request.POST = nfc_query_dict(request.POST)  # type: ignore[assignment]
        return self.get_response(request)
