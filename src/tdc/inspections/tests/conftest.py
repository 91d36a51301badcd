"""Personas of the inspections tests: an officer and a leader of province A, signed in."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import HttpResponse
from django.test import Client

from tdc.inspections.tests.factories import OfficerFactory
from tdc.testing.factories import PROVINCE_A, make_user
from tdc.testing.fixtures import client_for


@pytest.fixture
def officer(db: None) -> Any:
    """A provincial officer of province A (plans, field work, decisions)."""
    return OfficerFactory()


@pytest.fixture
def leader(db: None) -> Any:
    """A provincial leader of province A (approves plans)."""
    return make_user("provincial_leader", province_id=PROVINCE_A)


@pytest.fixture
def web(officer: Any) -> Client:
    """The officer's browser."""
    return client_for(officer)


def said(response: HttpResponse) -> list[str]:
    """The messages shown on the page a step led to (the response of ``post(…, follow=True)``)."""
    return [str(message) for message in response.context["messages"]]  # type: ignore[attr-defined]
