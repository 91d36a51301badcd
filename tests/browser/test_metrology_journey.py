"""Register an instrument → verify it (test points with live MPE feedback) → certificate PDF with
its QR → public lookup → revoke → the public page shows the revocation."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tdc.core.documents import qr_data_uri
from tdc.metrology.models import Certificate, Instrument
from tdc.metrology.selectors import certificate_document_context
from tdc.metrology.tests.factories import LabFactory

from .pickers import pick

pytestmark = pytest.mark.browser


def _shot(page: Any, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / f"metrology-{name}.png"), full_page=True)


def test_it_verifies_an_instrument_and_the_public_page_follows_its_certificate(
    new_page: Any, screenshot_dir: Path
) -> None:
    lab = LabFactory()

    # 1. The provincial officer registers the market scale.
    page = new_page(user=lab.officer, locale="en-US")
    page.goto("/metrology/instruments/new/")
    pick(page, "#id_owner", lab.owner.name)
    pick(page, "#id_type_code", "can ban", "Cân bàn")
    page.locator("#id_manufacturer").fill("Nhơn Hòa")
    page.locator("#id_manufacturer_country").fill("Việt Nam")
    page.locator("#id_model_name").fill("CĐH-30")
    page.locator("#id_serial_number").fill("CB-2026-001")
    page.locator("#id_type_approval_number").fill("PDM 012-2019")
    page.locator("#id_accuracy_class").fill("III")
    page.locator("#id_measuring_range").fill("0,2–30 kg")
    page.locator("#id_max_capacity").fill("30")
    page.locator("#id_min_capacity").fill("0.2")
    page.locator("#id_verification_interval").fill("0.01")
    page.locator("#id_unit").fill("kg")
    page.locator("#id_address").fill("Chợ Phước Lý, sạp 12")
    page.locator("#edit-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/metrology/instruments/\d+/$"))
    instrument = Instrument.objects.get(serial_number="CB-2026-001")

    # 2. The laboratory's verifier finds it by type and serial and enters the test points.
    page = new_page(user=lab.staff, locale="en-US")
    page.goto("/metrology/verifications/new/")
    pick(page, "#id_type_code", "can ban", "Cân bàn")
    page.locator("#id_serial").fill("CB-2026")
    page.get_by_test_id("instrument-choice").first.check()
    page.locator("#id_kind").select_option("initial")
    page.locator("#id_verified_on").fill("2026-05-04")
    pick(page, "#id_verifier", lab.verifier.full_name)
    pick(page, "#id_standards", lab.standard.name)
    page.locator("#id_stamp_serial").fill("TN0000001")
    page.locator("#id_signatory_name").fill("Trần Thị Giám Đốc")
    for row, (reference, indication) in enumerate([("1", "1.005"), ("10", "10.02"), ("30", "30")]):
        page.locator(f"[name=points-{row}-reference]").fill(reference)
        page.locator(f"[name=points-{row}-indication]").fill(indication)
    # Live feedback: 10 kg read as 10.02 kg exceeds the initial MPE of 1 e = 0.01 kg.
    expect(page.get_by_test_id("point-verdict").nth(1)).to_have_text(re.compile("Không đạt|Fail"))
    _shot(page, screenshot_dir, "1-points-fail")
    page.locator("[name=points-1-indication]").fill("10.01")
    expect(page.get_by_test_id("overall-verdict")).to_contain_text(re.compile("đạt|passes"))
    _shot(page, screenshot_dir, "2-points-pass")
    page.get_by_test_id("save-verification").click()
    page.wait_for_url(re.compile(r"/metrology/verifications/\d+/$"))
    expect(page.get_by_test_id("points-table")).to_contain_text(re.compile(r"0[.,]015"))
    _shot(page, screenshot_dir, "3-verification")

    # 3. The certificate: PDF with the Art. 41 fields and the QR code to its public page.
    page.get_by_test_id("certificate-link").click()
    page.wait_for_url(re.compile(r"/metrology/certificates/\d+/$"))
    certificate = Certificate.objects.get(verification__instrument=instrument)
    qr = qr_data_uri(certificate_document_context(certificate)["public_url"])
    assert page.locator(f'img[src="{qr}"]').count() == 1
    _shot(page, screenshot_dir, "4-certificate")
    href = page.get_by_test_id("certificate-pdf").get_attribute("href")
    response = page.request.get(href, timeout=60_000)  # the first PDF loads fonts
    assert response.status == 200, response.text()[:2000]
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    for expected in (certificate.number, "CB-2026-001", "03/05/2027", "TN0000001"):
        assert expected in text

    # 4. Anyone scanning the QR code sees the certificate valid, without signing in.
    public = new_page(locale="en-US")
    public.goto(f"/tra-cuu/kiem-dinh/{certificate.public_code}/")
    expect(public.get_by_test_id("certificate-status")).to_contain_text("Còn hiệu lực")
    expect(public.get_by_test_id("serial")).to_contain_text("CB-2026-001")
    _shot(public, screenshot_dir, "5-public-valid")

    # 5. The laboratory revokes it; the public page shows it at once.
    page.get_by_test_id("revoke").click()
    page.locator("#id_reason").fill("Niêm phong bị phá, phương tiện đo đã bị can thiệp")
    page.locator("#edit-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/metrology/certificates/\d+/$"))
    public.reload()
    expect(public.get_by_test_id("certificate-status")).to_contain_text("Bị thu hồi")
    expect(public.get_by_test_id("certificate-status")).to_contain_text("Niêm phong bị phá")
    _shot(public, screenshot_dir, "6-public-revoked")
