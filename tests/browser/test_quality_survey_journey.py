"""An officer records a survey sample at a fuel station on a phone (360 px) and seals it, hands
it to a laboratory and enters the failing lab results on a desktop (1280 px); the verdict shows
the inspection target created, the officer drafts the warning prefilled from the finding and the
leader publishes it from a phone; the business tops the risk-based targeting list."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tdc.inspections.models import TargetReferral
from tdc.quality.models import QualityWarning, Sample
from tdc.quality.tests.factories_surveys import SAMPLED_ON, approved_plan, survey_lab
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory, make_user

pytestmark = pytest.mark.browser


def _fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_it_goes_from_a_survey_sample_to_a_warning_and_an_inspection_target(
    new_page: Any,
) -> None:
    plan = approved_plan()
    business = OrganisationFactory(
        name="Cửa hàng xăng dầu Tân Phát", province_id=PROVINCE_A, commune_id=COMMUNE_A
    )
    lab = survey_lab(name="Phòng thử nghiệm Xăng dầu (VILAS 004)")
    officer = make_user("provincial_officer", province_id=PROVINCE_A)
    leader = make_user("provincial_leader", province_id=PROVINCE_A)

    phone = new_page(user=officer, width=360, height=740)
    phone.goto("/quality/samples/new/")
    phone.locator("#id_plan").select_option(str(plan.pk))
    phone.locator("#id_business").select_option(str(business.pk))
    phone.locator("#id_product_group").select_option("fuel")
    phone.locator("#id_qcvn").fill("QCVN 1:2022/BKHCN")
    phone.locator("#id_product").fill("Xăng RON 95-III")
    phone.locator("#id_brand").fill("Tân Phát")
    phone.locator("#id_batch").fill("TP-0915")
    phone.locator("#id_place").fill("Trụ bơm số 2")
    phone.locator("#id_sampled_on").fill(SAMPLED_ON.isoformat())
    phone.locator("#id_quantity").fill("2 lít")
    _fits(phone, 360)
    phone.locator("#edit-form button[type=submit]").click()
    phone.wait_for_url(re.compile(r".*/quality/samples/\d+/$"))
    sample = Sample.objects.get()
    phone.get_by_test_id("seal-link").click()
    phone.locator("#id_seal_number").fill("NP-55021")
    phone.locator("#id_sealed_on").fill(SAMPLED_ON.isoformat())
    phone.locator("form button[type=submit]").last.click()
    phone.wait_for_url(f"**{sample.get_absolute_url()}")
    expect(phone.get_by_test_id("record-seal")).to_be_visible()
    _fits(phone, 360)

    desk = new_page(user=officer)
    desk.goto(sample.get_absolute_url())
    desk.get_by_test_id("hand-over-link").click()
    desk.locator("#id_lab").select_option(str(lab.pk))
    desk.locator("#id_handed_over_on").fill(SAMPLED_ON.isoformat())
    desk.locator("form button[type=submit]").last.click()
    desk.wait_for_url(f"**{sample.get_absolute_url()}")
    desk.get_by_test_id("results-link").click()
    desk.locator("#id_report-report_number").fill("KQ-311/2026")
    desk.locator("#id_report-reported_on").fill("2026-09-26")
    rows = desk.get_by_test_id("result-row")
    sulfur = rows.filter(has_text="Xăng mức 3 – hàm lượng lưu huỳnh")
    sulfur.locator("input[name$='-value']").fill("212")
    sulfur.locator("input[name$='-uncertainty']").fill("8")
    desk.locator("form button[type=submit]").last.click()
    desk.wait_for_url(f"**{sample.get_absolute_url()}")
    expect(desk.get_by_test_id("results-table")).to_contain_text("212")
    expect(desk.get_by_test_id("inspection-target")).to_contain_text(business.name)
    referral = TargetReferral.objects.get()
    assert referral.organisation == business

    desk.get_by_test_id("warning-link").click()
    expect(desk.locator("#id_product")).to_have_value("Xăng RON 95-III")
    expect(desk.locator("#id_description")).to_contain_text("212")
    desk.locator("form button[type=submit]").last.click()
    desk.wait_for_url(re.compile(r".*/quality/warnings/\d+/$"))
    warning = QualityWarning.objects.get()
    assert warning.source == "province" and sample.number in warning.source_reference

    boss = new_page(user=leader, width=360, height=740)
    boss.goto(warning.get_absolute_url())
    boss.get_by_test_id("publish-link").click()
    boss.locator("form button[type=submit]").last.click()
    boss.wait_for_url(f"**{warning.get_absolute_url()}")
    warning.refresh_from_db()
    assert warning.published_on is not None
    boss.goto("/tra-cuu/canh-bao/")
    expect(boss.locator("main")).to_contain_text("Xăng RON 95-III")
    _fits(boss, 360)

    desk.goto("/inspections/risk/")
    first = desk.get_by_test_id("risk-row").first
    expect(first).to_contain_text(business.name)
    expect(first).to_contain_text("referrals")
