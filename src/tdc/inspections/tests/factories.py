"""factory_boy factories of inspection records, for tests and the permission matrix.

Records with invariants (numbers, versions, the audit trail, the workflow) are made by the
services, as the screens make them: each factory's ``by`` is the acting officer (by default a
provincial officer of the record's province) and its other declarations are the service's
arguments.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tdc.core.roles import Role
from tdc.inspections import services
from tdc.inspections.choices import (
    Answer,
    CampaignKind,
    InspectionArea,
    SignatureRole,
    TeamRole,
)
from tdc.inspections.models import (
    Campaign,
    ExternalInspection,
    Inspection,
    InspectionPlan,
    RiskWeights,
    SanctionDecision,
    Violation,
)
from tdc.inspections.selectors import checklist_items
from tdc.testing.factories import PROVINCE_A, OrganisationFactory, make_user

if TYPE_CHECKING:
    from tdc.accounts.models import User

#: The act most tests record: Điều 9 khoản 2 NĐ 119/2017 (scales without a valid stamp).
ACT = "nd119-d9-k2"


def png_bytes(colour: tuple[int, int, int] = (0, 0, 0)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def photo(name: str = "photo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes((200, 10, 10)), content_type="image/png")


class OfficerFactory(factory.django.DjangoModelFactory):
    """A provincial officer (of province A unless told), made as the personas are."""

    class Meta:
        model = "accounts.User"

    role = Role.PROVINCIAL_OFFICER
    province_id = PROVINCE_A

    @classmethod
    def _create(cls, model_class: Any, *args: Any, role: str, **fields: Any) -> Any:
        return make_user(role, **fields)


def _officer_of(province_id: str) -> Any:
    return OfficerFactory(province_id=province_id)


class InspectionPlanFactory(factory.django.DjangoModelFactory):
    """A draft annual plan of this year (``plan_create``)."""

    class Meta:
        model = InspectionPlan

    province_id = PROVINCE_A
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    title = "Kế hoạch kiểm tra đo lường"
    legal_basis = "Luật Đo lường 2011"
    by = factory.LazyAttribute(lambda o: _officer_of(o.province_id))

    @classmethod
    def _create(cls, model_class: Any, *args: Any, by: User, **fields: Any) -> InspectionPlan:
        return services.plan_create(by=by, **fields)


class CampaignFactory(factory.django.DjangoModelFactory):
    """A thematic campaign of market scales from March to November of its plan's year
    (``campaign_create``)."""

    class Meta:
        model = Campaign

    plan = factory.SubFactory(InspectionPlanFactory)
    title = "Kiểm tra cân tại chợ"
    kind = CampaignKind.THEMATIC
    area = InspectionArea.MARKET_SCALES
    start_date = factory.LazyAttribute(lambda o: dt.date(o.plan.year, 3, 1))
    end_date = factory.LazyAttribute(lambda o: dt.date(o.plan.year, 11, 30))
    notes = ""
    by = factory.LazyAttribute(lambda o: _officer_of(o.plan.province_id))

    @classmethod
    def _create(cls, model_class: Any, *args: Any, by: User, **fields: Any) -> Campaign:
        return services.campaign_create(by=by, **fields)


class InspectionFactory(factory.django.DjangoModelFactory):
    """A draft inspection of market scales today, whose team is its head ``by``
    (``inspection_create``)."""

    class Meta:
        model = Inspection

    organisation = factory.SubFactory(OrganisationFactory)
    area = InspectionArea.MARKET_SCALES
    inspected_on = factory.LazyFunction(timezone.localdate)
    by = factory.LazyAttribute(lambda o: _officer_of(o.organisation.province_id))
    team = factory.LazyAttribute(lambda o: [(o.by, TeamRole.HEAD)])

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **fields: Any) -> Inspection:
        return services.inspection_create(**fields)


class ViolationFactory(factory.django.DjangoModelFactory):
    """A violation of :data:`ACT` committed on the inspection day, recorded by the team's head
    (``violation_add``)."""

    class Meta:
        model = Violation

    inspection = factory.SubFactory(InspectionFactory)
    violation_code = ACT
    committed_on = factory.LazyAttribute(lambda o: o.inspection.inspected_on)
    by = factory.LazyAttribute(lambda o: o.inspection.created_by)

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **fields: Any) -> Violation:
        return services.violation_add(**fields)


def sign_record(inspection: Inspection, head: Any) -> Inspection:
    """Answer the first checklist item non-compliant, then both signatures."""
    item = checklist_items(inspection.area, inspection.inspected_on)[0]
    services.answer_save(
        inspection=inspection,
        by=head,
        item_code=item.code,
        answer=Answer.NON_COMPLIANT,
        note="Cân sai",
    )
    services.signature_add(
        inspection=inspection, by=head, role=SignatureRole.INSPECTED_PARTY, png=png_bytes()
    )
    return services.signature_add(
        inspection=inspection, by=head, role=SignatureRole.TEAM_HEAD, png=png_bytes()
    )


class SignedInspectionFactory(InspectionFactory):
    """An inspection whose record both parties signed (:func:`sign_record`); with
    ``violation_code``, a violation of that act is recorded before the signatures."""

    violation_code: str | None = None

    @classmethod
    def _create(
        cls, model_class: Any, *args: Any, violation_code: str | None = None, **fields: Any
    ) -> Inspection:
        inspection = super()._create(model_class, *args, **fields)
        if violation_code:
            ViolationFactory(inspection=inspection, violation_code=violation_code)
        return sign_record(inspection, fields["by"])


class SanctionDecisionFactory(factory.django.DjangoModelFactory):
    """A decision of today on a signed inspection of ``organisation`` with one violation of
    :data:`ACT` at its proposed fine, issued by the team's head (``decision_issue``)."""

    class Meta:
        model = SanctionDecision

    class Params:
        organisation = factory.SubFactory(OrganisationFactory)

    inspection = factory.LazyAttribute(
        lambda o: SignedInspectionFactory(organisation=o.organisation, violation_code=ACT)
    )
    decided_on = factory.LazyFunction(timezone.localdate)
    by = factory.LazyAttribute(lambda o: o.inspection.created_by)

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **fields: Any) -> SanctionDecision:
        return services.decision_issue(**fields)


class ExternalInspectionFactory(factory.django.DjangoModelFactory):
    """Market management's inspection of the organisation today
    (``external_inspection_create``)."""

    class Meta:
        model = ExternalInspection

    organisation = factory.SubFactory(OrganisationFactory)
    agency = "Quản lý thị trường"
    inspected_on = factory.LazyFunction(timezone.localdate)
    subject = "Kiểm tra nhãn hàng hóa"
    reference = "12/BB-QLTT"
    notes = ""
    by = factory.LazyAttribute(lambda o: _officer_of(o.organisation.province_id))

    @classmethod
    def _create(cls, model_class: Any, *args: Any, by: User, **fields: Any) -> ExternalInspection:
        return services.external_inspection_create(by=by, **fields)


class RiskWeightsFactory(factory.django.DjangoModelFactory):
    """A version of the risk-score weights (reference data) with the default weights."""

    class Meta:
        model = RiskWeights

    code = factory.Sequence(lambda n: f"test-{n}")
    effective_from = dt.date(2025, 1, 1)
