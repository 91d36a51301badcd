"""A provincial officer signs in with a password, enrols TOTP, and reaches the dashboard."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tdc.registry.choices import OrganisationKind
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory, make_user
from tdc.testing.fixtures import publish_screenshot

pytestmark = pytest.mark.browser

PASSWORD = "Mật-khẩu-thử-123"  # noqa: S105 - what make_user sets


def _current_code(secret: str) -> str:
    """The six digits an authenticator app would show for ``secret`` (base32) right now."""
    key = base64.b32decode(secret)
    return f"{totp(key, step=30, t0=0, digits=6):06d}"


def _seed_jurisdiction(officer: Any) -> None:
    from tdc.registry import services

    kinds = [
        OrganisationKind.ENTERPRISE,
        OrganisationKind.ENTERPRISE,
        OrganisationKind.ENTERPRISE,
        OrganisationKind.HOUSEHOLD,
        OrganisationKind.HOUSEHOLD,
        OrganisationKind.TESTING_LAB,
        OrganisationKind.VERIFICATION_ORG,
    ]
    for kind in kinds:
        OrganisationFactory(kind=kind, province_id=PROVINCE_A, commune_id=COMMUNE_A)
    from tdc.places.models import Commune, Province

    services.organisation_create(
        by=officer,
        kind=OrganisationKind.ENTERPRISE,
        name="Công ty Cổ phần Cân Điện tử Tây Ninh",
        province=Province.objects.get(pk=PROVINCE_A),
        commune=Commune.objects.get(pk=COMMUNE_A),
        address="Số 12 đường 30 tháng 4",
    )


@pytest.mark.vietnamese  # the sign-in page is Vietnamese by default
def test_it_signs_in_an_officer_with_totp_enrolment_and_shows_the_dashboard(
    new_page: Any, screenshot_dir: Path
) -> None:
    officer = make_user(
        "provincial_officer",
        province_id=PROVINCE_A,
        username="nguyen.van.an",
        first_name="An",
        last_name="Nguyễn Văn",
    )
    _seed_jurisdiction(officer)
    page = new_page(locale="vi-VN")

    page.goto("/tai-khoan/dang-nhap/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.locator("#id_username").fill("nguyen.van.an")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.card button[type=submit]").click()

    page.wait_for_url("**/tai-khoan/xac-thuc-2-buoc/**")
    secret = page.get_by_test_id("totp-secret").inner_text().strip()
    # A code of the current 30 s step; the device accepts one step of drift (django-otp's default
    # tolerance), so a step that ends while the form is sent does not fail the sign-in.
    page.locator("input[name=token]").fill(_current_code(secret))
    page.locator("form.card button[type=submit]").click()

    page.wait_for_url(lambda url: url.rstrip("/").count("/") == 2)  # the dashboard is "/"
    expect(page.get_by_test_id("current-user")).to_contain_text("Nguyễn Văn")
    expect(page.get_by_test_id("org-total")).to_have_text("8")
    from django_otp.plugins.otp_totp.models import TOTPDevice

    assert TOTPDevice.objects.filter(user=officer, confirmed=True).count() == 1

    for width, height in ((1280, 900), (360, 780)):
        page.set_viewport_size({"width": width, "height": height})
        # The chart has redrawn for the new width.
        page.wait_for_function(
            "w => document.querySelector('canvas[data-chart=org-chart-data]')"
            ".getBoundingClientRect().right <= w",
            arg=width,
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (
            f"the dashboard scrolls sideways at {width} px"
        )
        shot = screenshot_dir / f"dashboard-{width}.png"
        page.screenshot(path=str(shot), full_page=True)
        publish_screenshot(shot)

    # On a phone the navigation folds behind the menu button and unfolds on a tap.
    menu = page.locator("#nav-main")
    expect(menu).to_be_hidden()
    page.locator(".navbar-toggler").click()
    expect(menu).to_be_visible()
    expect(menu).to_have_class(re.compile(r"\bshow\b"))  # the collapse animation has ended
    shot = screenshot_dir / "dashboard-360-menu.png"
    page.screenshot(path=str(shot))
    publish_screenshot(shot)
