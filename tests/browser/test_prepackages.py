"""An inspector on a phone (360 × 740) enters a lot, types the readings one by one while the
running counts update, reloads and goes offline without losing anything, computes the decision
and downloads the minutes PDF."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tdc.prepackages.models import QuantityInspection, QuantityMeasurement
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory, make_user
from tdc.testing.fixtures import publish_screenshot

from .pickers import pick

pytestmark = pytest.mark.browser

READINGS = ["501.2", "498.6", "503", "480", "500.4", "502.1", "499.7", "501", "500.8", "502.5"]


def test_it_measures_a_lot_on_a_phone_and_downloads_the_minutes(
    new_page: Any, screenshot_dir: Path
) -> None:
    inspector = make_user("inspector", province_id=PROVINCE_A, first_name="Lan", last_name="Trần")
    packer = OrganisationFactory(
        name="Công ty TNHH Nước mắm Phước Lý", province_id=PROVINCE_A, commune_id=COMMUNE_A
    )
    page = new_page(width=360, height=740, user=inspector, locale="en-US")

    # The lot, on the phone.
    page.goto("/prepackages/new/")
    page.locator("#id_product_name").fill("Nước mắm cá cơm 40 độ đạm")
    page.locator("#id_product_category").select_option("cooking_oil")
    pick(page, "#id_packer", packer.name)
    expect(page.locator("#id_province")).to_have_value(PROVINCE_A)  # the inspector's own
    page.locator("#id_commune").select_option(COMMUNE_A)
    page.locator("#id_address").fill("Ấp 3, chợ Phước Lý")
    page.locator("#id_lot_code").fill("NM-2603-15")
    page.locator("#id_lot_size").fill("10")
    page.locator("#id_quantity_kind").select_option("volume")
    page.locator("#id_nominal_quantity").fill("500")
    page.locator("#id_unit").select_option("mL")
    page.locator("#edit-form button[type=submit]").click()
    page.wait_for_url("**/measure/")
    insp = QuantityInspection.objects.get()
    assert insp.commune_id == COMMUNE_A
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # Readings, one by one: each is saved at once and the running counts follow.
    inputs = page.locator("input.measure-input")
    expect(inputs).to_have_count(10)
    assert inputs.first.get_attribute("inputmode") == "decimal"
    for index, value in enumerate(READINGS[:5]):
        inputs.nth(index).fill(value)
        inputs.nth(index).press("Enter")
        expect(page.get_by_test_id("running-count")).to_have_text(f"{index + 1}/10")
    expect(page.get_by_test_id("running-t1")).to_have_text("1")  # 480 < Qmin = 485 mL
    expect(page.get_by_test_id("running-t2")).to_have_text("0")
    assert QuantityMeasurement.objects.filter(inspection=insp).count() == 5

    # The connection drops: the page is reloaded and nothing entered is lost.
    page.reload()
    expect(page.get_by_test_id("running-count")).to_have_text("5/10")
    expect(inputs.nth(3)).to_have_value("480")

    # Offline: the reading stays on the phone (localStorage) and is sent when the network returns.
    page.context.set_offline(True)
    inputs.nth(5).fill(READINGS[5])
    inputs.nth(5).press("Enter")
    expect(page.locator("#offline-note")).to_be_visible()
    unsent = page.evaluate(f"window.localStorage.getItem('tdc-prepackage-unsent-{insp.pk}')")
    assert READINGS[5] in unsent
    assert QuantityMeasurement.objects.filter(inspection=insp).count() == 5
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.get_by_test_id("running-count")).to_have_text("6/10")
    expect(page.locator("#offline-note")).to_be_hidden()

    for index, value in enumerate(READINGS[6:], start=6):
        inputs.nth(index).fill(value)
        inputs.nth(index).press("Enter")
        expect(page.get_by_test_id("running-count")).to_have_text(f"{index + 1}/10")
    expect(page.get_by_test_id("running-mean")).to_contain_text("498")
    page.locator("#row-10").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / "prepackages-measure-360.png"), full_page=False)

    # The decision: one T1 unit in a lot measured in full (no T1 allowed) rejects it.
    page.get_by_test_id("finalise").click()
    page.wait_for_url(f"**/prepackages/{insp.pk}/")
    decision = page.get_by_test_id("decision")
    expect(decision).to_be_visible()
    insp.refresh_from_db()
    assert insp.decision == "reject"
    expect(decision).to_contain_text(insp.minutes_number)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(screenshot_dir / "prepackages-decision-360.png"), full_page=True)

    # The minutes PDF, downloaded on the phone.
    with page.expect_download(timeout=60_000) as download_info:  # the first PDF loads fonts
        page.get_by_test_id("minutes-link").click()
    content = download_info.value.path().read_bytes()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "NM-2603-15" in text
    assert "KHÔNG ĐẠT" in text
    assert "vn-tt21-2014" in text

    for name in ("prepackages-measure-360.png", "prepackages-decision-360.png"):
        publish_screenshot(screenshot_dir / name)
