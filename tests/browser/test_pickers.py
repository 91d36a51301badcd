"""Names, not codes: an officer filters the instrument list by typing part of the instrument
type's Vietnamese name without diacritics and choosing it with the keyboard, at 1280 and 360 px."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tdc.metrology.tests.factories import InstrumentFactory
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory, make_user

pytestmark = [pytest.mark.browser, pytest.mark.vietnamese]


@pytest.mark.parametrize("width", [1280, 360])
def test_it_filters_instruments_by_a_type_found_by_its_name(
    new_page: Any, screenshot_dir: Path, width: int
) -> None:
    owner = OrganisationFactory(
        name="Cửa hàng Xăng dầu Phước Lý", province_id=PROVINCE_A, commune_id=COMMUNE_A
    )
    InstrumentFactory(owner=owner, type_code="fuel-dispenser", serial_number="CDX-0001")
    InstrumentFactory(owner=owner, type_code="platform-counter-scale", serial_number="CAN-0002")
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    page = new_page(user=officer, width=width, height=800, locale="vi-VN")

    page.goto("/metrology/instruments/")
    rows = page.locator("#list-results tbody tr")
    expect(rows).to_have_count(2)
    page.evaluate("window.__notReloaded = true")

    # The filter is a combobox labelled with the field's name, not a box for a code.
    picker = page.get_by_role("combobox", name="Loại phương tiện đo")
    expect(picker).to_have_attribute("placeholder", "Gõ một phần của tên…")
    picker.click()
    picker.press_sequentially("xang", delay=40)
    listbox = page.get_by_role("listbox")
    expect(listbox.get_by_role("option").first).to_contain_text("Cột đo xăng dầu")
    expect(listbox.get_by_role("option").filter(has_text="Cân")).to_have_count(0)
    box = listbox.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    page.screenshot(path=str(screenshot_dir / f"picker-instrument-type-{width}.png"))

    # Keyboard only: down to the second option, back up to the first, Enter picks it.
    picker.press("ArrowDown")
    picker.press("ArrowUp")
    first_id = listbox.get_by_role("option").first.get_attribute("id") or ""
    expect(picker).to_have_attribute("aria-activedescendant", first_id)
    picker.press("Enter")
    expect(picker).to_have_value("Cột đo xăng dầu")
    expect(picker).to_have_attribute("aria-expanded", "false")

    # The list follows (HTMX, no reload) and the URL keeps the API's parameter, the code.
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("CDX-0001")
    assert "type_code=fuel-dispenser" in page.url
    assert page.evaluate("window.__notReloaded") is True

    # Opened again from the URL, the filter shows the name, not the code.
    page.goto(page.url)
    picker = page.get_by_role("combobox", name="Loại phương tiện đo")
    expect(picker).to_have_value("Cột đo xăng dầu")
    expect(page.locator("#list-results tbody tr")).to_have_count(1)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width

    # Escape closes the list; emptying the box removes the filter.
    picker.fill("")
    picker.press("ArrowDown")
    expect(page.get_by_role("listbox")).to_be_visible()
    picker.press("Escape")
    expect(page.get_by_role("listbox")).to_be_hidden()
    picker.press("Tab")
    expect(page.locator("#list-results tbody tr")).to_have_count(2)
