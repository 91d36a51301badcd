"""A member of the public files a complaint with a photo on a phone and follows it by its code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from tdc.complaints.models import Complaint
from tdc.complaints.tests.conftest import png_bytes
from tdc.testing.factories import COMMUNE_A, PROVINCE_A

pytestmark = pytest.mark.browser


def test_it_files_a_complaint_with_a_photo_and_follows_it_by_code(
    new_page: Any, screenshot_dir: Path, tmp_path: Path
) -> None:
    cache.clear()  # the per-address allowance lives in the cache
    photo = tmp_path / "can-cho.png"
    photo.write_bytes(png_bytes((40, 30)))
    page = new_page(width=360, height=740, locale="en-US")

    page.goto("/phan-anh/")
    page.select_option("#id_category", "market_scales")
    page.select_option("#id_province", PROVINCE_A)
    expect(page.locator(f"#id_commune option[value='{COMMUNE_A}']")).to_have_count(1)
    page.select_option("#id_commune", COMMUNE_A)
    page.fill("#id_address", "Chợ Phước Lý, sạp 12")
    page.fill("#id_business_name", "Sạp thịt Cô Ba")
    page.fill("#id_description", "Cân thiếu khoảng 100 g mỗi kg thịt.")
    page.set_input_files("#id_photos", str(photo))
    page.check("#id_anonymous")
    expect(page.locator("#reporter-fields")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    page.screenshot(path=str(screenshot_dir / "complaint-form-360.png"), full_page=True)
    page.locator("#complaint-form button[type=submit]").click()

    page.wait_for_url("**/phan-anh/da-gui/**")
    code = page.get_by_test_id("tracking-code").inner_text().strip()
    complaint = Complaint.objects.get(tracking_code=code)
    assert complaint.anonymous and complaint.reporter_identity == ""
    assert complaint.commune_id == COMMUNE_A
    page.screenshot(path=str(screenshot_dir / "complaint-code-360.png"), full_page=True)

    # Later, on another visit: type the code (lower case, with spaces) to see the status.
    page.goto("/tra-cuu/phan-anh/")
    page.fill("#id_code", code.lower().replace("-", " "))
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"**/tra-cuu/phan-anh/{code}/")
    expect(page.get_by_test_id("complaint-status")).to_contain_text(complaint.get_status_display())
    expect(page.locator("main")).not_to_contain_text("Sạp thịt Cô Ba")
    page.screenshot(path=str(screenshot_dir / "complaint-tracking-360.png"), full_page=True)
