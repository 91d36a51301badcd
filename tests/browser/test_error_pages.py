"""The error pages and the public look-up index at 1280 and 360 px: readable, inside the
screen, with the way back visible; screenshots refreshed in docs/screenshots/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tdc.core.modules import public_lookups
from tdc.testing.factories import PROVINCE_A, make_user

pytestmark = [pytest.mark.browser, pytest.mark.vietnamese]

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SIZES = {"1280": {"width": 1280, "height": 900}, "360": {"width": 360, "height": 740}}


def _in(language: str, message: str) -> str:
    with translation.override(language):
        return translation.gettext(message)


def _inside(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.evaluate("document.documentElement.clientWidth"), width


@pytest.mark.parametrize("size", list(SIZES))
def test_a_visitor_with_an_english_browser_gets_a_vietnamese_404_and_finds_the_lookups(
    size: str, new_page: Any
) -> None:
    page = new_page(locale="en-US", **SIZES[size])
    response = page.goto("/khong-co-trang-nay/")
    assert response is not None and response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator("main h1")).to_have_text(_in("vi", "Page not found"))
    way_back = page.get_by_role("link", name=_in("vi", "Public lookups"))
    expect(way_back).to_be_visible()
    _inside(page)
    page.screenshot(path=str(SHOTS / f"error-404-{size}.png"), full_page=True)

    way_back.click()
    page.wait_for_load_state()
    expect(page.locator("main h1")).to_have_text(_in("vi", "Public lookups"))
    lookups = page.get_by_test_id("public-lookups").locator("a")
    expect(lookups).to_have_count(len(public_lookups()))  # one link per registered lookup
    _inside(page)
    page.screenshot(path=str(SHOTS / f"public-lookups-{size}.png"), full_page=True)

    page.get_by_role("link", name=_in("vi", "Check a verification certificate")).click()
    page.wait_for_load_state()
    page.locator("#id_code").fill("KHONGCO123")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/tra-cuu/kiem-dinh/KHONGCO123/" in page.url


@pytest.mark.parametrize("size", list(SIZES))
def test_a_signed_in_officer_is_led_back_to_the_dashboard(size: str, new_page: Any) -> None:
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    page = new_page(user=officer, **SIZES[size])
    page.goto("/organisations/987654321/")
    expect(page.locator("main h1")).to_have_text(_in("vi", "Page not found"))
    dashboard = page.get_by_role("link", name=_in("vi", "Go to the dashboard"))
    expect(dashboard).to_be_visible()
    _inside(page)
    page.screenshot(path=str(SHOTS / f"error-404-signed-in-{size}.png"), full_page=True)
    dashboard.click()
    page.wait_for_load_state()
    assert page.url.endswith("/")


def test_the_site_icon_answers(new_page: Any) -> None:
    page = new_page()
    response = page.goto("/favicon.ico")
    assert response is not None and response.status == 200
    assert response.headers["content-type"].startswith("image/")
