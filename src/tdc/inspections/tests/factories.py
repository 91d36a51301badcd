"""Builders of inspection records for tests (and the permission matrix)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tdc.inspections import services
from tdc.inspections.choices import CampaignKind, InspectionArea, SignatureRole, TeamRole
from tdc.inspections.models import Campaign, Inspection, InspectionPlan, SanctionDecision
from tdc.testing.factories import make_user


def png_bytes(colour: tuple[int, int, int] = (0, 0, 0)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def photo(name: str = "photo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes((200, 10, 10)), content_type="image/png")


def officer(province_id: str) -> Any:
    return make_user("provincial_officer", province_id=province_id)


def make_plan(*, province_id: str, by: Any = None, year: int | None = None) -> InspectionPlan:
    by = by or officer(province_id)
    return services.plan_create(
        by=by,
        province_id=province_id,
        year=year or timezone.localdate().year,
        title="Kế hoạch kiểm tra đo lường",
        legal_basis="Luật Đo lường 2011",
    )


def make_campaign(
    plan: InspectionPlan, *, by: Any = None, area: str = InspectionArea.MARKET_SCALES
) -> Campaign:
    by = by or officer(plan.province_id)
    year = plan.year
    return services.campaign_create(
        plan=plan,
        by=by,
        title="Kiểm tra cân tại chợ",
        kind=CampaignKind.THEMATIC,
        area=area,
        start_date=dt.date(year, 3, 1),
        end_date=dt.date(year, 11, 30),
        notes="",
    )


def make_inspection(
    organisation: Any,
    *,
    by: Any = None,
    area: str = InspectionArea.MARKET_SCALES,
    on: dt.date | None = None,
) -> Inspection:
    by = by or officer(organisation.province_id)
    return services.inspection_create(
        by=by,
        organisation=organisation,
        area=area,
        inspected_on=on or timezone.localdate(),
        team=[(by, TeamRole.HEAD)],
    )


def sign_record(inspection: Inspection, head: Any) -> Inspection:
    """Answer one item non-compliant, then both signatures."""
    from tdc.inspections.selectors import checklist_items

    item = checklist_items(inspection.area, inspection.inspected_on)[0]
    services.answer_save(
        inspection=inspection, by=head, item_code=item.code, answer="non_compliant", note="Cân sai"
    )
    services.signature_add(
        inspection=inspection, by=head, role=SignatureRole.INSPECTED_PARTY, png=png_bytes()
    )
    return services.signature_add(
        inspection=inspection, by=head, role=SignatureRole.TEAM_HEAD, png=png_bytes()
    )


def make_decision(organisation: Any) -> SanctionDecision:
    head = officer(organisation.province_id)
    inspection = make_inspection(organisation, by=head)
    services.violation_add(
        inspection=inspection,
        by=head,
        violation_code="nd119-d9-k2",
        committed_on=inspection.inspected_on,
    )
    inspection = sign_record(inspection, head)
    return services.decision_issue(inspection=inspection, by=head, decided_on=timezone.localdate())
