"""Error pages in the site's layout that say, in the user's language, why and what to do next.

400, 403 and 404 are rendered with the request (the menu, the user's way back). 500 and its
fall-backs render with a plain context: no database, no context processor, nothing that can fail
again while the error is being reported.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseRedirect,
    HttpResponseServerError,
)
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from tdc.core.denials import explain

logger = logging.getLogger(__name__)


def _plain_context(request: HttpRequest | None) -> dict[str, Any]:
    """What an error page may know without the database: whether the browser holds a session
    (so the likely way back is the dashboard) and the request id to quote to an administrator."""
    cookies = getattr(request, "COOKIES", {}) or {}
    return {
        "maybe_signed_in": settings.SESSION_COOKIE_NAME in cookies,
        "request_id": getattr(request, "request_id", ""),
        "plain": True,
    }


def _render(
    request: HttpRequest, template_name: str, status_class: type[HttpResponse], **extra: Any
) -> HttpResponse:
    template = loader.get_template(template_name)
    try:
        body = template.render({"exception_text": "", **extra}, request)
    except Exception:  # a failing context processor must not hide the error page itself
        logger.exception("error page %s rendered without the request context", template_name)
        body = template.render({**_plain_context(request), **extra})
    return status_class(body)


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _render(request, "400.html", HttpResponseBadRequest)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    try:
        denial = explain(request, exception)
    except Exception:  # the explanation is a courtesy; the refusal itself must stand
        logger.exception("could not explain a refusal")
        denial = None
    return _render(request, "403.html", HttpResponseForbidden, denial=denial)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _render(request, "404.html", HttpResponseNotFound)


def server_error(request: HttpRequest) -> HttpResponse:
    body = loader.get_template("500.html").render(_plain_context(request))
    return HttpResponseServerError(body)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    body = loader.get_template("403_csrf.html").render(_plain_context(request))
    return HttpResponseForbidden(body)


def favicon(request: HttpRequest) -> HttpResponse:
    """``/favicon.ico``, asked for by browsers and bookmarks whatever the page links to."""
    response = HttpResponseRedirect(staticfiles_storage.url("tdc/icons/favicon.ico"))
    response["Cache-Control"] = "public, max-age=86400"
    return response
