"""pytest fixtures: reference data, personas by role and jurisdiction, API clients, browser."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tdc.testing.factories import (
    COMMUNE_A,
    COMMUNE_A2,
    COMMUNE_B,
    PROVINCE_A,
    PROVINCE_B,
    OrganisationFactory,
    make_user,
)

CHROMIUM = os.environ.get("TDC_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("TDC_TEST_ARTIFACTS", "test-artifacts"))


def _reseed_migration_data() -> None:
    """Re-run the idempotent ``seed`` functions of the data migrations (number series,
    notification templates…): a transactional test's flush empties their tables too."""
    import importlib
    import pkgutil

    from django.apps import apps

    for config in apps.get_app_configs():
        if not config.name.startswith("tdc."):
            continue
        try:
            package = importlib.import_module(f"{config.name}.migrations")
        except ModuleNotFoundError:
            continue
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            seed = getattr(module, "seed", None)
            if callable(seed):
                seed(apps, None)


def _ensure_reference_data() -> None:
    from tdc.places.models import Province

    if not Province.objects.exists():
        from django.core.management import call_command

        call_command("load_reference", stdout=open(os.devnull, "w"))  # noqa: SIM115
        _reseed_migration_data()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """Load reference data once per test database (tests roll back on top of it)."""
    with django_db_blocker.unblock():
        _ensure_reference_data()


@pytest.fixture(autouse=True)
def _reference_after_flush(request: pytest.FixtureRequest) -> None:
    """Transactional tests flush the database; put the reference data back for them."""
    names = set(request.fixturenames)
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction"))
    if transactional or names & {"transactional_db", "live_server"}:
        request.getfixturevalue("transactional_db")
        _ensure_reference_data()


@pytest.fixture
def places(db: None) -> dict[str, Any]:
    from tdc.places.models import Commune, Province

    return {
        "province_a": Province.objects.get(pk=PROVINCE_A),
        "province_b": Province.objects.get(pk=PROVINCE_B),
        "commune_a": Commune.objects.get(pk=COMMUNE_A),
        "commune_a2": Commune.objects.get(pk=COMMUNE_A2),
        "commune_b": Commune.objects.get(pk=COMMUNE_B),
    }


@pytest.fixture
def user_factory(db: None) -> Callable[..., Any]:
    return make_user


@pytest.fixture
def org_a(db: None) -> Any:
    return OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)


@pytest.fixture
def org_b(db: None) -> Any:
    return OrganisationFactory(province_id=PROVINCE_B, commune_id=COMMUNE_B)


@pytest.fixture
def officer_a(db: None) -> Any:
    return make_user("provincial_officer", province_id=PROVINCE_A)


@pytest.fixture
def admin_user(db: None) -> Any:
    return make_user("system_admin")


def client_for(user: Any) -> Client:
    """A browser-like client signed in as ``user`` with the second factor passed."""
    client = Client()
    client.force_login(user)
    if getattr(user, "is_staff_role", False):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(
            user=user, name="test", confirmed=True
        )
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


def api_token_for(user: Any) -> str:
    """The key of an API token of ``user`` (one per user and test, issued on first use)."""
    from tdc.accounts.services import api_token_issue

    cached = getattr(user, "_test_api_key", None)
    if cached is None:
        cached = api_token_issue(user=user, by=None)
        user._test_api_key = cached
    return str(cached)


def api_client_for(user: Any) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")
    return client


@pytest.fixture
def officer_client(officer_a: Any) -> Client:
    return client_for(officer_a)


@pytest.fixture
def admin_client_tdc(admin_user: Any) -> Client:
    return client_for(admin_user)


# --- Browser ----------------------------------------------------------------------------------


@pytest.fixture
def wsgi_keeps_test_connection() -> Iterator[None]:
    """For tests that call the WSGI application directly (schemathesis): its request signals
    would close the database connection the test transaction lives on (PostgreSQL, an SQLite
    file). Django's test client disconnects them the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which(CHROMIUM) or (CHROMIUM if Path(CHROMIUM).exists() else None)
    if path is None:
        message = (
            f"Chromium not found at {CHROMIUM}; install Debian's package: apt-get install chromium"
        )
        if os.environ.get("TDC_REQUIRE_BROWSER") == "1":
            pytest.fail(message + " (TDC_REQUIRE_BROWSER=1)")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=chromium_path,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def screenshot_dir() -> Path:
    path = ARTIFACTS / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


DOCS_SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


def publish_screenshot(shot: Path) -> None:
    """Copy a screenshot into docs/screenshots when ``TDC_UPDATE_DOC_SCREENSHOTS=1``.

    Every browser run saves its screenshots under test-artifacts/; refreshing the committed
    pictures in the docs is a deliberate act, so ``make test`` leaves the work tree clean.
    """
    if os.environ.get("TDC_UPDATE_DOC_SCREENSHOTS") == "1":
        DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, DOCS_SCREENSHOTS / shot.name)
