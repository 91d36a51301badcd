"""Test harness shared by every app: reference data once per database, personas, browser."""

from __future__ import annotations

import os

import pytest

pytest_plugins = ["tdc.testing.fixtures"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    on_postgres = os.environ.get("TDC_TEST_POSTGRES") == "1"
    skip_pg = pytest.mark.skip(
        reason="needs PostgreSQL (run by `make test` in its PostgreSQL pass)"
    )
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip_pg)


@pytest.fixture(autouse=True)
def _test_language(request: pytest.FixtureRequest, settings: object) -> object:
    """Tests read messages in English unless marked ``vietnamese``.

    The product defaults to Vietnamese (LANGUAGE_CODE = "vi"); tests that check the Vietnamese
    interface say so with ``@pytest.mark.vietnamese``, the rest assert on the English message ids.
    """
    from django.utils import translation

    language = "vi" if request.node.get_closest_marker("vietnamese") else "en"
    settings.LANGUAGE_CODE = language  # type: ignore[attr-defined]
    with translation.override(language):
        yield
