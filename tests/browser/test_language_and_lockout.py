"""The language switcher, and the lock-out after repeated failed passwords."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tdc.testing.factories import PROVINCE_A, make_user

pytestmark = [pytest.mark.browser, pytest.mark.vietnamese]


def _in(language: str, message: str) -> str:
    with translation.override(language):
        return translation.gettext(message)


def test_it_switches_the_interface_to_english_and_back(new_page: Any) -> None:
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    page = new_page(user=officer, locale="vi-VN")
    page.goto("/organisations/")
    html = page.locator("html")
    heading = page.locator("main h1")
    expect(html).to_have_attribute("lang", "vi")
    expect(heading).to_have_text(_in("vi", "Organisations"))

    page.locator("#lang-select").select_option("en")
    page.wait_for_load_state()
    expect(html).to_have_attribute("lang", "en")
    expect(heading).to_have_text("Organisations")
    assert page.url.endswith("/organisations/")  # the same page, now in English

    page.locator("#lang-select").select_option("vi")
    page.wait_for_load_state()
    expect(html).to_have_attribute("lang", "vi")
    expect(heading).to_have_text(_in("vi", "Organisations"))
    expect(page.locator("#lang-select option:checked")).to_have_text("Tiếng Việt")


def test_it_locks_sign_in_after_five_failed_passwords(new_page: Any) -> None:
    make_user("provincial_officer", province_id=PROVINCE_A, username="tran.thi.binh")
    page = new_page(locale="vi-VN")
    page.goto("/tai-khoan/dang-nhap/")
    for attempt in range(1, 6):
        page.locator("#id_username").fill("tran.thi.binh")
        page.locator("#id_password").fill(f"not-the-password-{attempt}")
        page.locator("form.card button[type=submit]").click()
        page.wait_for_load_state()
        if attempt < 5:
            expect(page.locator("form.card .alert-danger")).to_be_visible()

    expect(page.locator("main h1")).to_have_text(_in("vi", "Too many failed sign-in attempts"))
    expect(page.locator("#id_password")).to_have_count(0)
