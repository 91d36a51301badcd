"""Screens: opening a lot, readings saved one by one, the running tally, the decision, the
minutes PDF read back, scoping by commune and by packer, list query counts, trends."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tdc.prepackages import services
from tdc.prepackages.models import QuantityInspection, QuantityMeasurement
from tdc.prepackages.tests.factories import QuantityInspectionFactory
from tdc.testing.factories import (
    COMMUNE_A,
    COMMUNE_A2,
    PROVINCE_A,
    OrganisationFactory,
    make_user,
)
from tdc.testing.fixtures import client_for

pytestmark = pytest.mark.django_db

READINGS = ["501", "502", "500.5", "503", "499.9", "500", "501", "502", "500", "501"]


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def inspector() -> Any:
    return make_user("inspector", province_id=PROVINCE_A)


def _lot_form(packer: Any, **fields: str) -> dict[str, Any]:
    """The new-check form as an inspector fills it in: 10 bottles of 500 mL, net readings."""
    return {
        "inspected_on": "2026-03-10",
        "product_name": "Nước mắm cá cơm",
        "product_category": "cooking_oil",
        "packer": packer.pk,
        "packer_role": "packer",
        "province": PROVINCE_A,
        "lot_size": "10",
        "quantity_kind": "volume",
        "nominal_quantity": "500",
        "unit": "mL",
        "tare_method": "net",
        **fields,
    }


def test_it_opens_a_lot_and_goes_to_the_measurement_screen(
    org_a: Any, inspector: Any, places: Any
) -> None:
    client = client_for(inspector)
    response = client.post(
        reverse("prepackages:inspection_create"),
        _lot_form(org_a, commune=COMMUNE_A, lot_code="L-01"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    insp = QuantityInspection.objects.get()
    assert response["Location"] == reverse("prepackages:inspection_measure", args=[insp.pk])
    page = client.get(response["Location"]).content.decode()
    assert page.count('inputmode="decimal"') == 10
    assert "n = 10" in page


def test_it_refuses_a_lot_larger_than_allowed_with_a_message(
    org_a: Any, inspector: Any, places: Any
) -> None:
    client = client_for(inspector)
    response = client.post(
        reverse("prepackages:inspection_create"),
        _lot_form(
            org_a,
            product_name="Đường",
            product_category="food",
            lot_size="250000",
            quantity_kind="mass",
            nominal_quantity="1",
            unit="kg",
        ),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "100 000" in response.content.decode()
    assert not QuantityInspection.objects.exists()


def test_it_saves_readings_one_by_one_and_shows_the_running_tally(
    org_a: Any, inspector: Any
) -> None:
    insp = QuantityInspectionFactory(packer=org_a, by=inspector, lot_size=10)
    client = client_for(inspector)
    url = reverse("prepackages:inspection_measure", args=[insp.pk])
    answers = []
    for position, value in enumerate(["500", "480", "460"], 1):  # 480 < Qmin 485; 460 < 470
        response = client.post(url, {"position": position, "value": value}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        answers.append(response.content.decode())
    last = answers[-1]
    assert 'data-testid="running-count">3/10' in last
    assert 'data-testid="running-t1" class="text-danger">2' in last
    assert 'data-testid="running-t2" class="text-danger">1' in last
    assert re.search(r"480[.,]000", last)  # running mean (500 + 480 + 460) / 3
    # A dropped connection loses nothing: a fresh page load shows every saved value.
    page = client.get(url).content.decode()
    for value in ("500", "480", "460"):
        assert f'value="{value}"' in page


def test_it_shows_a_refused_reading_on_its_row_and_keeps_the_others(
    org_a: Any, inspector: Any
) -> None:
    insp = QuantityInspectionFactory(packer=org_a, by=inspector, lot_size=10)
    client = client_for(inspector)
    url = reverse("prepackages:inspection_measure", args=[insp.pk])
    client.post(url, {"position": 1, "value": "500"})
    response = client.post(url, {"position": 2, "value": "-5"}, HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert 'id="status-2"' in body and "negative" in body
    assert QuantityMeasurement.objects.filter(inspection=insp).count() == 1


def test_it_decides_and_the_minutes_pdf_holds_lot_decision_and_rules_version(
    org_a: Any, inspector: Any
) -> None:
    insp = QuantityInspectionFactory(
        packer=org_a, by=inspector, lot_size=10, lot_code="LOT-2603-77", readings=READINGS
    )
    client = client_for(inspector)
    response = client.post(
        reverse("prepackages:inspection_measure", args=[insp.pk]), {"_finalise": "1"}
    )
    assert response.status_code == 302
    insp.refresh_from_db()
    assert insp.decision == "accept"
    detail = client.get(insp.get_absolute_url()).content.decode()
    assert insp.minutes_number in detail
    pdf = client.get(reverse("prepackages:inspection_minutes", args=[insp.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = _pdf_text(pdf.content)
    assert "LOT-2603-77" in text
    assert "ĐẠT" in text
    assert "vn-tt21-2014" in text
    assert insp.minutes_number in text
    assert "503" in text  # every reading is in the minutes


def test_it_refuses_to_decide_an_incomplete_sample_on_the_screen(
    org_a: Any, inspector: Any
) -> None:
    insp = QuantityInspectionFactory(packer=org_a, by=inspector, lot_size=10, readings=READINGS[:4])
    response = client_for(inspector).post(
        reverse("prepackages:inspection_measure", args=[insp.pk]),
        {"_finalise": "1"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422
    assert "measure 6 more" in response.content.decode()
    assert QuantityMeasurement.objects.filter(inspection=insp).count() == 4


def test_it_shows_a_commune_officer_only_their_commune(org_a: Any, inspector: Any) -> None:
    here = QuantityInspectionFactory(
        packer=org_a, by=inspector, commune_id=COMMUNE_A, product_name="Ở đây"
    )
    there = QuantityInspectionFactory(
        packer=org_a, by=inspector, commune_id=COMMUNE_A2, product_name="Ở xã khác"
    )
    officer = make_user("commune_officer", commune_id=COMMUNE_A)
    client = client_for(officer)
    body = client.get(reverse("prepackages:inspection_list")).content.decode()
    assert "Ở đây" in body and "Ở xã khác" not in body
    assert client.get(there.get_absolute_url()).status_code == 404
    assert client.get(here.get_absolute_url()).status_code == 200


def test_it_shows_a_business_user_only_their_own_packer(org_a: Any, inspector: Any) -> None:
    other = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)
    mine = QuantityInspectionFactory(packer=org_a, by=inspector, product_name="Hàng của tôi")
    theirs = QuantityInspectionFactory(packer=other, by=inspector, product_name="Hàng người khác")
    owner = make_user("business_user", organisation=org_a, province_id=PROVINCE_A)
    client = client_for(owner)
    body = client.get(reverse("prepackages:inspection_list")).content.decode()
    assert "Hàng của tôi" in body and "Hàng người khác" not in body
    assert client.get(theirs.get_absolute_url()).status_code == 404
    assert client.get(reverse("prepackages:inspection_minutes", args=[mine.pk])).status_code == 200
    # …and may not enter readings.
    url = reverse("prepackages:inspection_measure", args=[mine.pk])
    assert client.post(url, {"position": 1, "value": "500"}).status_code == 404


def test_it_pins_the_list_queries(
    org_a: Any, inspector: Any, django_assert_max_num_queries: Any
) -> None:
    for _ in range(12):
        QuantityInspectionFactory(packer=OrganisationFactory(), by=inspector)
    client = client_for(inspector)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("prepackages:inspection_list"))
    assert response.status_code == 200


def test_it_shows_trends_and_the_packer_history(org_a: Any, inspector: Any) -> None:
    accepted = QuantityInspectionFactory(packer=org_a, by=inspector, lot_size=10, readings=READINGS)
    services.inspection_finalise(inspection=accepted, by=inspector)
    rejected = QuantityInspectionFactory(
        packer=org_a, by=inspector, lot_size=10, readings=["480"] * 10
    )
    services.inspection_finalise(inspection=rejected, by=inspector)
    client = client_for(inspector)
    page = client.get(reverse("prepackages:trends")).content.decode()
    assert 'id="trend-data"' in page
    assert re.search(r">50[.,]0<", page)  # one of two lots rejected
    assert re.search(r">2[.,]000<", page)  # mean shortfall: 0 % and 4 % of Qn
    org_page = client.get(org_a.get_absolute_url()).content.decode()
    assert 'data-testid="prepackage-history"' in org_page
    assert accepted.get_absolute_url() in org_page


def test_a_new_check_asks_for_a_packer_in_the_register_first(inspector: Any) -> None:
    client = client_for(inspector)
    empty = client.get(reverse("prepackages:inspection_create"))
    assert [p.met for p in empty.context["prerequisites"]] == [False]
    assert empty.context["prerequisites_blocked"]
    assert 'data-testid="save" disabled' in empty.content.decode()
    OrganisationFactory()
    ready = client.get(reverse("prepackages:inspection_create"))
    assert ready.context["prerequisites_unmet"] == []
