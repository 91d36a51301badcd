"""The register → verify journey guides instead of dead-ending: the verification screen lists
what is missing (designation, verifier, stickers) with the link that fixes it, the serial search
says why nothing was found, the preview names what is still to choose, and registration asks
for the type approval the verification will check."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from tdc.core.roles import Role
from tdc.metrology.tests.factories import (
    DesignationFactory,
    InstrumentFactory,
    StampBatchFactory,
    VerificationOrganisationFactory,
    VerifierFactory,
)
from tdc.testing.factories import COMMUNE_A, COMMUNE_B, PROVINCE_A, OrganisationFactory, make_user
from tdc.testing.fixtures import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.vietnamese]


@pytest.fixture
def centre() -> Any:
    return VerificationOrganisationFactory(name="Trung tâm Kỹ thuật TĐC Tây Ninh")


@pytest.fixture
def staff(centre: Any) -> Any:
    return make_user(Role.VERIFICATION_STAFF, organisation=centre, province_id=PROVINCE_A)


def _prerequisites(body: str) -> list[str]:
    return re.findall(r'data-testid="prerequisite"[^>]*>(.*?)</li>', body, flags=re.S)


def test_a_new_centre_is_told_what_is_missing_with_links_and_cannot_save(staff: Any) -> None:
    body = client_for(staff).get(reverse("metrology:verification_create")).content.decode()
    items = _prerequisites(body)
    assert len(items) == 3
    assert any("quyết định chỉ định" in i.lower() for i in items)
    assert any("kiểm định viên" in i.lower() for i in items)
    assert any("tem" in i.lower() for i in items)
    # Verification staff may not add verifiers themselves: the link opens the list, and the
    # text says who records a designation.
    assert f'href="{reverse("metrology:verifier_list")}"' in body
    assert f'href="{reverse("metrology:designation_list")}"' in body
    assert re.search(r'data-testid="save-verification"[^>]*disabled', body)


def test_with_designation_verifier_and_stickers_nothing_is_missing(staff: Any, centre: Any) -> None:
    DesignationFactory(organisation=centre)
    VerifierFactory(organisation=centre)
    StampBatchFactory(organisation=centre)
    body = client_for(staff).get(reverse("metrology:verification_create")).content.decode()
    assert 'data-testid="prerequisites"' not in body
    assert not re.search(r'data-testid="save-verification"[^>]*disabled', body)


def test_running_out_of_stickers_warns_without_blocking(staff: Any, centre: Any) -> None:
    DesignationFactory(organisation=centre)
    VerifierFactory(organisation=centre)
    body = client_for(staff).get(reverse("metrology:verification_create")).content.decode()
    items = _prerequisites(body)
    assert len(items) == 1 and "tem" in items[0].lower()
    assert 'data-blocking="1"' not in body
    assert not re.search(r'data-testid="save-verification"[^>]*disabled', body)


def test_an_officer_who_may_add_verifiers_gets_the_form_link(centre: Any) -> None:
    from tdc.metrology.selectors import verification_prerequisites

    admin = make_user(Role.SYSTEM_ADMIN)
    needs = verification_prerequisites(admin, timezone.localdate())
    verifier = next(p for p in needs if "verifier" in p.label.lower() or "viên" in p.label)
    assert verifier.fix_url == reverse("metrology:verifier_create")


def test_an_account_without_an_organisation_is_told_to_ask_the_administrator() -> None:
    loose = make_user(Role.VERIFICATION_STAFF, province_id=PROVINCE_A)
    body = client_for(loose).get(reverse("metrology:verification_create")).content.decode()
    items = _prerequisites(body)
    assert len(items) == 1 and "quản trị" in items[0].lower()


def _search(user: Any, serial: str) -> str:
    url = reverse("metrology:verification_instrument_search")
    return (
        client_for(user)
        .get(url, {"serial": serial, "type_code": "fuel-dispenser"})
        .content.decode()
    )


def test_the_serial_search_blames_the_missing_designation_not_the_register(staff: Any) -> None:
    InstrumentFactory(serial_number="TK-100", type_approval_number="PDM 1")
    body = _search(staff, "TK-100")
    reason = re.search(r'data-testid="instrument-not-found">([^<]+)', body)
    assert reason is not None
    assert "chỉ định" in reason.group(1) and "chưa được đăng ký" not in reason.group(1)


def test_the_serial_search_says_when_the_instrument_is_outside_the_designation(
    staff: Any, centre: Any
) -> None:
    DesignationFactory(organisation=centre)
    InstrumentFactory(
        serial_number="CT-7",
        owner=OrganisationFactory(commune_id=COMMUNE_B, province_id="92"),
        commune_code=COMMUNE_B,
    )
    body = _search(staff, "CT-7")
    reason = re.search(r'data-testid="instrument-not-found">([^<]+)', body)
    assert reason is not None and "không bao gồm" in reason.group(1)


def test_the_serial_search_says_when_nothing_is_registered(staff: Any, centre: Any) -> None:
    DesignationFactory(organisation=centre)
    body = _search(staff, "NOPE-1")
    reason = re.search(r'data-testid="instrument-not-found">([^<]+)', body)
    assert reason is not None and "chưa" in reason.group(1).lower() and "đăng ký" in reason.group(1)


def test_the_found_instrument_is_chosen_and_the_preview_follows_the_search(
    staff: Any, centre: Any
) -> None:
    DesignationFactory(organisation=centre)
    InstrumentFactory(serial_number="TK-5", commune_code=COMMUNE_A, type_approval_number="PDM 1")
    body = _search(staff, "TK-5")
    assert re.search(r'checked data-testid="instrument-choice"', body)
    form = client_for(staff).get(reverse("metrology:verification_create")).content.decode()
    # The preview asks again once the instrument list has been swapped in (a radio checked by
    # the swap fires no change event).
    assert "htmx:afterSwap from:#instrument-choices" in form


def test_the_preview_names_what_is_still_to_choose(staff: Any, centre: Any) -> None:
    DesignationFactory(organisation=centre)
    url = reverse("metrology:verification_preview")
    client = client_for(staff)
    body = client.get(url, {"verified_on": timezone.localdate().isoformat()}).content.decode()
    assert "Chọn phương tiện đo" in body
    instrument = InstrumentFactory(serial_number="TK-6", type_approval_number="PDM 1")
    body = client.get(url, {"instrument": instrument.pk}).content.decode()
    assert "ngày kiểm định" in body.lower() and "Chọn phương tiện đo" not in body


def test_registration_asks_for_the_type_approval_the_verification_will_check() -> None:
    officer = make_user(Role.PROVINCIAL_OFFICER, province_id=PROVINCE_A)
    owner = OrganisationFactory()
    data = {
        "owner": owner.pk,
        "type_code": "fuel-dispenser",
        "manufacturer": "Tokheim",
        "serial_number": "TA-1",
        "province": PROVINCE_A,
        "commune": COMMUNE_A,
    }
    client = client_for(officer)
    response = client.post(reverse("metrology:instrument_create"), data)
    assert response.status_code == 200
    assert "phê duyệt mẫu" in response.content.decode()
    data["type_approval_number"] = "PDM 031-2021"
    assert client.post(reverse("metrology:instrument_create"), data).status_code == 302


def test_a_new_instrument_needs_an_owner_in_the_register_first() -> None:
    officer = make_user(Role.PROVINCIAL_OFFICER, province_id=PROVINCE_A)
    client = client_for(officer)
    empty = client.get(reverse("metrology:instrument_create")).content.decode()
    assert empty.count('data-testid="prerequisite"') == 1
    assert f'href="{reverse("registry:organisation_create")}"' in empty
    assert 'data-testid="save" disabled' in empty
    OrganisationFactory()
    ready = client.get(reverse("metrology:instrument_create")).content.decode()
    assert 'data-testid="prerequisites"' not in ready
    assert 'data-testid="save" disabled' not in ready


def test_the_instrument_page_groups_its_fields_by_topic_and_folds_the_empty_ones() -> None:
    officer = make_user(Role.PROVINCIAL_OFFICER, province_id=PROVINCE_A)
    instrument = InstrumentFactory(serial_number="G-1", type_approval_number="PDM 7")
    page = client_for(officer).get(instrument.get_absolute_url())
    groups = {g.title: g for g in page.context["field_groups"]}
    assert list(groups) == [
        "Phương tiện đo",
        "Phê duyệt mẫu",
        "Đặc trưng đo lường",
        "Địa điểm",
        "Trạng thái và kiểm định",
    ]
    assert ("số quyết định phê duyệt mẫu", "PDM 7") in [
        (label.lower(), value) for label, value in groups["Phê duyệt mẫu"].filled
    ]
    # Nothing entered about the characteristics: the whole topic is folded.
    assert groups["Đặc trưng đo lường"].filled == []
    assert len(groups["Đặc trưng đo lường"].empty) == 7
    body = page.content.decode()
    assert body.count('data-testid="detail-group"') == 5
    assert "—</dd>" not in body  # no row of dashes
