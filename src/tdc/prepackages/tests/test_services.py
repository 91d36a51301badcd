"""Quantity inspections: lot details, readings saved one by one, the decision and its version."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation

from tdc.core.models import AuditEvent
from tdc.prepackages import services
from tdc.prepackages.choices import InspectionStatus, LotDecision, RulesSource
from tdc.prepackages.models import QuantityMeasurement
from tdc.prepackages.rules.running import sample_positions
from tdc.prepackages.selectors import inspection_measurements
from tdc.prepackages.tests.factories import MarkDeclarationFactory, QuantityInspectionFactory
from tdc.testing.factories import PROVINCE_A, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer() -> Any:
    return make_user("provincial_officer", province_id=PROVINCE_A)


def test_it_draws_reproducible_sample_positions(org_a: Any, officer: Any) -> None:
    insp = QuantityInspectionFactory(packer=org_a, by=officer, lot_size=400)
    assert insp.sample_size == 50
    assert len(insp.sample_positions) == 50
    assert insp.sample_positions == sorted(set(insp.sample_positions))
    again = sample_positions(lot_size=400, sample_size=50, seed=insp.sample_seed)
    assert list(again) == insp.sample_positions


def test_it_measures_a_small_lot_in_full(org_a: Any, officer: Any) -> None:
    insp = QuantityInspectionFactory(packer=org_a, by=officer, lot_size=10)
    assert insp.sample_size == 10
    assert insp.sample_positions == list(range(1, 11))


def test_it_records_the_rules_version_of_the_province(
    org_a: Any, officer: Any, places: Any
) -> None:
    insp = QuantityInspectionFactory(packer=org_a, by=officer)
    assert (insp.rules_version, insp.rules_source) == ("vn-tt21-2014", RulesSource.DEPLOYMENT)
    leader = make_user("provincial_leader", province_id=PROVINCE_A)
    services.rules_setting_set(
        province=places["province_a"], rules_version="oiml-r87-2016", by=leader, reason="test"
    )
    second = QuantityInspectionFactory(packer=org_a, by=officer)
    assert (second.rules_version, second.rules_source) == ("oiml-r87-2016", RulesSource.PROVINCE)
    insp.refresh_from_db()
    assert insp.rules_version == "vn-tt21-2014"  # an open inspection keeps its version


@override_settings(TDC_PREPACKAGE_RULES_VERSION="oiml-r87-2004")
def test_it_uses_the_deployment_default_without_a_province_setting(
    org_a: Any, officer: Any
) -> None:
    assert QuantityInspectionFactory(packer=org_a, by=officer).rules_version == "oiml-r87-2004"


def test_it_saves_each_reading_as_it_arrives(org_a: Any, officer: Any) -> None:
    insp = QuantityInspectionFactory(packer=org_a, by=officer, lot_size=10)
    for position, value in enumerate(["501.2", "499,8", "503"], 1):
        services.measurement_record(inspection=insp, position=position, value=value, by=officer)
    # "Reload": a fresh read from the database has every value entered so far.
    values = [str(m.value.normalize()) for m in inspection_measurements(insp)]
    assert values == ["501.2", "499.8", "503"]
    services.measurement_record(inspection=insp, position=2, value="498.1", by=officer)
    assert QuantityMeasurement.objects.get(inspection=insp, position=2).value == Decimal("498.1")
    corrected = AuditEvent.objects.filter(object_id=str(insp.pk)).first()
    assert corrected is not None
    assert corrected.details["measurement"]["previous"] == "499.8"


@pytest.mark.parametrize(
    ("value", "message"),
    [("-3", "negative"), ("50000", "decimal point"), ("abc", "not a number"), ("", "Enter")],
)
def test_it_refuses_bad_readings_with_a_message(
    org_a: Any, officer: Any, value: str, message: str
) -> None:
    insp = QuantityInspectionFactory(packer=org_a, by=officer, lot_size=10)
    services.measurement_record(inspection=insp, position=1, value="500", by=officer)
    with translation.override("en"), pytest.raises(ValidationError) as info:
        services.measurement_record(inspection=insp, position=2, value=value, by=officer)
    assert message in str(info.value.message_dict["value"])
    assert QuantityMeasurement.objects.filter(inspection=insp).count() == 1  # nothing lost


def test_it_refuses_a_lot_larger_than_the_rules_allow(org_a: Any, officer: Any) -> None:
    with translation.override("en"), pytest.raises(ValidationError) as info:
        QuantityInspectionFactory(packer=org_a, by=officer, lot_size=100_001)
    assert "split it into smaller lots" in " ".join(info.value.message_dict["lot_size"])


def test_it_refuses_a_unit_that_does_not_fit_the_quantity(org_a: Any, officer: Any) -> None:
    with pytest.raises(ValidationError) as info:
        QuantityInspectionFactory(packer=org_a, by=officer, unit="mL", quantity_kind="mass")
    assert "unit" in info.value.message_dict


def test_it_refuses_to_decide_an_incomplete_sample_and_keeps_the_readings(
    org_a: Any, officer: Any
) -> None:
    insp = QuantityInspectionFactory(packer=org_a, by=officer, lot_size=10, readings=["500"] * 7)
    with translation.override("en"), pytest.raises(ValidationError) as info:
        services.inspection_finalise(inspection=insp, by=officer)
    assert "measure 3 more" in " ".join(info.value.message_dict["measurements"])
    insp.refresh_from_db()
    assert insp.status == InspectionStatus.DRAFT
    assert QuantityMeasurement.objects.filter(inspection=insp).count() == 7


def test_it_stores_the_decision_with_its_rules_version_and_minutes_number(
    org_a: Any, officer: Any
) -> None:
    readings = ["501", "502", "500.5", "503", "499.9", "500", "501", "502", "500", "501"]
    insp = QuantityInspectionFactory(packer=org_a, by=officer, lot_size=10, readings=readings)
    insp = services.inspection_finalise(inspection=insp, by=officer)
    assert insp.status == InspectionStatus.DECIDED
    assert insp.decision == LotDecision.ACCEPT
    assert insp.result["rules_version"] == insp.rules_version == "vn-tt21-2014"
    assert insp.minutes_number.startswith("0001/2026/")
    assert insp.shortfall_percent == 0
    with pytest.raises(ValidationError):
        services.measurement_record(inspection=insp, position=1, value="1", by=officer)


def test_it_rejects_a_lot_with_a_t2_unit(org_a: Any, officer: Any) -> None:
    insp = QuantityInspectionFactory(
        packer=org_a, by=officer, lot_size=10, readings=["500"] * 9 + ["460"]
    )  # T = 15 g, Qn − 2T = 470 g
    insp = services.inspection_finalise(inspection=insp, by=officer)
    assert insp.decision == LotDecision.REJECT
    assert insp.t2_count == 1
    assert insp.shortfall_percent > 0
    codes = {r["code"]: r["met"] for r in insp.result["reasons"]}
    assert codes["t2"] is False


def test_it_keeps_readings_when_the_lot_size_is_corrected(org_a: Any, officer: Any) -> None:
    insp = QuantityInspectionFactory(packer=org_a, by=officer, lot_size=10, readings=["500", "501"])
    insp = services.inspection_update(inspection=insp, by=officer, lot_size=12)
    assert insp.sample_size == 12
    assert QuantityMeasurement.objects.filter(inspection=insp).count() == 2


def test_it_computes_declaration_deadlines_in_working_days_around_tet(
    org_a: Any, officer: Any
) -> None:
    # Received Friday 13/02/2026, the eve of the Tết 2026 break (16–20/02 off).
    declaration = MarkDeclarationFactory(
        declarant=org_a, by=officer, received_on=dt.date(2026, 2, 13)
    )
    assert declaration.notice_due == dt.date(2026, 2, 25)
    assert declaration.stamp_due == dt.date(2026, 2, 27)
    assert declaration.receipt_number.startswith("0001/2026/")
    assert declaration.deadline_versions
