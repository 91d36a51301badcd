"""The import-inspection rules, pure: worked examples either side of 01/07/2026 (Tết 2026, Quốc
khánh 2/9/2026), missed-deadline notices, the lot-versus-certificate check, exemptions, reduced
and stepped-up inspection, and hypothesis properties. The calendar and the reference values are
built here, not read from the database."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdc.quality.rules import QualityRuleError, Regime, RegimeResult, RiskClass
from tdc.quality.rules import imports as r
from tdc.quality.rules.imports import Step

#: Days off of 2026 as decided: Tết (Mon 16/02 – Fri 20/02), 30/4–1/5, Quốc khánh (1–2/9).
HOLIDAYS = {
    dt.date(2026, 1, 1),
    *(dt.date(2026, 2, d) for d in range(16, 21)),
    dt.date(2026, 4, 27),
    dt.date(2026, 4, 30),
    dt.date(2026, 5, 1),
    dt.date(2026, 9, 1),
    dt.date(2026, 9, 2),
}


class FakeCalendar:
    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in HOLIDAYS

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        day = start
        while n > 0:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                n -= 1
        return day


class BrokenCalendar(FakeCalendar):
    """A calendar that lands deadlines on a Sunday (inconsistent data)."""

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        day = start + dt.timedelta(days=1)
        while day.weekday() != 6:
            day += dt.timedelta(days=1)
        return day


CAL = FakeCalendar()

LEGACY = {
    Step.CONFIRM: r.Param(1, "confirm-2018"),
    Step.CERTIFICATE: r.Param(15, "certificate-2018"),
    Step.RESULT: r.Param(1, "result-2018"),
    Step.MISSED_NOTICE: r.Param(1, "missed-2018"),
    Step.REDUCED_LOTS: r.Param(3),
    Step.REDUCED_MONTHS: r.Param(24),
    Step.REDUCED_REPORT_MONTHS: r.Param(0),
    Step.STEPPED_VIOLATIONS: r.Param(2),
    Step.STEPPED_WINDOW_MONTHS: r.Param(12),
}
RISK = {
    Step.CONFIRM: r.Param(1, "confirm-2026"),
    Step.COMPLETION: r.Param(7, "completion-2026"),
    Step.LABEL_FIX: r.Param(5, "label-2026"),
    Step.RESULT: r.Param(1, "result-2026"),
    Step.MISSED_NOTICE: r.Param(1, "missed-2026"),
    Step.REDUCED_LOTS: r.Param(3, "lots-2026"),
    Step.REDUCED_MONTHS: r.Param(24, "months-2026"),
    Step.REDUCED_REPORT_MONTHS: r.Param(3, "report-2026"),
    Step.STEPPED_VIOLATIONS: r.Param(2),
    Step.STEPPED_WINDOW_MONTHS: r.Param(12),
}
P_LEGACY = {k.value: v for k, v in LEGACY.items()}
P_RISK = {k.value: v for k, v in RISK.items()}


# --- Deadlines either side of 01/07/2026 -----------------------------------------------------


def test_legacy_certificate_is_due_15_working_days_after_clearance_across_tet() -> None:
    # Cleared Friday 06/02/2026: 9–13/02 (5), Tết 16–20/02 off, 23–27/02 (10), 02–06/03 (15).
    due = r.dossier_due(
        Regime.GROUP2,
        notified_on=dt.date(2026, 2, 5),
        cleared_on=dt.date(2026, 2, 6),
        params=P_LEGACY,
        calendar=CAL,
    )
    assert due == r.Due(dt.date(2026, 3, 6), "certificate-2018")


def test_legacy_certificate_deadline_waits_for_clearance() -> None:
    assert (
        r.dossier_due(
            Regime.GROUP2,
            notified_on=dt.date(2026, 6, 29),
            cleared_on=None,
            params=P_LEGACY,
            calendar=CAL,
        )
        is None
    )


def test_confirmation_of_a_registration_on_the_eve_of_tet_is_due_after_it() -> None:
    assert r.confirm_due(dt.date(2026, 2, 13), P_LEGACY, CAL).day == dt.date(2026, 2, 23)
    # Filed on a Saturday through the Single Window: the first working day counts.
    assert r.confirm_due(dt.date(2026, 6, 27), P_LEGACY, CAL).day == dt.date(2026, 6, 29)


def test_risk_based_incomplete_dossier_has_7_working_days_across_quoc_khanh() -> None:
    # Notified Friday 28/08/2026: 31/08 (1), 1–2/09 off, 3/09 (2), 4/09 (3), 7–10/09 (7).
    due = r.dossier_due(
        Regime.RISK_BASED,
        notified_on=dt.date(2026, 8, 28),
        cleared_on=None,
        params=P_RISK,
        calendar=CAL,
    )
    assert due == r.Due(dt.date(2026, 9, 10), "completion-2026")


def test_label_fix_5_and_result_1_working_day_from_1_july_2026() -> None:
    assert r.label_fix_due(dt.date(2026, 7, 1), P_RISK, CAL).day == dt.date(2026, 7, 8)
    assert r.result_due(dt.date(2026, 7, 3), P_RISK, CAL).day == dt.date(2026, 7, 6)
    assert r.result_due(dt.date(2026, 6, 30), P_LEGACY, CAL).version == "result-2018"


def test_a_step_with_no_rule_in_the_regime_is_refused_in_vietnamese() -> None:
    with pytest.raises(QualityRuleError) as caught:
        r.label_fix_due(dt.date(2026, 6, 30), P_LEGACY, CAL)
    assert caught.value.code == "no_rule"
    assert "Chưa có giá trị tham chiếu" in caught.value.message_vi


def test_an_act_on_a_day_off_is_refused_with_a_vietnamese_message() -> None:
    with pytest.raises(QualityRuleError) as caught:
        r.require_working_day(dt.date(2026, 9, 2), "on", CAL)
    assert caught.value.code == "non_working_day"
    assert "không phải là ngày làm việc" in caught.value.message_vi
    r.require_working_day(dt.date(2026, 9, 3), "on", CAL)


def test_a_deadline_computed_on_a_day_off_is_refused() -> None:
    with pytest.raises(QualityRuleError) as caught:
        r.result_due(dt.date(2026, 7, 1), P_RISK, BrokenCalendar())
    assert caught.value.code == "non_working_deadline"
    assert "rơi vào ngày" in caught.value.message_vi


# --- Missed deadline: the notice the day after -----------------------------------------------


def test_missed_deadline_notice_comes_the_working_day_after() -> None:
    deadline = dt.date(2026, 8, 31)  # Monday before Quốc khánh
    assert r.missed_deadline(deadline, deadline, P_RISK, CAL) is None
    missed = r.missed_deadline(deadline, dt.date(2026, 9, 3), P_RISK, CAL)
    assert missed is not None
    assert missed.notice_from == dt.date(2026, 9, 3)
    assert missed.notice_due == r.Due(dt.date(2026, 9, 3), "missed-2026")
    assert r.missed_deadline(None, dt.date(2026, 9, 3), P_RISK, CAL) is None


# --- Who must register -----------------------------------------------------------------------


def _result(regime: Regime, risk: RiskClass | None, measures: tuple[str, ...]) -> RegimeResult:
    return RegimeResult(regime, risk, measures, ("QCVN 4:2009/BKHCN",), "")


def test_medium_risk_goods_need_no_import_inspection_from_1_july_2026() -> None:
    r.require_inspection(
        _result(Regime.RISK_BASED, RiskClass.HIGH, ("import_inspection",)), dt.date(2026, 7, 1)
    )
    with pytest.raises(QualityRuleError) as caught:
        r.require_inspection(
            _result(Regime.RISK_BASED, RiskClass.MEDIUM, ("declaration_self_assessment",)),
            dt.date(2026, 7, 1),
        )
    assert caught.value.code == "not_high_risk"
    assert "rủi ro trung bình" in caught.value.message_vi
    r.require_inspection(_result(Regime.GROUP2, None, ("import_inspection",)), dt.date(2026, 6, 30))
    with pytest.raises(QualityRuleError):
        r.require_inspection(_result(Regime.GROUP2, None, ()), dt.date(2026, 6, 30))


# --- The lot against its certificate ---------------------------------------------------------

LOT = r.LotFacts(
    registered_on=dt.date(2026, 9, 10),
    qcvn="QCVN 4:2009/BKHCN",
    model_type="RC-18",
    origin="Trung Quốc",
    quantity=500,
    customs_declaration="106001234560",
)
CERT = r.CertificateFacts(
    number="CN-1",
    kind="lot",
    issued_on=dt.date(2026, 9, 1),
    valid_until=dt.date(2027, 9, 1),
    qcvn="QCVN 04:2009/BKHCN",
    model_type="rc-18",
    origin="trung quốc",
    quantity=500,
    customs_declaration="106001234560",
    body_status="designated",
    body_scope=("QCVN 4:2009/BKHCN",),
)


def test_a_lot_matching_its_certificate_passes_the_check() -> None:
    assert r.check_certificate(LOT, CERT, regime=Regime.RISK_BASED) == []


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"valid_until": dt.date(2026, 9, 9)}, "certificate_expired"),
        ({"issued_on": dt.date(2026, 9, 11)}, "certificate_after_registration"),
        ({"qcvn": "QCVN 9:2012/BKHCN"}, "certificate_qcvn_mismatch"),
        ({"model_type": "RC-20"}, "model_mismatch"),
        ({"origin": "Thái Lan"}, "origin_mismatch"),
        ({"quantity": 499}, "quantity_exceeds_certificate"),
        ({"customs_declaration": "106009999990"}, "declaration_mismatch"),
        ({"body_scope": ("QCVN 9:2012/BKHCN",)}, "body_out_of_scope"),
        ({"body_status": "accredited"}, "body_not_designated"),
    ],
)
def test_lot_data_contradicting_the_certificate_is_named(change: dict, code: str) -> None:
    from dataclasses import replace

    errors = r.check_certificate(LOT, replace(CERT, **change), regime=Regime.RISK_BASED)
    assert [e.code for e in errors] == [code]
    assert errors[0].message_vi and errors[0].message_vi != errors[0].message


def test_a_registered_body_is_enough_under_the_legacy_regime() -> None:
    from dataclasses import replace

    assert (
        r.check_certificate(LOT, replace(CERT, body_status="registered"), regime=Regime.GROUP2)
        == []
    )


def test_the_qcvn_must_be_one_the_list_names() -> None:
    errors = r.check_certificate(
        LOT, CERT, regime=Regime.RISK_BASED, list_qcvn=("QCVN 2:2021/BKHCN",)
    )
    assert [e.code for e in errors] == ["qcvn_not_on_list"]


# --- Exemptions ------------------------------------------------------------------------------


def test_exemption_is_refused_for_goods_under_a_safety_warning() -> None:
    r.check_exemption(
        "samples", safety_warning=False, special_control=False, high_risk_other_law=False
    )
    with pytest.raises(QualityRuleError) as caught:
        r.check_exemption(
            "samples", safety_warning=True, special_control=False, high_risk_other_law=False
        )
    assert caught.value.code == "exemption_excluded"
    assert "Điều 86 khoản 2" in caught.value.message_vi
    with pytest.raises(QualityRuleError):
        r.check_exemption(
            "", safety_warning=False, special_control=False, high_risk_other_law=False
        )


def test_goods_key_ignores_case_spacing_and_unicode_form() -> None:
    a = r.goods_key(
        hs_code="85166010",
        product="Nồi cơm điện",
        brand="Kangaroo",
        model_type="KG18",
        manufacturer="Zhongshan",
        origin="Trung Quốc",
    )
    b = r.goods_key(
        hs_code="85166010",
        product="  nồi  cơm điện",
        brand="KANGAROO",
        model_type="kg18",
        manufacturer="zhongshan ",
        origin="Trung Quốc",
    )
    assert a == b
    assert a != r.goods_key(
        hs_code="85166010",
        product="Nồi cơm điện",
        brand="Kangaroo",
        model_type="KG19",
        manufacturer="Zhongshan",
        origin="Trung Quốc",
    )


# --- Reduced inspection ----------------------------------------------------------------------


def _lots(*spec: tuple[str, bool]) -> list[r.LotOutcome]:
    return [r.LotOutcome(dt.date.fromisoformat(day), ok) for day, ok in spec]


THREE = _lots(("2026-07-06", True), ("2026-08-03", True), ("2026-09-07", True))


def test_three_consecutive_passing_lots_give_two_years_of_reduced_inspection() -> None:
    status = r.reduced_inspection(lots=THREE, events=[], on=dt.date(2026, 9, 8), params=P_RISK)
    assert status.eligible
    assert status.grant == r.Grant(dt.date(2026, 9, 7), dt.date(2028, 9, 6))
    assert set(status.versions) == {"lots-2026", "months-2026", "report-2026"}


def test_two_passes_are_not_enough_and_a_fail_resets_the_run() -> None:
    two = r.reduced_inspection(lots=THREE[:2], events=[], on=dt.date(2026, 9, 8), params=P_RISK)
    assert not two.eligible and two.passes_in_row == 2
    broken = _lots(("2026-07-06", True), ("2026-08-03", False), ("2026-09-07", True))
    status = r.reduced_inspection(lots=broken, events=[], on=dt.date(2026, 9, 8), params=P_RISK)
    assert not status.eligible and status.passes_in_row == 1


def test_lots_decided_after_the_day_are_not_used() -> None:
    status = r.reduced_inspection(lots=THREE, events=[], on=dt.date(2026, 9, 4), params=P_RISK)
    assert not status.eligible


def test_reduced_inspection_ends_after_two_years() -> None:
    legacy = _lots(("2024-03-04", True), ("2024-04-01", True), ("2024-05-06", True))
    inside = r.reduced_inspection(lots=legacy, events=[], on=dt.date(2026, 5, 5), params=P_LEGACY)
    after = r.reduced_inspection(lots=legacy, events=[], on=dt.date(2026, 5, 6), params=P_LEGACY)
    assert inside.eligible and not after.eligible


@pytest.mark.parametrize("kind", ["circulation_fail", "complaint", "post_check_fail"])
def test_a_stop_event_ends_reduced_inspection(kind: str) -> None:
    events = [r.Event(dt.date(2026, 10, 1), r.REPORT), r.Event(dt.date(2026, 10, 20), kind)]
    status = r.reduced_inspection(lots=THREE, events=events, on=dt.date(2026, 11, 2), params=P_RISK)
    assert not status.eligible
    assert status.grant is not None and status.grant.stop_reason == kind


def test_a_quarter_without_the_importers_report_ends_reduced_inspection() -> None:
    reported = [r.Event(dt.date(2026, 12, 1), r.REPORT)]
    on = dt.date(2027, 1, 4)
    assert r.reduced_inspection(lots=THREE, events=reported, on=on, params=P_RISK).eligible
    status = r.reduced_inspection(lots=THREE, events=[], on=on, params=P_RISK)
    assert not status.eligible
    assert status.grant is not None
    assert (status.grant.stopped_on, status.grant.stop_reason) == (
        dt.date(2026, 12, 7),
        "missed_report",
    )


def test_a_failing_lot_under_reduced_inspection_stops_it_and_steps_inspection_up() -> None:
    lots = [*THREE, r.LotOutcome(dt.date(2026, 10, 5), False)]
    reports = [r.Event(dt.date(2026, 10, 1), r.REPORT)]
    reduced = r.reduced_inspection(
        lots=lots, events=reports, on=dt.date(2026, 10, 6), params=P_RISK
    )
    assert not reduced.eligible and reduced.failed_under_reduced == dt.date(2026, 10, 5)
    stepped = r.stepped_up(
        on=dt.date(2026, 10, 6),
        reduced=reduced,
        importer_failures=[dt.date(2026, 10, 5)],
        origin_on_warning_list=False,
        params=P_RISK,
    )
    assert stepped.reasons == (r.SteppedReason.FAILED_UNDER_REDUCED,)
    assert r.inspection_level(reduced, stepped) == "stepped_up"


def test_repeated_violations_and_warned_origins_step_inspection_up() -> None:
    reduced = r.reduced_inspection(lots=THREE, events=[], on=dt.date(2026, 9, 8), params=P_RISK)
    fails = [dt.date(2026, 3, 2), dt.date(2026, 8, 3)]
    stepped = r.stepped_up(
        on=dt.date(2026, 9, 8),
        reduced=reduced,
        importer_failures=fails,
        origin_on_warning_list=True,
        params=P_RISK,
    )
    assert stepped.reasons == (
        r.SteppedReason.ORIGIN_WARNING,
        r.SteppedReason.REPEATED_VIOLATIONS,
    )
    assert r.inspection_level(reduced, stepped) == "stepped_up"
    old = r.stepped_up(
        on=dt.date(2026, 9, 8),
        reduced=reduced,
        importer_failures=[dt.date(2025, 3, 2), dt.date(2026, 8, 3)],
        origin_on_warning_list=False,
        params=P_RISK,
    )
    assert not old.applies
    assert r.inspection_level(reduced, old) == "reduced"


# --- Properties ------------------------------------------------------------------------------

DAYS = st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 12, 31))


@given(start=DAYS, params=st.sampled_from([P_LEGACY, P_RISK]))
def test_every_deadline_is_a_working_day_after_its_start(start: dt.date, params: dict) -> None:
    for compute in (r.confirm_due, r.result_due):
        day = compute(start, params, CAL).day
        assert day > start and CAL.is_working_day(day)


@given(start=DAYS)
def test_completion_counts_exactly_7_working_days(start: dt.date) -> None:
    day = r.dossier_due(
        Regime.RISK_BASED, notified_on=start, cleared_on=None, params=P_RISK, calendar=CAL
    )
    assert day is not None
    between = [start + dt.timedelta(days=i) for i in range(1, (day.day - start).days + 1)]
    assert sum(CAL.is_working_day(d) for d in between) == 7


@given(
    results=st.lists(st.booleans(), max_size=12),
    on_offset=st.integers(min_value=0, max_value=900),
)
def test_reduced_needs_three_passes_in_a_row_before_any_fail(
    results: list[bool], on_offset: int
) -> None:
    lots = [
        r.LotOutcome(dt.date(2026, 7, 1) + dt.timedelta(days=30 * i), ok)
        for i, ok in enumerate(results)
    ]
    on = dt.date(2026, 7, 1) + dt.timedelta(days=on_offset)
    reports = [
        r.Event(dt.date(2026, 7, 2) + dt.timedelta(days=20 * i), r.REPORT) for i in range(60)
    ]
    status = r.reduced_inspection(lots=lots, events=reports, on=on, params=P_RISK)
    decided = [lot.passed for lot in lots if lot.decided_on <= on]
    if status.eligible:
        assert status.grant is not None
        assert status.grant.since <= on <= status.grant.until
        run = [lot for lot in lots if lot.decided_on <= status.grant.since][-3:]
        assert len(run) == 3 and all(lot.passed for lot in run)
    if not any(all(decided[i : i + 3]) for i in range(max(0, len(decided) - 2))):
        assert not status.eligible
