"""Group 2 list rows that TT 04/2026 is not confirmed to change (issue 11)."""

from __future__ import annotations

import datetime as dt

import pytest

from tdc.metrology.selectors import instrument_type_rule_on

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 6, 1)


def test_the_mercury_clinical_thermometer_keeps_initial_verification_only() -> None:
    row = instrument_type_rule_on("mercury-clinical-thermometer", DAY)
    assert row.effective_from == dt.date(2026, 4, 15)  # the TT 04/2026 row
    assert row.requires_initial and not row.requires_periodic and not row.requires_after_repair
    assert row.cycle_months is None
    assert row.confidence == "unconfirmed"
    before = instrument_type_rule_on("mercury-clinical-thermometer", dt.date(2025, 6, 1))
    assert (before.requires_periodic, before.cycle_months) == (False, None)


@pytest.mark.parametrize("code", ["ecg-recorder", "eeg-recorder", "gnss-receiver"])
def test_rows_whose_removal_is_unconfirmed_stay_in_force_flagged(code: str) -> None:
    row = instrument_type_rule_on(code, DAY)
    assert row.effective_to is None and row.removal_unconfirmed
    assert row.requires_periodic and row.cycle_months
