"""Optimistic concurrency is mandatory in the API: every update says which version it edits.

A client sends the version it read either as ``If-Match: "<version>"`` (the ``ETag`` of the
record's GET) or as a ``version`` field in the body. Without either the update answers 428 with
what to send; with a stale one the service answers 409 listing what the other person changed.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response

_ETAG = re.compile(r'^\s*(?:W/)?"?(\d{1,10})"?\s*$')


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_code = "version_required"


def if_match_version(request: Request) -> int | None:
    """The version an ``If-Match`` header names, if it names one."""
    header = request.headers.get("If-Match", "")
    match = _ETAG.match(header)
    return int(match.group(1)) if match else None


class VersionedUpdateMixin:
    """For viewsets whose records carry ``version``: ETag on reads, version required on updates.

    The version from ``If-Match`` is handed to the serializer as its ``version`` field, so that
    ``perform_update`` passes it to the service (``expected_version``) either way.
    """

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response: Response = super().retrieve(request, *args, **kwargs)  # type: ignore[misc]
        version = (response.data or {}).get("version") if isinstance(response.data, dict) else None
        if version is not None:
            response["ETag"] = f'"{version}"'
        return response

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        header = if_match_version(request)
        body = request.data.get("version") if hasattr(request.data, "get") else None
        if header is None and body in (None, ""):
            raise PreconditionRequired(
                _(
                    "Say which version of the record you edited: send the header "
                    'If-Match: "<version>" (the ETag of its GET) or a "version" field.'
                )
            )
        self._if_match = header
        response: Response = super().update(request, *args, **kwargs)  # type: ignore[misc]
        if isinstance(response.data, dict) and response.data.get("version") is not None:
            response["ETag"] = f'"{response.data["version"]}"'
        return response

    def get_serializer(self, *args: Any, **kwargs: Any) -> Any:
        header = getattr(self, "_if_match", None)
        data: Any = kwargs.get("data")
        missing = data is not None and hasattr(data, "get") and data.get("version") in (None, "")
        if header is not None and missing:
            data = data.copy() if hasattr(data, "copy") else dict(data)
            data["version"] = header
            kwargs["data"] = data
        return super().get_serializer(*args, **kwargs)  # type: ignore[misc]
