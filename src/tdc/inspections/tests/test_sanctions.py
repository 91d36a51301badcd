"""Violations, illegal profit, sanction decisions, remedies, payment, transfer, closing and the
daily reminders (services, screens, API, command and task)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tdc.inspections import services
from tdc.inspections.choices import InspectionStatus, PaymentStatus, TransferTarget
from tdc.inspections.models import SanctionDecision, Violation
from tdc.inspections.tasks import send_inspection_reminders
from tdc.inspections.tests.conftest import said
from tdc.inspections.tests.factories import (
    ACT,
    InspectionFactory,
    SanctionDecisionFactory,
    SignedInspectionFactory,
    ViolationFactory,
)
from tdc.notifications.models import Notification
from tdc.testing.fixtures import api_client_for

pytestmark = pytest.mark.django_db
API = "/api/v1/inspections"
MEASUREMENT = {
    "total_traded": "100000",
    "error_found": "0.015",
    "mpe": "0.005",
    "price_at_start": "19000",
    "price_at_detection": "21000",
}


# --- Violations ----------------------------------------------------------------------------


def test_it_refuses_an_act_not_in_the_catalogue_and_negative_circumstances(officer: Any) -> None:
    inspection = InspectionFactory(by=officer)

    with pytest.raises(ValidationError) as unknown:
        ViolationFactory(inspection=inspection, violation_code="nd119-d99-k9")
    with pytest.raises(ValidationError) as negative:
        ViolationFactory(inspection=inspection, mitigating=-1)

    assert "violation_type" in unknown.value.message_dict
    assert "mitigating" in negative.value.message_dict


def test_it_refuses_a_fine_outside_the_range_with_the_range(officer: Any) -> None:
    inspection = InspectionFactory(by=officer)

    with pytest.raises(ValidationError) as caught:
        ViolationFactory(inspection=inspection, proposed_fine=Decimal(100_000_000))
    violation = ViolationFactory(inspection=inspection, mitigating=2)
    midpoint = ViolationFactory(inspection=inspection, offender_kind="individual")

    message = " ".join(caught.value.message_dict["proposed_fine"])
    assert "4,000,000" in message and "8,000,000" in message  # organisation: × 2
    assert violation.proposed_fine == Decimal(4_000_000)
    assert (midpoint.fine_min, midpoint.fine_max) == (Decimal(2_000_000), Decimal(4_000_000))
    assert midpoint.proposed_fine == Decimal(3_000_000)
    assert violation.catalogue_version.startswith("inspections.violationtype@")
    assert str(violation) == f"khoản 2 Điều 9 NĐ 119/2017/NĐ-CP · {inspection.decision_number}"


def test_it_computes_illegal_profit_for_both_cases(officer: Any) -> None:
    violation = ViolationFactory(
        inspection=InspectionFactory(by=officer),
        violation_code="nd119-d14-k2",
        offender_kind="individual",
    )

    measured = services.violation_profit_set(
        violation=violation, by=officer, method="measurement", inputs=MEASUREMENT
    )
    packed = services.violation_profit_set(
        violation=violation,
        by=officer,
        method="prepackaged",
        inputs={
            "units_sold": 1000,
            "allowed_mean": "500",
            "actual_mean": "490",
            "price_at_start": "100",
            "price_at_detection": "100",
        },
    )

    assert measured.illegal_profit == Decimal(20_000_000)
    assert packed.illegal_profit == Decimal(1_000_000)
    assert packed.illegal_profit_detail["method"] == "prepackaged"
    assert packed.illegal_profit_detail["legal_basis"].startswith("NĐ 86/2012")
    with pytest.raises(ValidationError) as method:
        services.violation_profit_set(
            violation=violation, by=officer, method="x", inputs=MEASUREMENT
        )
    assert "method" in method.value.message_dict
    with pytest.raises(ValidationError) as missing:
        services.violation_profit_set(
            violation=violation, by=officer, method="measurement", inputs={"mpe": "0.005"}
        )
    assert "Fill in every value" in missing.value.messages[0]


def test_it_records_a_violation_on_screen(web: Client, officer: Any) -> None:
    inspection = InspectionFactory(by=officer)
    url = reverse("inspections:violation_create", args=[inspection.pk])
    data = {
        "violation_type": ACT,
        "committed_on": inspection.inspected_on.isoformat(),
        "offender_kind": "organisation",
        "mitigating": 0,
        "aggravating": 0,
        "description": "Cân chưa kiểm định",
    }

    form = web.get(url)
    too_much = web.post(url, {**data, "proposed_fine": "9000000"})
    recorded = web.post(url, data, follow=True)

    assert form.context["form"].fields["committed_on"].initial == inspection.inspected_on
    assert ACT in dict(form.context["form"].fields["violation_type"].choices)
    assert "proposed_fine" in too_much.context["form"].errors
    assert said(recorded) == ["Violation recorded."]
    assert inspection.violations.get().description == "Cân chưa kiểm định"


def test_it_calculates_illegal_profit_on_the_inspection_page(web: Client, officer: Any) -> None:
    violation = ViolationFactory(
        inspection=InspectionFactory(by=officer), violation_code="nd119-d14-k2"
    )
    url = reverse("inspections:violation_profit", args=[violation.inspection_id])
    data = {"violation": violation.pk, "method": "measurement", **MEASUREMENT}

    computed = web.post(url, data, follow=True)
    incomplete = web.post(url, {**data, "mpe": ""}, follow=True)
    invalid = web.post(url, {"violation": violation.pk}, follow=True)
    unknown = web.post(url, {**data, "violation": 999_999})

    assert said(computed) == ["Illegal profit: 20,000,000 VND."]
    assert "Fill in every value" in said(incomplete)[0]
    assert said(invalid) == ["Fill in the prices and the quantities of the calculation."]
    assert unknown.status_code == 404


# --- Decisions -----------------------------------------------------------------------------


def test_it_refuses_a_decision_without_a_signed_record_or_a_violation(officer: Any) -> None:
    unsigned = ViolationFactory(inspection=InspectionFactory(by=officer)).inspection
    clean = SignedInspectionFactory(by=officer)
    today = timezone.localdate()

    with pytest.raises(ValidationError) as caught:
        services.decision_issue(inspection=unsigned, by=officer, decided_on=today)
    with pytest.raises(ValidationError) as nothing:
        services.decision_issue(inspection=clean, by=officer, decided_on=today)

    assert caught.value.error_list[0].code == "record_not_signed"
    assert "at least one violation" in nothing.value.messages[0]


def test_it_refuses_a_decided_fine_outside_the_range(officer: Any) -> None:
    inspection = SignedInspectionFactory(by=officer, violation_code=ACT)
    violation = inspection.violations.get()

    with pytest.raises(ValidationError) as caught:
        services.decision_issue(
            inspection=inspection,
            by=officer,
            decided_on=timezone.localdate(),
            fines={violation.pk: Decimal(1)},
        )

    assert list(caught.value.message_dict) == [f"fine_{violation.pk}"]
    assert not SanctionDecision.objects.exists()


def test_it_issues_the_decision_with_its_fines_and_remedies(officer: Any) -> None:
    inspection = SignedInspectionFactory(by=officer, violation_code=ACT)
    violation = inspection.violations.get()
    today = timezone.localdate()

    decision = services.decision_issue(
        inspection=inspection,
        by=officer,
        decided_on=today,
        fines={violation.pk: Decimal(5_000_000)},
        remedies=[("Kiểm định lại cân", today + dt.timedelta(days=30))],
    )

    inspection.refresh_from_db()
    violation.refresh_from_db()
    assert decision.number and decision.total_fine == Decimal(5_000_000)
    assert decision.signed_by_name == officer.username
    assert decision.payment_due == today + dt.timedelta(days=10)
    assert violation.decided_fine == Decimal(5_000_000)
    assert inspection.status == InspectionStatus.DECIDED
    assert [r.measure for r in decision.remedies.all()] == ["Kiểm định lại cân"]
    with pytest.raises(ValidationError) as twice:
        services.decision_issue(inspection=inspection, by=officer, decided_on=today)
    assert "already has a sanction decision" in twice.value.messages[0]
    with pytest.raises(ValidationError) as late:
        ViolationFactory(inspection=inspection)
    assert "already decided" in late.value.messages[0]


def test_it_issues_the_decision_on_screen(web: Client, officer: Any) -> None:
    unsigned = ViolationFactory(inspection=InspectionFactory(by=officer)).inspection
    inspection = SignedInspectionFactory(by=officer, violation_code=ACT)
    violation = inspection.violations.get()
    url = reverse("inspections:decision_create", args=[inspection.pk])
    today = timezone.localdate()
    data = {
        "decided_on": today.isoformat(),
        "signed_by_name": "Nguyễn Văn Chánh",
        "remedy": "Kiểm định lại cân",
        "remedy_deadline": (today + dt.timedelta(days=20)).isoformat(),
    }

    warned = web.get(reverse("inspections:decision_create", args=[unsigned.pk]))
    form = web.get(url)
    too_low = web.post(url, {**data, f"fine_{violation.pk}": "1"})
    issued = web.post(url, {**data, f"fine_{violation.pk}": "4000000"})

    unmet = warned.context["prerequisites_unmet"]
    field = reverse("inspections:inspection_field", args=[unsigned.pk])
    assert [p.fix_url for p in unmet] == [field]  # only the signature is missing
    assert warned.context["prerequisites_blocked"]
    assert not form.context["prerequisites_blocked"]
    assert form.context["form"].fields[f"fine_{violation.pk}"].initial == violation.proposed_fine
    assert f"fine_{violation.pk}" in too_low.context["form"].errors
    decision = SanctionDecision.objects.get()
    assert issued["Location"] == decision.get_absolute_url()
    assert decision.signed_by_name == "Nguyễn Văn Chánh"
    assert decision.total_fine == Decimal(4_000_000)
    assert decision.remedies.get().measure == "Kiểm định lại cân"


def test_the_decision_screen_lists_what_is_missing_and_links_to_fix_it(
    web: Client, officer: Any
) -> None:
    bare = InspectionFactory(by=officer)
    body = web.get(reverse("inspections:decision_create", args=[bare.pk])).content.decode()
    field = reverse("inspections:inspection_field", args=[bare.pk])

    assert body.count('data-testid="prerequisite"') == 2  # the signed record, a violation
    assert f'href="{field}"' in body
    assert 'data-testid="save" disabled' in body

    decided = SanctionDecisionFactory(by=officer).inspection
    again = web.get(reverse("inspections:decision_create", args=[decided.pk]))
    assert [p.fix_url for p in again.context["prerequisites_unmet"]] == [
        reverse("inspections:decision_list")
    ]


def test_it_shows_the_decision_and_prints_it(web: Client, org_a: Any) -> None:
    decision = SanctionDecisionFactory(organisation=org_a)

    listed = web.get(reverse("inspections:decision_list"))
    page = web.get(decision.get_absolute_url())
    pdf = web.get(reverse("inspections:decision_pdf", args=[decision.pk]))

    assert decision.number in listed.content.decode()
    assert page.context["may_change"] is True
    assert ("decision number", decision.number) in [
        r for g in page.context["field_groups"] for r in g.filled
    ]
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == f'inline; filename="decision-{decision.pk}.pdf"'


# --- Follow-up -----------------------------------------------------------------------------


def test_it_records_payment_and_closes(officer: Any, org_a: Any) -> None:
    decision = SanctionDecisionFactory(organisation=org_a)
    inspection = decision.inspection
    with pytest.raises(ValidationError) as unpaid:
        services.inspection_close(inspection=inspection, by=officer)
    for paid_on, receipt, field in [
        (decision.decided_on, " ", "receipt_number"),
        (decision.decided_on - dt.timedelta(days=1), "BL-1", "paid_on"),
    ]:
        with pytest.raises(ValidationError) as caught:
            services.decision_payment_record(
                decision=decision, by=officer, paid_on=paid_on, receipt_number=receipt
            )
        assert field in caught.value.message_dict

    paid = services.decision_payment_record(
        decision=decision, by=officer, paid_on=decision.decided_on, receipt_number=" BL-0001 "
    )
    closed = services.inspection_close(inspection=inspection, by=officer)

    assert "payment" in unpaid.value.messages[0]
    assert paid.payment_status == PaymentStatus.PAID and paid.receipt_number == "BL-0001"
    assert closed.status == InspectionStatus.CLOSED and closed.closed_at is not None
    assert services.inspection_close(inspection=closed, by=officer).closed_at == closed.closed_at


def test_it_closes_only_when_the_remedies_are_done(officer: Any, org_a: Any) -> None:
    decision = SanctionDecisionFactory(organisation=org_a)
    with pytest.raises(ValidationError) as early:
        services.remedy_add(
            decision=decision,
            by=officer,
            measure="Niêm phong",
            deadline=decision.decided_on - dt.timedelta(days=1),
        )
    remedy = services.remedy_add(
        decision=decision, by=officer, measure="Niêm phong", deadline=decision.decided_on
    )
    services.decision_transfer(
        decision=decision, by=officer, target=TransferTarget.POLICE, on=decision.decided_on
    )

    with pytest.raises(ValidationError) as open_remedy:
        services.inspection_close(inspection=decision.inspection, by=officer)
    services.remedy_done(remedy=remedy, by=officer, done_on=decision.decided_on)

    assert "deadline" in early.value.message_dict
    assert "not done yet" in open_remedy.value.messages[0]
    closed = services.inspection_close(inspection=decision.inspection, by=officer)
    assert closed.status == InspectionStatus.CLOSED
    with pytest.raises(ValidationError) as nowhere:
        services.decision_transfer(decision=decision, by=officer, target="", on=decision.decided_on)
    assert "transferred_to" in nowhere.value.message_dict


def test_it_closes_a_clean_inspection_once_signed(officer: Any) -> None:
    draft = InspectionFactory(by=officer)
    violated = SignedInspectionFactory(by=officer, violation_code=ACT)

    with pytest.raises(ValidationError) as unsigned:
        services.inspection_close(inspection=draft, by=officer)
    with pytest.raises(ValidationError) as undecided:
        services.inspection_close(inspection=violated, by=officer)

    assert "Sign the inspection record" in unsigned.value.messages[0]
    assert "issue the sanction decision first" in undecided.value.messages[0]
    clean = SignedInspectionFactory(by=officer)
    assert services.inspection_close(inspection=clean, by=officer).status == "closed"


def test_it_records_payment_transfer_and_remedies_on_the_decision_page(
    web: Client, org_a: Any
) -> None:
    decision = SanctionDecisionFactory(organisation=org_a)
    today = timezone.localdate()

    def post(name: str, data: dict[str, Any]) -> Any:
        return web.post(reverse(name, args=[decision.pk]), data, follow=True)

    invalid = post("inspections:decision_payment", {"receipt_number": "BL-9"})
    early = post(
        "inspections:decision_payment",
        {
            "paid_on": (decision.decided_on - dt.timedelta(days=3)).isoformat(),
            "receipt_number": "B",
        },
    )
    paid = post(
        "inspections:decision_payment", {"paid_on": today.isoformat(), "receipt_number": "BL-9"}
    )
    transferred = post(
        "inspections:decision_transfer",
        {"target": "market_management", "on": today.isoformat(), "reference": "CV 12"},
    )
    remedy = post(
        "inspections:decision_remedy", {"measure": "Kiểm định lại", "deadline": today.isoformat()}
    )
    measure = decision.remedies.get()
    done = post("inspections:decision_remedy", {"done": measure.pk})
    unknown = web.post(reverse("inspections:decision_remedy", args=[decision.pk]), {"done": "x"})

    assert said(invalid) == ["This field is required."]
    assert said(early) == ["The payment date cannot be before the decision."]
    assert said(paid) == ["Saved."] and said(transferred) == ["Saved."]
    assert said(remedy) == ["Saved."]
    assert done.redirect_chain == [(decision.get_absolute_url(), 302)]
    decision.refresh_from_db()
    measure.refresh_from_db()
    assert decision.payment_status == PaymentStatus.PAID and decision.receipt_number == "BL-9"
    assert decision.transferred_to == TransferTarget.MARKET_MANAGEMENT
    assert measure.done_on == today
    assert unknown.status_code == 404


def test_it_closes_the_inspection_on_its_page(web: Client, officer: Any) -> None:
    draft = InspectionFactory(by=officer)
    clean = SignedInspectionFactory(by=officer)

    def close(inspection: Any) -> Any:
        url = reverse("inspections:inspection_close", args=[inspection.pk])
        return web.post(url, follow=True)

    assert "Sign the inspection record" in said(close(draft))[0]
    assert said(close(clean)) == ["The inspection is closed."]


def test_it_decides_records_payment_and_transfers_through_the_api(officer: Any) -> None:
    inspection = SignedInspectionFactory(by=officer, violation_code=ACT)
    api = api_client_for(officer)
    today = timezone.localdate().isoformat()

    decided = api.post(
        f"{API}/inspections/{inspection.pk}/decision/",
        {"decided_on": today, "signed_by_name": "Chánh"},
        format="json",
    )
    pk = decided.json()["id"]
    no_target = api.post(f"{API}/decisions/{pk}/transfer/", {"on": today}, format="json")
    transferred = api.post(
        f"{API}/decisions/{pk}/transfer/", {"target": "police", "on": today}, format="json"
    )
    violations = api.get(f"{API}/violations/").json()["results"]
    unpaid = api.get(f"{API}/decisions/", {"payment_status": "unpaid"}).json()["results"]

    assert decided.status_code == 201 and decided.json()["signed_by_name"] == "Chánh"
    assert no_target.status_code == 400 and "target" in no_target.json()["error"]["fields"]
    assert transferred.json()["transferred_to"] == "police"
    assert [(v["violation_type"], v["decided_fine"]) for v in violations] == [(ACT, "6000000")]
    assert [d["id"] for d in unpaid] == [pk]


# --- Reminders -----------------------------------------------------------------------------


def test_it_reminds_of_remedies_and_marks_unpaid_fines_overdue(org_a: Any) -> None:
    decision = SanctionDecisionFactory(organisation=org_a)
    head = decision.inspection.team.get().user
    services.remedy_add(
        decision=decision,
        by=head,
        measure="Kiểm định lại cân",
        deadline=decision.decided_on + dt.timedelta(days=2),
    )
    later = decision.payment_due + dt.timedelta(days=1)

    sent = services.reminders_send(today=later)

    decision.refresh_from_db()
    assert sent == {"remedies": 1, "overdue_payments": 1}
    assert decision.payment_status == PaymentStatus.OVERDUE
    assert set(
        Notification.objects.filter(recipient=head).values_list("event_type", flat=True)
    ) >= {"inspections.remedy_due", "inspections.payment_overdue"}
    assert services.reminders_send(today=later) == {"remedies": 0, "overdue_payments": 0}


def test_it_runs_the_daily_reminders_as_a_command_and_a_task(org_a: Any) -> None:
    decision = SanctionDecisionFactory(organisation=org_a)
    out = io.StringIO()
    later = decision.payment_due + dt.timedelta(days=1)

    call_command("inspection_reminders", date=later.isoformat(), stdout=out)
    result = send_inspection_reminders.enqueue()

    assert out.getvalue().strip() == "remedy reminders: 0, fines marked overdue: 1"
    assert result.return_value == {"remedies": 0, "overdue_payments": 0}


def test_it_keeps_violations_in_the_inspections_scope(officer: Any, org_b: Any) -> None:
    ViolationFactory(inspection__organisation=org_b)

    listed = api_client_for(officer).get(f"{API}/violations/").json()["results"]

    assert listed == []
    assert Violation.objects.count() == 1


# --- Placeholder rows cannot become decisions (issue 11) -----------------------------------

PLACEHOLDER = "nd119-d10-k1"  # catalogue row marked unconfirmed: amounts not read


def test_a_decision_on_a_placeholder_row_is_refused_until_the_official_amount_is_entered(
    officer: Any, web: Client
) -> None:
    from tdc.core.models import AuditEvent
    from tdc.testing.factories import PROVINCE_A, make_user

    inspection = SignedInspectionFactory(by=officer, violation_code=PLACEHOLDER)
    violation = inspection.violations.get()
    assert violation.placeholder and violation.awaits_official_amount
    page = web.get(inspection.get_absolute_url()).content.decode()
    assert 'data-testid="placeholder-warning"' in page
    today = timezone.localdate()

    with pytest.raises(ValidationError) as refused:
        services.decision_issue(inspection=inspection, by=officer, decided_on=today)
    assert refused.value.error_dict[f"fine_{violation.pk}"][0].code == "placeholder_unconfirmed"
    assert not SanctionDecision.objects.exists()
    screen = web.get(reverse("inspections:decision_create", args=[inspection.pk]))
    assert [p.fix_url for p in screen.context["prerequisites_unmet"]] == [
        inspection.get_absolute_url()
    ]

    # Someone who may not decide sanctions cannot enter the amount; a citation is required.
    inspector = make_user("inspector", province_id=PROVINCE_A)
    with pytest.raises(PermissionDenied):
        services.violation_official_amount_set(
            violation=violation, by=inspector, amount=Decimal(5_000_000), citation="x"
        )
    with pytest.raises(ValidationError) as uncited:
        services.violation_official_amount_set(
            violation=violation, by=officer, amount=Decimal(5_000_000), citation=" "
        )
    assert "citation" in uncited.value.message_dict

    response = web.post(
        reverse("inspections:violation_official_amount", args=[inspection.pk]),
        {
            "violation": violation.pk,
            "amount": "7500000",
            "citation": "NĐ 119/2017/NĐ-CP Điều 10 khoản 1 (sửa đổi bởi NĐ 126/2021)",
        },
        follow=True,
    )
    assert response.status_code == 200
    violation.refresh_from_db()
    assert violation.official_amount == Decimal(7_500_000)
    assert violation.official_confirmed_by == officer
    assert AuditEvent.objects.filter(
        object_id=str(violation.pk), details__official_amount="7500000"
    ).exists()
    page = web.get(inspection.get_absolute_url()).content.decode()
    assert 'data-testid="placeholder-warning"' not in page
    screen = web.get(reverse("inspections:decision_create", args=[inspection.pk]))
    assert screen.context["prerequisites_unmet"] == []
    assert 'data-testid="official-amount"' in page

    with pytest.raises(ValidationError) as differs:
        services.decision_issue(
            inspection=inspection,
            by=officer,
            decided_on=today,
            fines={violation.pk: Decimal(2_000_000)},
        )
    assert differs.value.error_dict[f"fine_{violation.pk}"][0].code == "placeholder_amount_differs"
    decision = services.decision_issue(inspection=inspection, by=officer, decided_on=today)
    violation.refresh_from_db()
    assert decision.total_fine == Decimal(7_500_000) == violation.decided_fine


def test_a_violation_under_an_unconfirmed_fine_rule_is_a_placeholder(officer: Any) -> None:
    from tdc.inspections.models import FineRule

    FineRule.objects.update(confidence="unconfirmed")
    violation = ViolationFactory(inspection=InspectionFactory(by=officer), violation_code=ACT)
    assert violation.placeholder and violation.awaits_official_amount
    FineRule.objects.update(confidence="reported")
    confirmed = ViolationFactory(inspection=InspectionFactory(by=officer), violation_code=ACT)
    assert not confirmed.placeholder


def test_a_profit_above_the_maximum_fine_sets_the_range_as_its_multiple(officer: Any) -> None:
    # 100 000 000 L traded 1 % beyond the MPE at 20 000 VND/L: 20 bn VND of illegal profit,
    # above the organisations' maximum fine (150 M): 1–5 × the profit.
    violation = ViolationFactory(inspection=InspectionFactory(by=officer), violation_code=ACT)
    assert not violation.placeholder
    big = {**MEASUREMENT, "total_traded": "100000000"}
    violation = services.violation_profit_set(
        violation=violation, by=officer, method="measurement", inputs=big
    )
    assert violation.illegal_profit == Decimal(20_000_000_000)
    assert (violation.fine_min, violation.fine_max) == (
        Decimal(20_000_000_000),
        Decimal(100_000_000_000),
    )
    assert violation.proposed_fine == Decimal(60_000_000_000)
    above = violation.illegal_profit_detail["fine_above_tiers"]
    assert "Điều 52" in above["legal_basis"] and above["confidence"] == "unconfirmed"
    # The maximum fine of the rule is unconfirmed: the guard of placeholders applies.
    assert violation.placeholder and violation.awaits_official_amount
    small = services.violation_profit_set(
        violation=ViolationFactory(inspection=InspectionFactory(by=officer), violation_code=ACT),
        by=officer,
        method="measurement",
        inputs=MEASUREMENT,
    )
    assert "fine_above_tiers" not in small.illegal_profit_detail and not small.placeholder
