"""Journeys that guide, in Chromium at 1280 and 360 px: a new verification centre sees what is
missing with the links that fix it, the serial search says why it found nothing, and the due
map draws the province's communes offline, shaded by the overdue share."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tdc.core.roles import Role
from tdc.metrology.tests.factories import InstrumentFactory, VerificationOrganisationFactory
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory, make_user
from tdc.testing.fixtures import publish_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.vietnamese]


@pytest.mark.parametrize("width", [1280, 360])
def test_a_new_centre_is_guided_to_what_is_missing(
    new_page: Any, screenshot_dir: Path, width: int
) -> None:
    centre = VerificationOrganisationFactory(name="Trung tâm Kỹ thuật TĐC Tây Ninh")
    staff = make_user(Role.VERIFICATION_STAFF, organisation=centre, province_id=PROVINCE_A)
    page = new_page(width=width, user=staff)
    page.goto("/metrology/verifications/new/")

    panel = page.get_by_test_id("prerequisites")
    expect(panel).to_be_visible()
    expect(panel.get_by_test_id("prerequisite")).to_have_count(3)
    expect(page.get_by_test_id("save-verification")).to_be_disabled()
    page.locator("#id_serial").fill("TK-404")
    expect(page.get_by_test_id("instrument-not-found")).to_contain_text("chỉ định")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot = screenshot_dir / f"guidance-verification-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    publish_screenshot(shot)

    panel.get_by_test_id("prerequisite-fix").first.click()
    page.wait_for_url("**/metrology/designations/")


@pytest.mark.parametrize("width", [1280, 360])
def test_the_due_map_draws_the_communes_offline(
    new_page: Any, screenshot_dir: Path, width: int
) -> None:
    owner = OrganisationFactory(commune_id=COMMUNE_A)
    today = timezone.localdate()
    for n, due in enumerate((today - dt.timedelta(days=9), today + dt.timedelta(days=200))):
        InstrumentFactory(
            owner=owner,
            serial_number=f"MAP-{n}",
            next_due_date=due,
            latitude=Decimal("10.641"),
            longitude=Decimal("106.6"),
        )
    officer = make_user(Role.PROVINCIAL_OFFICER, province_id=PROVINCE_A)
    page = new_page(width=width, height=800, user=officer)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto("/metrology/due/map/")
    page.wait_for_load_state("networkidle")
    assert errors == []

    expect(page.locator("#due-map path.leaflet-interactive").first).to_be_visible()
    areas = page.locator("#due-map path.leaflet-interactive")
    assert areas.count() >= 96  # every commune of the province, plus the markers
    fills = page.evaluate(
        "[...document.querySelectorAll('#due-map path.leaflet-interactive')]"
        ".map(p => p.getAttribute('fill'))"
    )
    assert "#d6604d" in fills  # Phước Lý: 1 of 2 instruments overdue, the ≥ 50 % shade
    expect(page.get_by_test_id("map-areas-legend")).to_contain_text("không phải địa giới")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot = screenshot_dir / f"due-map-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    publish_screenshot(shot)
