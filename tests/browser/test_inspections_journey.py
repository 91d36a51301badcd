"""At phone width: plan → approval (leader) → inspection with a checklist and a photo →
violation → record PDF → decision → payment → closed."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tdc.inspections.models import Inspection, InspectionPlan, SanctionDecision
from tdc.inspections.tests.factories import png_bytes
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory, make_user

from .pickers import pick

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}


def _shot(page: Any, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / f"inspections-{name}.png"), full_page=True)


def _draw(page: Any, testid: str) -> None:
    pad = page.get_by_test_id(testid)
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 30)
    page.mouse.down()
    page.mouse.move(box["x"] + 120, box["y"] + 80, steps=8)
    page.mouse.move(box["x"] + 200, box["y"] + 40, steps=8)
    page.mouse.up()


def test_it_runs_the_whole_inspection_at_phone_width(
    new_page: Any, screenshot_dir: Path, tmp_path: Path
) -> None:
    officer = make_user("provincial_officer", province_id=PROVINCE_A, first_name="Lan")
    leader = make_user("provincial_leader", province_id=PROVINCE_A)
    business = OrganisationFactory(
        name="Hộ kinh doanh Cân Chợ Phước Lý", province_id=PROVINCE_A, commune_id=COMMUNE_A
    )

    # 1. The officer drafts the plan and a campaign, then submits it.
    page = new_page(user=officer, locale="en-US", **PHONE)
    page.goto("/inspections/plans/new/")
    page.locator("#id_title").fill("Kế hoạch kiểm tra đo lường 2026")
    page.locator("#id_legal_basis").fill("Luật Đo lường 2011")
    page.locator("#id_year").fill(str(dt.date.today().year))
    page.locator("#edit-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/inspections/plans/\d+/$"))
    plan = InspectionPlan.objects.get(title="Kế hoạch kiểm tra đo lường 2026")
    page.get_by_test_id("add-campaign").click()
    year = plan.year
    page.locator("#id_title").fill("Cân tại chợ")
    page.locator("#id_area").select_option("market_scales")
    page.locator("#id_start_date").fill(f"{year}-01-01")
    page.locator("#id_end_date").fill(f"{year}-12-31")
    page.locator("main form button.btn-primary[type=submit]").click()
    page.wait_for_url("**/inspections/campaigns/*/")
    pick(page, "#id_organisation", business.name)
    page.get_by_role("button", name="Add target").or_(
        page.get_by_role("button", name="Thêm")
    ).first.click()
    expect(page.get_by_test_id("target")).to_contain_text(business.name)
    page.goto(plan.get_absolute_url())
    page.get_by_test_id("submit-plan").click()
    _shot(page, screenshot_dir, "1-plan-submitted-360")

    # 2. The leader approves it.
    leader_page = new_page(user=leader, locale="en-US", **PHONE)
    leader_page.goto(plan.get_absolute_url())
    leader_page.get_by_test_id("approve-plan").click()
    leader_page.wait_for_load_state()
    plan.refresh_from_db()
    assert plan.status == "approved"
    _shot(leader_page, screenshot_dir, "2-plan-approved-360")

    # 3. The officer opens the inspection, answers the checklist and takes a photo.
    page.goto("/inspections/new/")
    pick(page, "#id_organisation", business.name)
    page.locator("#id_area").select_option("market_scales")
    page.locator("#id_campaign").select_option(index=1)
    page.locator("main form button.btn-primary[type=submit]").click()
    page.wait_for_url("**/field/")
    inspection = Inspection.objects.get(organisation=business)
    page.get_by_test_id("answer-scale-01-compliant").check()
    page.locator("#note-scale-02").fill("Sai số vượt giới hạn cho phép")
    page.get_by_test_id("answer-scale-02-non_compliant").check()
    page.get_by_test_id("answer-scale-03-not_applicable").check()

    key = f"tdc-inspection-{inspection.pk}"
    page.wait_for_function(
        "key => Object.keys(JSON.parse(localStorage.getItem(key) || '{}')).length === 0", arg=key
    )
    assert inspection.answers.count() == 3
    photo = tmp_path / "can.png"
    photo.write_bytes(png_bytes((120, 60, 0)))
    page.locator("#photo").set_input_files(str(photo))
    page.get_by_test_id("upload-photo").click()
    page.wait_for_url("**/field/")
    expect(page.locator("#attachments-panel")).to_contain_text("can.png")
    _shot(page, screenshot_dir, "3-field-checklist-360")

    # 4. A violation (fine outside the range refused first).
    page.goto(f"/inspections/{inspection.pk}/violations/new/")
    page.locator("#id_violation_type").select_option("nd119-d9-k2")
    page.locator("#id_proposed_fine").fill("100000000")
    page.locator("main form button.btn-primary[type=submit]").click()
    expect(page.locator("#errors-proposed_fine")).to_contain_text("8,000,000")
    page.locator("#id_proposed_fine").fill("")
    page.locator("main form button.btn-primary[type=submit]").click()
    page.wait_for_url(f"**/inspections/{inspection.pk}/")
    expect(page.get_by_test_id("violation")).to_contain_text("Điều 9")

    # 5. Both sign on screen; the record PDF carries its number.
    page.goto(f"/inspections/{inspection.pk}/field/")
    _draw(page, "pad-inspected_party")
    page.get_by_test_id("sign-inspected_party").click()
    expect(
        page.locator(".signature-block[data-role=inspected_party] [data-signature-status]")
    ).to_have_text("✓")
    _draw(page, "pad-team_head")
    with page.expect_navigation():
        page.get_by_test_id("sign-team_head").click()
    inspection.refresh_from_db()
    assert inspection.record_signed_at is not None
    _shot(page, screenshot_dir, "4-record-signed-360")
    pdf = page.request.get(f"/inspections/{inspection.pk}/pdf/record/")
    text = "".join(
        "".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.body())).pages
    )
    assert "".join(inspection.record_number.split()) in text
    assert "".join(business.name.split()) in text

    # 6. Decision, payment, closed.
    page.goto(inspection.get_absolute_url())
    page.get_by_test_id("decide").click()
    page.locator("#id_remedy").fill("Kiểm định lại cân")
    page.locator("#id_remedy_deadline").fill(f"{year}-12-31")
    page.locator("main form button.btn-primary[type=submit]").click()
    page.wait_for_url("**/inspections/decisions/*/")
    decision = SanctionDecision.objects.get(inspection=inspection)
    _shot(page, screenshot_dir, "5-decision-360")
    page.get_by_test_id("remedy-done").click()
    page.locator("#id_receipt_number").fill("BL-000123")
    page.get_by_test_id("record-payment").click()
    page.wait_for_load_state()
    decision.refresh_from_db()
    assert decision.payment_status == "paid"
    page.goto(inspection.get_absolute_url())
    page.get_by_test_id("close-inspection").click()
    page.wait_for_load_state()
    inspection.refresh_from_db()
    assert inspection.status == "closed"
    _shot(page, screenshot_dir, "6-closed-360")
