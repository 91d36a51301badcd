"""Browser journeys: Chromium (Playwright) against pytest-django's live server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tdc.testing.fixtures import client_for


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
