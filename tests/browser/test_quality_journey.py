"""A business files its conformity declaration (1280 px), the provincial leader issues the
receipt notice, the business downloads the numbered PDF, and anyone finds the declaration on the
public lookup on a phone (360 px)."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from tdc.quality.models import Declaration
from tdc.quality.tests.factories import ConformityBodyFactory
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory, make_user

pytestmark = pytest.mark.browser


def test_it_files_a_declaration_issues_the_receipt_notice_and_finds_it_publicly(
    new_page: Any,
) -> None:
    org = OrganisationFactory(
        name="Công ty TNHH Điện gia dụng Phước Lý", province_id=PROVINCE_A, commune_id=COMMUNE_A
    )
    business = make_user("business_user", organisation=org, province_id=PROVINCE_A)
    leader = make_user("provincial_leader", province_id=PROVINCE_A)
    today = timezone.localdate()
    body = ConformityBodyFactory(
        name="Trung tâm Chứng nhận QUATEST 3",
        valid_from=today - dt.timedelta(days=365),
        valid_until=today + dt.timedelta(days=900),
    )

    page = new_page(user=business)
    page.goto("/quality/declarations/new/")
    # The declarant is the business's own organisation, shown by name (the picker keeps the id).
    expect(page.locator("[name=declarant]")).to_have_value(str(org.pk))
    expect(page.locator("#id_declarant")).to_have_value(org.name)
    page.locator("#id_product").fill("Nồi cơm điện")
    page.locator("#id_brand").fill("Phước Lý")
    page.locator("#id_model_type").fill("PL-18")
    page.locator("#id_hs_code").fill("8516.60.10")
    page.locator("#id_qcvn").fill("QCVN 4:2009/BKHCN")
    page.locator("#id_declared_on").fill(today.isoformat())
    page.locator("#id_basis").select_option("certification")
    page.locator("#id_body").select_option(str(body.pk))
    page.locator("#id_certificate_number").fill("CN-2026-0456")
    page.locator("#id_certificate_valid_until").fill((today + dt.timedelta(days=700)).isoformat())
    page.locator("#edit-form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/quality/declarations/\d+/$"))
    declaration = Declaration.objects.get()
    assert declaration.risk_class == ("high" if today >= dt.date(2026, 7, 1) else "")

    officer_page = new_page(user=leader)
    officer_page.goto(declaration.get_absolute_url())
    officer_page.get_by_test_id("step-accept").click()
    officer_page.locator("form button[type=submit]").last.click()
    officer_page.wait_for_url(f"**{declaration.get_absolute_url()}")
    expect(officer_page.get_by_test_id("receipt-link")).to_be_visible()

    page.goto(declaration.get_absolute_url())
    href = page.get_by_test_id("receipt-link").get_attribute("href")
    pdf = page.request.get(href)
    assert pdf.headers["content-type"] == "application/pdf"
    text = PdfReader(io.BytesIO(pdf.body())).pages[0].extract_text()
    declaration.refresh_from_db()
    assert declaration.receipt_number in text

    phone = new_page(width=360, height=740)
    phone.goto("/tra-cuu/cong-bo/")
    phone.locator("#id_q").fill("Phước Lý")
    phone.locator("form[role=search] button").click()
    expect(phone.get_by_test_id("lookup-results")).to_contain_text(declaration.receipt_number)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
