"""The demo province's inspections: this year's annual plan with three thematic campaigns
(fuel stations, market scales, prepackaged quantity), submitted by the officer and approved by
the leader; inspections under each campaign with their checklists answered and the record
signed by both parties; violations where something was wrong, sanction decisions on them, most
paid, and the finished cases closed. Everything goes through the services, as the officers
would do it on screen.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from typing import Any

from django.core.exceptions import ValidationError
from PIL import Image

from tdc.core.demo import day_between, person_name
from tdc.core.modules import DemoContext
from tdc.inspections.choices import (
    Answer,
    CampaignKind,
    InspectionArea,
    SignatureRole,
    TeamRole,
)
from tdc.inspections.models import InspectionPlan, ViolationType
from tdc.inspections.selectors import checklist_items
from tdc.inspections.services import (
    answer_save,
    campaign_create,
    decision_issue,
    decision_payment_record,
    inspection_close,
    inspection_create,
    plan_approve,
    plan_create,
    plan_submit,
    signature_add,
    violation_add,
    violation_official_amount_set,
)

#: Campaign area → (title, organisation group inspected, first and last month, inspections).
CAMPAIGNS = {
    InspectionArea.FUEL_METROLOGY: ("Kiểm tra đo lường tại cửa hàng xăng dầu", "fuel", 3, 6, 14),
    InspectionArea.MARKET_SCALES: ("Kiểm tra cân tại các chợ", "trader", 4, 11, 14),
    InspectionArea.PREPACKAGED_QUANTITY: (
        "Kiểm tra định lượng hàng đóng gói sẵn",
        "packer",
        6,
        11,
        10,
    ),
}
FINDINGS: dict[str, str] = {
    InspectionArea.FUEL_METROLOGY: (
        "Cột đo số 3 có sai số vượt mức cho phép khi kiểm tra bằng bình chuẩn."
    ),
    InspectionArea.MARKET_SCALES: "Cân đồng hồ không có tem kiểm định còn hiệu lực.",
    InspectionArea.PREPACKAGED_QUANTITY: (
        "Lô đường túi 1 kg có lượng thiếu trung bình vượt mức cho phép."
    ),
}


def _png(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def _approved_plan(context: DemoContext) -> list[tuple[Any, str, dt.date, int]]:
    """This year's plan with its campaigns, submitted and approved: (campaign, group, last
    day to inspect, number of inspections) for each campaign."""
    today = context.today
    users = context.objects["users"]
    officer = users["canbo"]
    plan = plan_create(
        by=officer,
        province_id=context.province_id,
        year=today.year,
        title=f"Kế hoạch kiểm tra nhà nước về đo lường, chất lượng năm {today.year}",
        legal_basis="Luật Đo lường 2011; Luật Chất lượng sản phẩm, hàng hóa 2007; "
        "Nghị định 119/2017/NĐ-CP",
    )
    campaigns = []
    for area, (title, group, first, last, count) in CAMPAIGNS.items():
        start = dt.date(today.year, first, 1)
        end = dt.date(today.year, last + 1, 1) - dt.timedelta(days=1)
        campaign = campaign_create(
            plan=plan,
            by=officer,
            title=title,
            kind=CampaignKind.THEMATIC,
            area=area,
            start_date=start,
            end_date=end,
            notes="",
        )
        campaigns.append((campaign, group, min(end, today - dt.timedelta(days=1)), count))
    plan = plan_submit(plan=plan, by=officer)
    plan = plan_approve(plan=plan, by=users["lanhdao"])
    for campaign, *_rest in campaigns:
        campaign.plan = plan
    return campaigns


def _inspect(
    context: DemoContext,
    *,
    campaign: Any,
    organisation: Any,
    day: dt.date,
    violation: Any,
    paid: bool,
    done: dict[str, int],
) -> None:
    """One inspection: checklist, violation (if any), both signatures, decision, payment."""
    rng, users = context.random, context.objects["users"]
    officer = users["canbo"]
    inspection = inspection_create(
        by=officer,
        organisation=organisation,
        area=campaign.area,
        inspected_on=day,
        campaign=campaign,
        team=[(officer, TeamRole.HEAD), (users["thanhtra"], TeamRole.MEMBER)],
    )
    done["inspections"] += 1
    for index, item in enumerate(checklist_items(campaign.area, day)):
        wrong = violation is not None and index == 0
        answer_save(
            inspection=inspection,
            by=officer,
            item_code=item.code,
            answer=Answer.NON_COMPLIANT if wrong else Answer.COMPLIANT,
            note=FINDINGS.get(campaign.area, "") if wrong else "",
        )
    if violation is not None:
        added = violation_add(
            inspection=inspection,
            by=officer,
            violation_code=violation.code,
            committed_on=day,
            description=FINDINGS.get(campaign.area, violation.description),
        )
        if added.awaits_official_amount:
            # The catalogue row is a placeholder: the officer enters the official amount first,
            # as the sanction guard requires (the demo takes the proposed fine).
            violation_official_amount_set(
                violation=added,
                by=officer,
                amount=added.proposed_fine,
                citation=f"{violation.citation} (dữ liệu mẫu: số tiền nhập để minh họa)",
            )
        done["violations"] += 1
    for role, colour in (
        (SignatureRole.INSPECTED_PARTY, (20, 20, 120)),
        (SignatureRole.TEAM_HEAD, (120, 20, 20)),
    ):
        inspection = signature_add(inspection=inspection, by=officer, role=role, png=_png(colour))
    if violation is not None:
        decided = day + dt.timedelta(days=rng.randint(3, 10))
        decision = decision_issue(
            inspection=inspection, by=officer, decided_on=decided, signed_by_name=person_name(rng)
        )
        done["decisions"] += 1
        if paid:
            decision_payment_record(
                decision=decision,
                by=officer,
                paid_on=min(decided + dt.timedelta(days=rng.randint(2, 9)), context.today),
                receipt_number=f"BL-{decided.year}-{rng.randint(1000, 9999)}",
            )
            done["payments"] += 1
    if violation is None or rng.random() < 0.5:
        # Still waiting on a payment or a remedy: it stays open, as in life.
        with contextlib.suppress(ValidationError):
            inspection_close(inspection=inspection, by=officer)


def seed_inspections(*, context: DemoContext) -> None:
    """Demo seeder: the approved plan, its inspections, violations, decisions and payments."""
    rng = context.random
    year = context.today.year
    if InspectionPlan.objects.filter(province_id=context.province_id, year=year).exists():
        return
    orgs = context.objects["organisations"]
    done = {"inspections": 0, "violations": 0, "decisions": 0, "payments": 0}
    for campaign, group, last_day, count in _approved_plan(context):
        if campaign.start_date > last_day - dt.timedelta(days=20):
            continue
        codes = list(
            ViolationType.objects.in_force_on(campaign.start_date)
            .filter(area=campaign.area)
            .order_by("code")
        )
        pool = orgs.get(group) or orgs["fuel"]
        for n in range(context.sized(count, minimum=2)):
            violated = bool(codes) and (n == 0 or rng.random() < 0.4)
            _inspect(
                context,
                campaign=campaign,
                organisation=pool[0] if n == 0 else rng.choice(pool),
                day=day_between(rng, campaign.start_date, last_day - dt.timedelta(days=20)),
                violation=rng.choice(codes) if violated else None,
                paid=n == 0 or rng.random() < 0.7,
                done=done,
            )
    context.counts.update(done)
