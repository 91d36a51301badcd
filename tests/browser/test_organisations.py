"""An officer finds an organisation, corrects it with inline validation, and exports the list."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tdc.testing.factories import COMMUNE_A, PROVINCE_A, PROVINCE_B, OrganisationFactory, make_user

pytestmark = pytest.mark.browser


def test_it_filters_opens_edits_with_inline_validation_and_exports(
    new_page: Any, screenshot_dir: Path
) -> None:
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    target = OrganisationFactory(
        name="Công ty TNHH Đo lường Phước Lý", province_id=PROVINCE_A, commune_id=COMMUNE_A
    )
    for _ in range(3):
        OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)
    OrganisationFactory(name="Công ty Đo lường Cần Thơ", province_id=PROVINCE_B, commune_id=None)
    page = new_page(user=officer, locale="vi-VN")

    # The list, filtered as the officer types (HTMX: the page itself is not reloaded).
    page.goto("/organisations/")
    rows = page.locator("#list-results tbody tr")
    expect(rows).to_have_count(4)
    page.evaluate("window.__notReloaded = true")
    search = page.locator("form.filter-form [name=q]")
    search.fill("do luong")  # without diacritics, as people type on a phone
    search.press("Enter")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Phước Lý")
    assert page.evaluate("window.__notReloaded === true")
    assert re.search(r"[?&]q=do(\+|%20)luong", page.url)  # the filtered list can be bookmarked

    # The detail page, with its history.
    rows.first.get_by_role("link", name=target.name).click()
    page.wait_for_url(f"**/organisations/{target.pk}/")
    timeline = page.get_by_test_id("timeline")
    expect(timeline).to_be_visible()

    # Edit: a wrong tax code is reported when leaving the field, before anything is saved.
    page.locator(".btn-primary[href$='/edit/']").click()
    page.wait_for_url(f"**/organisations/{target.pk}/edit/")
    tax_code = page.locator("#id_tax_code")
    tax_code.fill("0101234568")
    page.locator("#id_short_name").focus()
    expect(page.locator("#errors-tax_code .invalid-feedback")).to_be_visible()
    expect(tax_code).to_have_attribute("aria-invalid", "true")
    target.refresh_from_db()
    assert target.tax_code != "0101234568"
    page.screenshot(path=str(screenshot_dir / "organisation-edit-invalid.png"), full_page=True)

    tax_code.fill("")
    page.locator("#id_short_name").fill("ĐL Phước Lý")
    page.locator("#id_address").focus()
    expect(page.locator("#errors-tax_code .invalid-feedback")).to_have_count(0)
    page.locator("#edit-form button[type=submit]").click()

    page.wait_for_url(f"**/organisations/{target.pk}/")
    expect(timeline).to_contain_text("ĐL Phước Lý")
    target.refresh_from_db()
    assert target.short_name == "ĐL Phước Lý"

    # CSV export of the filtered list downloads a file with the rows in scope.
    page.goto("/organisations/?q=do+luong")
    with page.expect_download() as download_info:
        page.locator("a[href*='_export=csv']").click()
    download = download_info.value
    assert re.search(r"\.csv$", download.suggested_filename)
    content = download.path().read_bytes().decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(content)))
    assert len(table) == 2, table  # header and the one matching organisation
    assert "Công ty TNHH Đo lường Phước Lý" in table[1]

    # The same list on a phone: the table scrolls inside its box, the page does not.
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto("/organisations/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(screenshot_dir / "organisation-list-360.png"), full_page=True)
