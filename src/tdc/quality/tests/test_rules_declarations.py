"""The declaration-basis rules, pure: the lab report's age, the body's standing, scope and
validity on the declaration date, with hypothesis properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdc.quality.rules import (
    BodyFacts,
    QualityRuleError,
    Regime,
    RegimeResult,
    RiskClass,
    add_months,
    check_basis,
    receipt_valid_until,
)

MEDIUM = RegimeResult(
    regime=Regime.RISK_BASED,
    risk_class=RiskClass.MEDIUM,
    measures=("declaration_self_assessment", "declaration_accredited_cert"),
    qcvn=("QCVN 19:2025/BKHCN",),
    legal_basis="TT 36/2026",
)
LAB = BodyFacts(
    name="Phòng thử nghiệm",
    kind="laboratory",
    standing="accredited",
    scope_qcvn=("QCVN 19:2025/BKHCN",),
    valid_from=dt.date(2020, 1, 1),
    valid_until=dt.date(2040, 12, 31),
)
_SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
_DAYS = st.dates(min_value=dt.date(2026, 7, 1), max_value=dt.date(2039, 12, 31))


def _self(day: dt.date, report: dt.date, lab: BodyFacts = LAB) -> None:
    check_basis(
        result=MEDIUM,
        basis="self_assessment",
        qcvn="QCVN 19:2025/BKHCN",
        declared_on=day,
        lab=lab,
        lab_report_date=report,
    )


@_SETTINGS
@given(day=_DAYS, age=st.integers(min_value=0, max_value=800))
def test_property_a_report_is_accepted_exactly_when_at_most_12_months_old(
    day: dt.date, age: int
) -> None:
    report = day - dt.timedelta(days=age)
    fresh = report >= add_months(day, -12)
    if fresh:
        _self(day, report)
    else:
        with pytest.raises(QualityRuleError, match="lab_report_date"):
            _self(day, report)


@_SETTINGS
@given(day=_DAYS, months=st.integers(min_value=-36, max_value=36))
def test_property_add_months_keeps_the_day_or_the_month_end(day: dt.date, months: int) -> None:
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day == day.day or moved.day < day.day and (moved + dt.timedelta(days=1)).day == 1


@_SETTINGS
@given(day=_DAYS, standing=st.sampled_from(["registered", "accredited", "designated"]))
def test_property_a_lab_below_accredited_is_refused_under_the_risk_regime(
    day: dt.date, standing: str
) -> None:
    lab = BodyFacts(**{**LAB.__dict__, "standing": standing})
    if standing == "registered":
        with pytest.raises(QualityRuleError, match="lab"):
            _self(day, day, lab)
    else:
        _self(day, day, lab)


def test_it_counts_the_12_months_to_the_same_day() -> None:
    _self(dt.date(2026, 9, 10), dt.date(2025, 9, 10))
    with pytest.raises(QualityRuleError):
        _self(dt.date(2026, 9, 10), dt.date(2025, 9, 9))


def test_it_refuses_a_report_dated_after_the_declaration() -> None:
    with pytest.raises(QualityRuleError):
        _self(dt.date(2026, 9, 10), dt.date(2026, 9, 11))


def test_it_gives_self_assessment_three_years_less_a_day() -> None:
    assert receipt_valid_until(
        basis="self_assessment",
        certificate_valid_until=None,
        assessment_signed_on=dt.date(2026, 2, 28),
    ) == dt.date(2029, 2, 27)
    assert receipt_valid_until(
        basis="certification",
        certificate_valid_until=dt.date(2028, 1, 1),
        assessment_signed_on=None,
    ) == dt.date(2028, 1, 1)
