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
