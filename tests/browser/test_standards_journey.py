"""Anyone searches the standards catalogue without accents on a phone (360 px) and finds
QCVN 4:2009/BKHCN, whose page shows its amendment; an officer (1280 px) records a replacement
and sees the chain and what the replacement affects."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tdc.standards.models import Standard
from tdc.testing.factories import PROVINCE_A, make_user

pytestmark = pytest.mark.browser


def test_it_finds_a_regulation_publicly_and_shows_its_amendment(new_page: Any) -> None:
    phone = new_page(width=360, height=740)
    phone.goto("/tra-cuu/tieu-chuan/")
    phone.locator("#id_q").fill("thiet bi dien")
    phone.locator("form[role=search] button").click()
    results = phone.get_by_test_id("lookup-results")
    expect(results).to_contain_text("QCVN 4:2009/BKHCN")
    results.get_by_role("link", name="QCVN 4:2009/BKHCN").click()
    expect(phone.get_by_test_id("event-amended")).to_contain_text(
        "Sửa đổi 1:2016 QCVN 4:2009/BKHCN"
    )
    expect(phone.get_by_test_id("status")).to_contain_text("có sửa đổi")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_an_officer_records_a_replacement_and_sees_the_chain(new_page: Any) -> None:
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    old = Standard.objects.get(designation="QCVN 14:2018/BKHCN")
    new = Standard.objects.get(designation="QCVN 25:2025/BKHCN")
    page = new_page(user=officer)
    page.goto(old.get_absolute_url())
    page.get_by_test_id("event-link").click()
    expect(page.get_by_test_id("citations")).to_be_visible()
    page.locator("#id_kind").select_option("replaced")
    page.locator("#id_on").fill("2026-01-01")
    page.locator("#id_successor").select_option(str(new.pk))
    page.locator("form.card button[type=submit]").click()
    page.wait_for_url(f"**{old.get_absolute_url()}")
    expect(page.get_by_test_id("chain")).to_contain_text("QCVN 25:2025/BKHCN")
    # The officer's interface follows the account's language (Vietnamese or English).
    expect(page.get_by_test_id("status")).to_have_text(re.compile(r"\s*(Bị thay thế|Replaced)\s*"))
