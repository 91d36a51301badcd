"""Public reference lists served from memory: serialized once per worker, revalidated on a timer.

Reference data (provinces, regulation tables) changes only through ``tdc load_reference``, which
runs in its own process at deployment. Serializing the same 34 provinces on every request spent
most of the public endpoint's time in DRF serializers (docs/adr/0007). A :class:`CachedJSON`
keeps the rendered bytes and their ETag (the SHA-256 of the bytes, i.e. a data version) in the
worker; every ``TDC_REFERENCE_CACHE_SECONDS`` (default 60; 0 turns the cache off) the first
request after expiry reads the rows again, and the ETag changes only when the data did.
:func:`invalidate_all` drops every entry of this process at once (loaders and tests).

Responses carry ``ETag`` and ``Cache-Control: public, max-age=<seconds>``; a request whose
``If-None-Match`` names the current ETag gets ``304 Not Modified`` without a body.
"""

from __future__ import annotations

import hashlib
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request

_ALL: weakref.WeakSet[CachedJSON] = weakref.WeakSet()


@dataclass(frozen=True)
class Entry:
    body: bytes
    etag: str
    built_at: float


class CachedJSON:
    """The JSON rendering of ``build()``, kept per process for ``TDC_REFERENCE_CACHE_SECONDS``."""

    def __init__(self, build: Callable[[], Any]) -> None:
        self._build = build
        self._entry: Entry | None = None
        self._lock = threading.Lock()
        _ALL.add(self)

    @staticmethod
    def ttl() -> float:
        return float(getattr(settings, "TDC_REFERENCE_CACHE_SECONDS", 60))

    def get(self) -> Entry:
        ttl = self.ttl()
        entry = self._entry
        if entry is not None and time.monotonic() - entry.built_at < ttl:
            return entry
        with self._lock:
            entry = self._entry
            if entry is None or time.monotonic() - entry.built_at >= ttl:
                body = JSONRenderer().render(self._build())
                etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
                entry = Entry(body, etag, time.monotonic())
                if ttl > 0:
                    self._entry = entry
            return entry

    def invalidate(self) -> None:
        self._entry = None

    def response(self, request: HttpRequest | Request) -> HttpResponse:
        """200 with the body, or 304 when the client already holds this version."""
        entry = self.get()
        cache_control = f"public, max-age={int(self.ttl())}"
        if entry.etag in _etags(request.headers.get("If-None-Match", "")):
            response: HttpResponse = HttpResponseNotModified()
        else:
            response = HttpResponse(entry.body, content_type="application/json")
        response["ETag"] = entry.etag
        response["Cache-Control"] = cache_control
        return response


def _etags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def invalidate_all() -> None:
    """Forget every cached reference list of this process (after loading reference data)."""
    for cached in list(_ALL):
        cached.invalidate()
