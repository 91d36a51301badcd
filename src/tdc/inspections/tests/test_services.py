"""Plans, risk, de-confliction, field work, violations, decisions, payment and reminders."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone
from pypdf import PdfReader

from tdc.core.documents import render_pdf
from tdc.core.refdata import reference_row_update
from tdc.inspections import selectors, services
from tdc.inspections.choices import InspectionStatus, PaymentStatus, PlanStatus
from tdc.inspections.models import RiskWeights
from tdc.inspections.tests.factories import (
    CampaignFactory,
    ExternalInspectionFactory,
    InspectionFactory,
    InspectionPlanFactory,
    OfficerFactory,
    SanctionDecisionFactory,
    SignedInspectionFactory,
    photo,
    sign_record,
)
from tdc.inspections.views.documents import inspection_document_context
from tdc.notifications.models import Notification
from tdc.testing.factories import COMMUNE_A, COMMUNE_A2, PROVINCE_A, OrganisationFactory, make_user

pytestmark = pytest.mark.django_db


def _squeeze(text: str) -> str:
    """Text without white space (PDF extraction breaks lines anywhere)."""
    return "".join(text.split())


def _submitted_plan() -> Any:
    plan = InspectionPlanFactory()
    CampaignFactory(plan=plan)
    return services.plan_submit(plan=plan, by=OfficerFactory())


def test_it_lets_only_a_leader_approve_a_plan() -> None:
    plan = _submitted_plan()
    with pytest.raises(PermissionDenied):
        services.plan_approve(plan=plan, by=OfficerFactory())
    leader = make_user("provincial_leader", province_id=PROVINCE_A)
    approved = services.plan_approve(plan=plan, by=leader)
    assert approved.status == PlanStatus.APPROVED
    assert approved.approved_by == leader


def test_it_refuses_a_leader_of_another_province() -> None:
    plan = _submitted_plan()
    with pytest.raises(PermissionDenied):
        services.plan_approve(plan=plan, by=make_user("provincial_leader", province_id="92"))


def test_it_returns_a_plan_with_a_reason_and_notifies_leaders_on_submit() -> None:
    leader = make_user("provincial_leader", province_id=PROVINCE_A)
    plan = _submitted_plan()
    assert Notification.objects.filter(recipient=leader).exists()
    with pytest.raises(ValidationError):
        services.plan_return(plan=plan, by=leader, reason=" ")
    returned = services.plan_return(plan=plan, by=leader, reason="Thiếu chợ Phước Lý")
    assert returned.status == PlanStatus.RETURNED
    assert returned.return_reason == "Thiếu chợ Phước Lý"


def test_it_refuses_to_submit_a_plan_without_campaigns() -> None:
    plan = InspectionPlanFactory()
    with pytest.raises(ValidationError):
        services.plan_submit(plan=plan, by=OfficerFactory())


def test_it_explains_the_risk_score_and_follows_the_weights_version(org_a: Any) -> None:
    admin = make_user("system_admin")
    user = OfficerFactory()
    head = OfficerFactory()
    inspection = InspectionFactory(
        organisation=org_a, by=head, inspected_on=timezone.localdate() - dt.timedelta(days=30)
    )
    services.violation_add(
        inspection=inspection,
        by=head,
        violation_code="nd119-d9-k2",
        committed_on=inspection.inspected_on,
    )
    ranked, weights = selectors.risk_ranking(user=user)
    row = next(r for r in ranked if r.organisation.pk == org_a.pk)
    assert row.score.total == sum(c.points for c in row.score.contributions)
    assert row.score.version == weights.version_label
    violations = next(c for c in row.score.contributions if c.factor == "violations")
    assert violations.points > 0
    reference_row_update(row=weights, by=admin, reason="test", violation_weight=Decimal(10))
    ranked2, weights2 = selectors.risk_ranking(user=user)
    row2 = next(r for r in ranked2 if r.organisation.pk == org_a.pk)
    violations2 = next(c for c in row2.score.contributions if c.factor == "violations")
    assert violations2.points == violations.points * 2
    assert weights2.version > weights.version


def test_it_warns_when_a_target_was_inspected_in_the_last_year(org_a: Any) -> None:
    plan = InspectionPlanFactory()
    campaign = CampaignFactory(plan=plan)
    ExternalInspectionFactory(
        organisation=org_a, inspected_on=campaign.start_date - dt.timedelta(days=40)
    )
    _target, conflicts = services.campaign_target_add(
        campaign=campaign, organisation=org_a, by=OfficerFactory()
    )
    assert [c.agency for c in conflicts] == ["Quản lý thị trường"]
    other = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A)
    _target, none = services.campaign_target_add(
        campaign=campaign, organisation=other, by=OfficerFactory()
    )
    assert none == []
    assert org_a.pk in selectors.campaign_conflicts(campaign)


def test_it_saves_checklist_answers_once_per_item(org_a: Any) -> None:
    head = OfficerFactory()
    inspection = InspectionFactory(organisation=org_a, by=head)
    item = selectors.checklist_items(inspection.area, inspection.inspected_on)[0]
    services.answer_save(inspection=inspection, by=head, item_code=item.code, answer="compliant")
    services.answer_save(
        inspection=inspection, by=head, item_code=item.code, answer="non_compliant", note="Sai số"
    )
    assert inspection.answers.count() == 1
    assert inspection.answers.get().answer == "non_compliant"
    with pytest.raises(ValidationError):
        services.answer_save(
            inspection=inspection, by=head, item_code=item.code, answer="non_compliant"
        )
    with pytest.raises(ValidationError):
        services.answer_save(
            inspection=inspection, by=head, item_code="fuel-99", answer="compliant"
        )


def test_it_accepts_photos_and_refuses_other_files(org_a: Any) -> None:
    head = OfficerFactory()
    inspection = InspectionFactory(organisation=org_a, by=head)
    assert services.photo_add(inspection=inspection, by=head, uploaded_file=photo()).pk
    with pytest.raises(ValidationError):
        services.photo_add(
            inspection=inspection,
            by=head,
            uploaded_file=SimpleUploadedFile("x.pdf", b"%PDF-1.4 not a photo"),
        )


def test_it_finalises_the_record_when_both_have_signed(org_a: Any) -> None:
    head = OfficerFactory()
    inspection = SignedInspectionFactory(organisation=org_a, by=head)
    assert inspection.status == InspectionStatus.RECORDED
    assert inspection.record_number
    assert inspection.suspension_due is not None
    with pytest.raises(ValidationError):
        services.answer_save(
            inspection=inspection, by=head, item_code="scale-01", answer="compliant"
        )


def test_it_renders_the_record_pdf_with_number_and_organisation(org_a: Any) -> None:
    head = OfficerFactory()
    inspection = SignedInspectionFactory(organisation=org_a, by=head)
    pdf = render_pdf(
        template_code="inspection_record", context=inspection_document_context(inspection, None)
    )
    text = _squeeze("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    assert _squeeze(inspection.decision_number) in text
    assert _squeeze(inspection.record_number) in text
    assert _squeeze(org_a.name) in text


def test_it_refuses_a_decision_without_a_signed_record(org_a: Any) -> None:
    head = OfficerFactory()
    inspection = InspectionFactory(organisation=org_a, by=head)
    services.violation_add(
        inspection=inspection,
        by=head,
        violation_code="nd119-d9-k2",
        committed_on=inspection.inspected_on,
    )
    with pytest.raises(ValidationError) as caught:
        services.decision_issue(inspection=inspection, by=head, decided_on=timezone.localdate())
    assert caught.value.error_list[0].code == "record_not_signed"


def test_it_refuses_an_unknown_article(org_a: Any) -> None:
    head = OfficerFactory()
    inspection = InspectionFactory(organisation=org_a, by=head)
    with pytest.raises(ValidationError) as caught:
        services.violation_add(
            inspection=inspection,
            by=head,
            violation_code="nd119-d99-k9",
            committed_on=inspection.inspected_on,
        )
    assert "violation_type" in caught.value.message_dict


def test_it_refuses_a_fine_outside_the_range_with_the_range(org_a: Any) -> None:
    head = OfficerFactory()
    inspection = InspectionFactory(organisation=org_a, by=head)
    with pytest.raises(ValidationError) as caught:
        services.violation_add(
            inspection=inspection,
            by=head,
            violation_code="nd119-d9-k2",
            committed_on=inspection.inspected_on,
            proposed_fine=Decimal(100_000_000),
        )
    message = " ".join(caught.value.message_dict["proposed_fine"])
    assert "4,000,000" in message and "8,000,000" in message  # organisation: × 2
    violation = services.violation_add(
        inspection=inspection,
        by=head,
        violation_code="nd119-d9-k2",
        committed_on=inspection.inspected_on,
        mitigating=2,
    )
    assert violation.proposed_fine == Decimal(4_000_000)
    assert violation.catalogue_version.startswith("inspections.violationtype@")


def test_it_refuses_a_decided_fine_outside_the_range(org_a: Any) -> None:
    head = OfficerFactory()
    inspection = InspectionFactory(organisation=org_a, by=head)
    violation = services.violation_add(
        inspection=inspection,
        by=head,
        violation_code="nd119-d9-k2",
        committed_on=inspection.inspected_on,
    )
    inspection = sign_record(inspection, head)
    with pytest.raises(ValidationError):
        services.decision_issue(
            inspection=inspection,
            by=head,
            decided_on=timezone.localdate(),
            fines={violation.pk: Decimal(1)},
        )


def test_it_records_payment_and_closes(org_a: Any) -> None:
    decision = SanctionDecisionFactory(organisation=org_a)
    head = OfficerFactory()
    with pytest.raises(ValidationError):
        services.inspection_close(inspection=decision.inspection, by=head)
    services.decision_payment_record(
        decision=decision, by=head, paid_on=decision.decided_on, receipt_number="BL-0001"
    )
    closed = services.inspection_close(inspection=decision.inspection, by=head)
    assert closed.status == InspectionStatus.CLOSED


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
    assert sent == {"remedies": 1, "overdue_payments": 1}
    decision.refresh_from_db()
    assert decision.payment_status == PaymentStatus.OVERDUE
    assert Notification.objects.filter(recipient=head).count() >= 2
    assert services.reminders_send(today=later) == {"remedies": 0, "overdue_payments": 0}


def test_it_computes_illegal_profit_for_a_violation(org_a: Any) -> None:
    head = OfficerFactory()
    inspection = InspectionFactory(organisation=org_a, by=head)
    violation = services.violation_add(
        inspection=inspection,
        by=head,
        violation_code="nd119-d14-k2",
        committed_on=inspection.inspected_on,
        offender_kind="individual",
    )
    violation = services.violation_profit_set(
        violation=violation,
        by=head,
        method="measurement",
        inputs={
            "total_traded": "100000",
            "error_found": "0.015",
            "mpe": "0.005",
            "price_at_start": "19000",
            "price_at_detection": "21000",
        },
    )
    assert violation.illegal_profit == Decimal(20_000_000)


def test_it_keeps_commune_officers_to_their_commune(org_a: Any) -> None:
    other = OrganisationFactory(province_id=PROVINCE_A, commune_id=COMMUNE_A2)
    mine = InspectionFactory(organisation=org_a)
    theirs = InspectionFactory(organisation=other)
    commune_officer = make_user("commune_officer", commune_id=COMMUNE_A)
    visible = set(selectors.inspection_list(user=commune_officer).values_list("pk", flat=True))
    assert mine.pk in visible
    assert theirs.pk not in visible
    with pytest.raises(Http404):
        selectors.inspection_get_for_user(user=commune_officer, pk=theirs.pk)


def test_it_loads_weights_as_reference_data() -> None:
    row = RiskWeights.objects.get(code="default")
    assert row.legal_basis
    assert row.version_label.startswith("inspections.riskweights@")


def test_it_runs_the_daily_reminder_command(org_a: Any) -> None:
    from django.core.management import call_command

    decision = SanctionDecisionFactory(organisation=org_a)
    out = io.StringIO()
    later = decision.payment_due + dt.timedelta(days=1)
    call_command("inspection_reminders", date=later.isoformat(), stdout=out)
    assert "fines marked overdue: 1" in out.getvalue()
