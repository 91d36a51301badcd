"""Request-scoped middleware."""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

from tdc.core import submissions
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


class SubmitOnceMiddleware:
    """A form post carrying a one-time token (``tdc.core.submissions``) is processed once.

    The token is claimed before the view runs; a successful post (a redirect, or an HTMX
    ``HX-Location``) records where it led, and a repeat of the same token is sent there with a
    message instead of being processed again. A post that comes back with errors frees its token.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method != "POST"
            or request.path.startswith("/api/")
            or request.content_type not in _FORM_TYPES
        ):
            return self.get_response(request)
        token = submissions.token_of(request.POST)
        if token is None or "_validate" in request.POST:
            return self.get_response(request)
        earlier = submissions.claim(token)
        if earlier is not None:
            return _repeat(request, earlier.result_url)
        try:
            response = self.get_response(request)
        except BaseException:
            submissions.settle(token, None)
            raise
        location = (
            response.get("HX-Location")
            or response.get("HX-Redirect")
            or (response.get("Location") if response.status_code in (301, 302, 303) else None)
        )
        submissions.settle(token, location)
        return response


def _repeat(request: HttpRequest, url: str) -> HttpResponse:
    from django.contrib import messages
    from django.http import HttpResponseRedirect
    from django.shortcuts import render
    from django.utils.translation import gettext as _

    if not url:  # the first post is still being processed
        if getattr(request, "htmx", None):  # the first answer will update the page
            response = HttpResponse(status=204)
            response["HX-Reswap"] = "none"
            return response
        return render(request, "core/submission_pending.html", status=409)
    messages.info(
        request,
        _("This form had already been sent, so it was not processed again: here is its result."),
    )
    if getattr(request, "htmx", None):
        response = HttpResponse(status=204)
        response["HX-Location"] = url
        return response
    return HttpResponseRedirect(url)


_IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")
#: How long an idempotency key is remembered.
IDEMPOTENCY_KEEP_HOURS = 24


def _api_error(status: int, code: str, message: str) -> HttpResponse:
    from django.http import JsonResponse

    return JsonResponse({"error": {"code": code, "message": message, "fields": {}}}, status=status)


class IdempotencyKeyMiddleware:
    """API ``POST`` requests honour an ``Idempotency-Key`` header: the same key from the same
    caller (the same credentials) gets the first answer again, marked ``Idempotent-Replayed``,
    without creating a second record; the same key with a different request is refused (422),
    and one still being processed answers 409. Answers of 500 and above are not kept."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.headers.get("Idempotency-Key")
        if key is None or request.method != "POST" or not request.path.startswith("/api/"):
            return self.get_response(request)
        from django.db import IntegrityError, transaction
        from django.utils.translation import gettext as _

        from tdc.core.models import IdempotentRequest

        if not _IDEMPOTENCY_KEY.match(key):
            return _api_error(
                400,
                "invalid_idempotency_key",
                _("The Idempotency-Key header must be 1 to 255 visible ASCII characters."),
            )
        scope = hashlib.sha256(
            (
                request.headers.get("Authorization")
                or request.COOKIES.get("sessionid")
                or request.META.get("REMOTE_ADDR", "")
            ).encode()
        ).hexdigest()
        fingerprint = _fingerprint(request)
        if fingerprint is None:
            return self.get_response(request)
        try:
            with transaction.atomic():
                row = IdempotentRequest.objects.create(
                    scope=scope, key=key, fingerprint=fingerprint
                )
        except IntegrityError:
            earlier = IdempotentRequest.objects.filter(scope=scope, key=key).first()
            if earlier is None:  # removed in between: treat the request as new
                return self.get_response(request)
            if earlier.fingerprint != fingerprint:
                return _api_error(
                    422,
                    "idempotency_key_reused",
                    _("This Idempotency-Key was used for a different request; use a new key."),
                )
            if not earlier.completed:
                return _api_error(
                    409,
                    "request_in_progress",
                    _("A request with this Idempotency-Key is still being processed; retry later."),
                )
            replay = HttpResponse(
                bytes(earlier.body), status=earlier.status_code, content_type=earlier.content_type
            )
            replay["Idempotent-Replayed"] = "true"
            return replay
        response = self.get_response(request)
        if response.status_code >= 500 or getattr(response, "streaming", False):
            row.delete()
            return response
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()
        IdempotentRequest.objects.filter(pk=row.pk).update(
            completed=True,
            status_code=response.status_code,
            content_type=response.get("Content-Type", ""),
            body=response.content,
        )
        return response


def _fingerprint(request: HttpRequest) -> str | None:
    """What makes two requests the same: method, path, query and body (for uploads: their
    declared type and length, not the file read into memory)."""
    from django.core.exceptions import RequestDataTooBig

    digest = hashlib.sha256(f"{request.method} {request.get_full_path()}".encode())
    if request.content_type == "multipart/form-data":
        digest.update(request.META.get("CONTENT_LENGTH", "").encode())
        return digest.hexdigest()
    try:
        digest.update(request.body)
    except RequestDataTooBig:  # the API's parser answers it with 413 in the error shape
        return None
    return digest.hexdigest()


class InterfaceLanguageMiddleware(LocaleMiddleware):
    """The screens speak Vietnamese whatever the browser asks for; English only when the user
    picks it with the language switcher (its cookie). The API keeps following
    ``Accept-Language``, as API clients expect (``tests/test_api_language.py``)."""

    def process_request(self, request: HttpRequest) -> None:
        if request.path_info.startswith("/api/"):
            super().process_request(request)
            return
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = settings.LANGUAGE_CODE
        if chosen:
            try:
                language = translation.get_supported_language_variant(chosen)
            except LookupError:
                language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        response = super().process_response(request, response)
        if not request.path_info.startswith("/api/"):
            # The page no longer depends on Accept-Language, only on the cookie.
            vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
            kept = [v for v in vary if v.lower() != "accept-language"]
            if kept != vary:
                if kept:
                    response["Vary"] = ", ".join(kept)
                else:
                    del response["Vary"]
            patch_vary_headers(response, ("Cookie",))
        return response
