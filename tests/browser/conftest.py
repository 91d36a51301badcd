"""Browser journeys: Chromium (Playwright) against pytest-django's live server."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

from tdc.testing.fixtures import client_for


class SerializedWSGIServer(ThreadedWSGIServer):
    """Handles one request at a time when the live server shares the test's in-memory SQLite
    connection: Chromium fires requests in parallel, and two threads interleaving transactions on
    one connection fail at random. (``scripts/test.sh`` runs these tests on a database file
    instead, ``TDC_TEST_SQLITE_ON_DISK=1``, where each thread has its own connection.)"""

    def set_app(self, application: Any) -> None:
        lock = threading.Lock()

        def serialized(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
            with lock:
                result = application(environ, start_response)
                try:
                    return list(result)
                finally:
                    if hasattr(result, "close"):
                        result.close()

        super().set_app(serialized)


@pytest.fixture(scope="session", autouse=True)
def _serialize_shared_connection_server() -> Iterator[None]:
    from django.db import connection

    original = LiveServerThread.server_class
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        LiveServerThread.server_class = SerializedWSGIServer
    yield
    LiveServerThread.server_class = original


@pytest.fixture
def new_page(browser: Any, live_server: Any) -> Iterator[Callable[..., Any]]:
    """Opens pages in fresh browser contexts pointed at the live server; closes them after."""
    contexts: list[Any] = []

    def open_page(*, width: int = 1280, height: int = 900, user: Any = None, **options: Any) -> Any:
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": height},
            accept_downloads=True,
            **options,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        if user is not None:
            session_key = client_for(user).cookies["sessionid"].value
            context.add_cookies(
                [{"name": "sessionid", "value": session_key, "url": live_server.url}]
            )
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
