"""Implausible values are refused with a message that says the bound, whichever door they come
in by: the exact requests that were accepted before (a negative Max, a type approval valid from
9999-12-31, inspections dated 3000-01-01 and 1900-01-01, 10,000 tare values, 1e308)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from tdc.core.imports import process_file
from tdc.core.plausibility import date_window
from tdc.core.roles import Role
from tdc.metrology.imports import InstrumentImport
from tdc.metrology.models import Instrument
from tdc.prepackages import services as prepackages
from tdc.prepackages.models import QuantityInspection
from tdc.prepackages.tests.factories import QuantityInspectionFactory
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory, make_user
from tdc.testing.fixtures import api_client_for

pytestmark = pytest.mark.django_db

API = "/api/v1/metrology/instruments/"


@pytest.fixture
def officer() -> Any:
    return make_user(Role.PROVINCIAL_OFFICER, province_id=PROVINCE_A)


def _instrument(owner: Any, **extra: Any) -> dict[str, Any]:
    return {
        "owner": owner.pk,
        "type_code": "cold-water-meter-mechanical",
        "manufacturer": "Mettler Toledo",
        "serial_number": "MT-0001",
        "commune": COMMUNE_A,
        **extra,
    }


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"max_capacity": "-1"}, "max_capacity"),
        ({"verification_interval": "0"}, "verification_interval"),
        ({"type_approval_valid_from": "9999-12-31"}, "type_approval_valid_from"),
        (
            {"type_approval_valid_from": "2026-05-01", "type_approval_valid_to": "2025-05-01"},
            "type_approval_valid_to",
        ),
    ],
)
def test_the_api_refuses_implausible_instrument_values(
    officer: Any, extra: dict[str, Any], field: str
) -> None:
    owner = OrganisationFactory()
    response = api_client_for(officer).post(API, _instrument(owner, **extra), format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]
    assert not Instrument.objects.exists()


def test_a_plausible_instrument_is_accepted(officer: Any) -> None:
    owner = OrganisationFactory()
    response = api_client_for(officer).post(
        API,
        _instrument(owner, max_capacity="60", verification_interval="0.02"),
        format="json",
    )
    assert response.status_code == 201, response.content


@pytest.mark.parametrize("day", [dt.date(3000, 1, 1), dt.date(1900, 1, 1)])
def test_an_inspection_dated_far_away_is_refused(day: dt.date) -> None:
    with pytest.raises(ValidationError) as refused:
        QuantityInspectionFactory(inspected_on=day)
    assert "inspected_on" in refused.value.message_dict
    assert not QuantityInspection.objects.exists()


def test_an_inspection_dated_tomorrow_is_refused() -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    with pytest.raises(ValidationError) as refused:
        QuantityInspectionFactory(inspected_on=tomorrow)
    assert "in the future" in refused.value.message_dict["inspected_on"][0]


@pytest.mark.parametrize(
    "tares", [["20"] * 10_000, ["1e308"], ["0.0000000001"]], ids=["10000", "1e308", "1e-10"]
)
def test_implausible_tare_values_are_refused(tares: list[str]) -> None:
    inspection = QuantityInspectionFactory()
    with pytest.raises(ValidationError) as refused:
        prepackages.inspection_update(
            inspection=inspection,
            by=inspection.created_by,
            expected_version=inspection.version,
            tare_method="average",
            tare_values=tares,
        )
    assert "tare_values" in refused.value.message_dict
    inspection.refresh_from_db()
    assert inspection.tare_values == []


def test_the_window_is_configurable() -> None:
    with override_settings(TDC_PLAUSIBLE_PAST_YEARS=200):
        QuantityInspectionFactory(inspected_on=dt.date(1900, 1, 1))
    earliest, latest = date_window(dt.date(2026, 12, 3))
    assert earliest.year == 1946 and latest.year == 2076


def test_an_import_row_with_an_implausible_date_is_reported(officer: Any) -> None:
    owner = OrganisationFactory(tax_code="0301234562")
    headers = [c.header for c in InstrumentImport.columns]
    by_key = {c.key: i for i, c in enumerate(InstrumentImport.columns)}
    row = [""] * len(headers)
    for key, value in {
        "owner_tax_code": owner.tax_code,
        "type_code": "cold-water-meter-mechanical",
        "manufacturer": "Mettler Toledo",
        "serial_number": "MT-9",
        "commune": COMMUNE_A,
        "type_approval_valid_to": "31/12/9999",
        "max_capacity": "1e308",
    }.items():
        if key in by_key:
            row[by_key[key]] = value
    data = (",".join(headers) + "\n" + ",".join(row) + "\n").encode()
    report, _rejected = process_file(
        InstrumentImport(user=officer), data, "instruments.csv", commit=True
    )
    columns = {error.column for error in report.errors}
    assert report.committed == 0 and report.error_count >= 1
    assert any("9999" in error.message for error in report.errors)
    assert Decimal("1") and not Instrument.objects.exists()
    assert columns
