"""Reverse traceability in the browser: a working standard used by two verification
organisations is found out of tolerance → the provincial officer records the finding from the
standard's page → sees every affected verification of both organisations with instruments and
owners → one action flags the instruments for re-verification and notifies their owners."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tdc.core.roles import Role
from tdc.metrology import services
from tdc.metrology.models import Instrument, OutOfToleranceFinding
from tdc.metrology.tests.factories import (
    InstrumentFactory,
    MeasurementStandardFactory,
    PastVerificationFactory,
    StandardCalibrationFactory,
    VerificationOrganisationFactory,
    VerifierFactory,
)
from tdc.notifications.models import Notification
from tdc.testing.factories import COMMUNE_A, COMMUNE_A2, PROVINCE_A, OrganisationFactory, make_user

pytestmark = pytest.mark.browser

D = dt.date


def test_it_traces_a_standard_out_of_tolerance_to_instruments_of_two_organisations(
    new_page: Any, screenshot_dir: Path
) -> None:
    lab1 = VerificationOrganisationFactory(name="Trung tâm Kỹ thuật Tây Ninh")
    lab2 = VerificationOrganisationFactory(name="Công ty Kiểm định Phước Lý")
    v1, v2 = VerifierFactory(organisation=lab1), VerifierFactory(organisation=lab2)
    # The working standard is held by lab 1 and lent to lab 2 for its verifications.
    standard = MeasurementStandardFactory(holder=lab1, name="Bình chuẩn kim loại 20 L")
    StandardCalibrationFactory(standard=standard, calibrated_on=D(2025, 1, 10))
    found = StandardCalibrationFactory(
        standard=standard, calibrated_on=D(2026, 3, 1), result="out_of_tolerance"
    )
    owner1 = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A, name="Xăng dầu An")
    owner2 = OrganisationFactory(
        province_id=PROVINCE_A, commune_id=COMMUNE_A2, name="Xăng dầu Bình"
    )
    pump1 = InstrumentFactory(owner=owner1)
    pump2 = InstrumentFactory(owner=owner2)
    earlier = InstrumentFactory(owner=owner1)  # verified before the last good calibration
    for instrument, lab, verifier, day in (
        (pump1, lab1, v1, D(2025, 6, 2)),
        (pump2, lab2, v2, D(2025, 9, 15)),
        (earlier, lab1, v1, D(2024, 12, 20)),
    ):
        PastVerificationFactory(
            instrument=instrument,
            organisation=lab,
            verifier=verifier,
            verified_on=day,
            standards=[standard],
        )
    owners = {
        make_user(Role.BUSINESS_USER, organisation=owner1, province_id=PROVINCE_A),
        make_user(Role.BUSINESS_USER, organisation=owner2, province_id=PROVINCE_A),
    }
    officer = make_user(Role.PROVINCIAL_OFFICER, province_id=PROVINCE_A)

    # 1. From the standard's page to the finding form, the standard already chosen.
    page = new_page(user=officer, locale="en-US")
    page.goto(standard.get_absolute_url())
    page.get_by_role("link", name="Record an out-of-tolerance finding").click()
    page.wait_for_url(re.compile(r"/metrology/traceability/new/\?standard=\d+$"))
    expect(page.locator("#id_standard")).to_have_value(str(standard.pk))
    page.locator("#id_found_on").fill("2026-03-01")
    page.locator("#id_calibration").select_option(str(found.pk))
    page.locator("#edit-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/metrology/traceability/\d+/$"))
    finding = OutOfToleranceFinding.objects.get(standard=standard)

    # 2. Every affected verification, across both organisations, with instrument and owner.
    impact = page.get_by_test_id("impact")
    expect(impact).to_be_visible()
    table = page.locator("table").filter(has_text=pump1.serial_number)
    for text in (
        pump1.serial_number,
        pump2.serial_number,
        "Xăng dầu An",
        "Xăng dầu Bình",
        "Trung tâm Kỹ thuật Tây Ninh",
        "Công ty Kiểm định Phước Lý",
    ):
        expect(table).to_contain_text(text)
    expect(table).not_to_contain_text(earlier.serial_number)
    page.screenshot(path=str(screenshot_dir / "metrology-traceability-finding.png"), full_page=True)

    # 3. One action: flag the instruments and notify the owners.
    page.get_by_test_id("finding-act").click()
    page.wait_for_url(re.compile(rf"/metrology/traceability/{finding.pk}/$"))
    expect(page.get_by_role("alert").or_(page.locator(".alert-success")).first).to_contain_text(
        "2 instruments flagged for re-verification"
    )
    expect(page.get_by_test_id("finding-act")).to_have_count(0)

    # 4. The instruments now say they need re-verification; the owners were notified.
    page.goto(pump2.get_absolute_url())
    expect(page.get_by_text("This instrument must be verified again before use.")).to_be_visible()
    flagged = set(Instrument.objects.filter(needs_reverification=True).values_list("pk", flat=True))
    assert flagged == {pump1.pk, pump2.pk}
    notified = set(
        Notification.objects.filter(event_type=services.REVERIFICATION_EVENT).values_list(
            "recipient_id", flat=True
        )
    )
    assert notified == {user.pk for user in owners}
