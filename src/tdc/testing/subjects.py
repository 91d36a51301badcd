"""Per-model builders of one record inside and one outside a persona's jurisdiction.

The permission-matrix test needs, for every scoped model behind a registered view, a record in
jurisdiction A (province A, commune A, organisation A) and one in jurisdiction B. Each domain
app adds its builder here; a registered model without one fails the matrix test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from tdc.metrology.models import Instrument, MeasurementStandard, Verification, Verifier


@dataclass
class Jurisdiction:
    province_id: str
    commune_id: str
    organisation: Any


Builder = Callable[[Jurisdiction], models.Model]
SUBJECTS: dict[str, Builder] = {}


def subject[B: Builder](label: str) -> Callable[[B], B]:
    def register(fn: B) -> B:
        SUBJECTS[label] = fn
        return fn

    return register


@subject("registry.Organisation")
def _organisation(where: Jurisdiction) -> models.Model:
    return where.organisation


@subject("core.AuditEvent")
def _audit_event(where: Jurisdiction) -> models.Model:
    from tdc.core.audit import audit_record
    from tdc.core.models import AuditAction

    return audit_record(actor=None, obj=where.organisation, action=AuditAction.UPDATED)


@subject("attachments.Attachment")
def _attachment(where: Jurisdiction) -> models.Model:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tdc.attachments.services import attachment_add
    from tdc.testing.factories import make_user

    return attachment_add(
        parent=where.organisation,
        by=make_user("system_admin"),
        uploaded_file=SimpleUploadedFile("minutes.txt", "Biên bản kiểm tra".encode()),
    )


_template_serial = iter(range(1, 1_000_000))


@subject("notifications.NotificationTemplate")
def _notification_template(where: Jurisdiction) -> models.Model:
    from tdc.notifications.models import NotificationTemplate

    return NotificationTemplate.objects.create(
        event_type=f"test.event{next(_template_serial)}",
        name="Test event",
        subject="Test {{ title }}",
        body="Body",
    )


@subject("accounts.User")
def _user(where: Jurisdiction) -> models.Model:
    from tdc.testing.factories import make_user

    return make_user("provincial_officer", province_id=where.province_id)


@subject("core.DocumentTemplate")
def _document_template(where: Jurisdiction) -> models.Model:
    from tdc.core.models import DocumentTemplate
    from tdc.core.views_documents import default_source

    # Document templates are nation-wide configuration: "inside" and "outside" differ only by code.
    code = "sample" if where.province_id == "80" else "sample-b"
    return DocumentTemplate.objects.create(code=code, title=code, html=default_source("sample"))


@subject("complaints.Complaint")
def _complaint(where: Jurisdiction) -> models.Model:
    from tdc.complaints.services import complaint_submit
    from tdc.places.models import Commune, Province

    return complaint_submit(
        category="market_scales",
        province=Province.objects.get(pk=where.province_id),
        commune=Commune.objects.get(pk=where.commune_id),
        description="Cân ở chợ thiếu khối lượng",
        business_name=where.organisation.name,
        reporter={"name": "Nguyễn Văn Báo", "phone": "0901234567"},
    )


@subject("prepackages.QuantityInspection")
def _quantity_inspection(where: Jurisdiction) -> models.Model:
    from tdc.prepackages.tests.factories import make_inspection

    return make_inspection(
        packer=where.organisation, province_id=where.province_id, commune_id=where.commune_id
    )


@subject("prepackages.ProvinceRulesSetting")
def _prepackage_rules_setting(where: Jurisdiction) -> models.Model:
    from tdc.prepackages.models import ProvinceRulesSetting

    return ProvinceRulesSetting.objects.get_or_create(
        province_id=where.province_id, defaults={"rules_version": "vn-tt21-2014"}
    )[0]


@subject("prepackages.MarkDeclaration")
def _mark_declaration(where: Jurisdiction) -> models.Model:
    import datetime as dt

    from tdc.prepackages.services import declaration_receive
    from tdc.testing.factories import make_user

    return declaration_receive(
        by=make_user("system_admin"),
        declarant=where.organisation,
        province=where.organisation.province,
        products="Nước mắm 500 mL",
        received_on=dt.date(2026, 3, 2),
    )


@subject("prepackages.MarkCertification")
def _mark_certification(where: Jurisdiction) -> models.Model:
    import datetime as dt

    from tdc.prepackages.services import certification_receive
    from tdc.testing.factories import make_user

    return certification_receive(
        by=make_user("system_admin"),
        applicant=where.organisation,
        province=where.organisation.province,
        products="Gas LPG 12 kg",
        received_on=dt.date(2026, 3, 2),
    )


# --- metrology --------------------------------------------------------------------------------

_metrology_serial = iter(range(1, 1_000_000))


@subject("metrology.Instrument")
def _instrument(where: Jurisdiction) -> Instrument:
    import datetime as dt

    from django.utils import timezone

    from tdc.metrology.models import Instrument

    return Instrument.objects.create(
        owner=where.organisation,
        type_code="fuel-dispenser",
        manufacturer="Tatsuno",
        serial_number=f"SN-{next(_metrology_serial)}",
        province_id=where.province_id,
        commune_id=where.commune_id,
        # Due soon, so that the due list shows it too.
        next_due_date=timezone.localdate() + dt.timedelta(days=10),
    )


@subject("metrology.Designation")
def _designation(where: Jurisdiction) -> models.Model:
    import datetime as dt

    from tdc.metrology.models import Designation, DesignationInstrumentType

    designation = Designation.objects.create(
        organisation=where.organisation,
        decision_number=f"{next(_metrology_serial)}/QĐ-TĐC",
        decision_date=dt.date(2025, 1, 2),
        valid_from=dt.date(2025, 1, 2),
        valid_to=dt.date(2030, 1, 1),
    )
    # A province's primary key is its code (a str); django-stubs assume integer keys.
    designation.provinces.set([where.province_id])  # type: ignore[list-item]
    DesignationInstrumentType.objects.create(designation=designation, type_code="fuel-dispenser")
    return designation


@subject("metrology.Verifier")
def _verifier(where: Jurisdiction) -> Verifier:
    import datetime as dt

    from tdc.metrology.models import Verifier

    return Verifier.objects.create(
        organisation=where.organisation,
        full_name="Trần Văn Kiểm",
        card_number=f"KĐV-{next(_metrology_serial)}",
        valid_from=dt.date(2025, 1, 2),
        valid_to=dt.date(2030, 1, 1),
    )


@subject("metrology.MeasurementStandard")
def _measurement_standard(where: Jurisdiction) -> MeasurementStandard:
    from tdc.metrology.models import MeasurementStandard

    return MeasurementStandard.objects.create(
        level="working",
        name="Bình chuẩn kim loại 20 L",
        quantity="volume",
        serial_number=f"BC-{next(_metrology_serial)}",
        holder=where.organisation,
    )


@subject("metrology.OutOfToleranceFinding")
def _out_of_tolerance_finding(where: Jurisdiction) -> models.Model:
    import datetime as dt

    from tdc.metrology.models import OutOfToleranceFinding

    return OutOfToleranceFinding.objects.create(
        standard=_measurement_standard(where), found_on=dt.date(2026, 3, 1)
    )


@subject("metrology.Market")
def _market(where: Jurisdiction) -> models.Model:
    from tdc.metrology.models import Market

    return Market.objects.create(
        name=f"Chợ {next(_metrology_serial)}",
        province_id=where.province_id,
        commune_id=where.commune_id,
        management_board=where.organisation,
    )


@subject("metrology.Verification")
def _verification(where: Jurisdiction) -> Verification:
    import datetime as dt

    from tdc.metrology.models import Verification

    instrument = _instrument(where)
    return Verification.objects.create(
        instrument=instrument,
        kind="periodic",
        verified_on=dt.date(2026, 5, 4),
        organisation=where.organisation,
        verifier=_verifier(where),
        result="passed",
        certificate_number=f"{next(_metrology_serial):06d}/2026/GCNKĐ",
        valid_until=dt.date(2027, 5, 3),
        type_code=instrument.type_code,
        province_id=where.province_id,
        commune_id=where.commune_id,
        owner=where.organisation,
    )


@subject("metrology.Certificate")
def _certificate(where: Jurisdiction) -> models.Model:
    from tdc.metrology.models import Certificate

    verification = _verification(where)
    number = verification.certificate_number
    assert number is not None  # the verification above is numbered
    return Certificate.objects.create(
        verification=verification,
        number=number,
        issued_by=where.organisation,
        issued_on=verification.verified_on,
        instrument_name="Cột đo xăng dầu",
        serial_number=verification.instrument.serial_number,
        owner_name=where.organisation.name,
        valid_until=verification.valid_until,
        verifier_name="Trần Văn Kiểm",
        province_id=where.province_id,
        commune_id=where.commune_id,
        owner=where.organisation,
    )


@subject("metrology.StampBatch")
def _stamp_batch(where: Jurisdiction) -> models.Model:
    import datetime as dt

    from tdc.metrology.models import StampBatch

    start = next(_metrology_serial) * 1000
    return StampBatch.objects.create(
        organisation=where.organisation,
        kind="sticker",
        prefix="PM",
        first_number=start,
        last_number=start + 99,
        issued_on=dt.date(2026, 1, 5),
    )


@subject("inspections.InspectionPlan")
def _inspection_plan(where: Jurisdiction) -> models.Model:
    from tdc.inspections.tests.factories import make_campaign, make_plan

    plan = make_plan(province_id=where.province_id)
    make_campaign(plan)
    return plan


@subject("inspections.Campaign")
def _inspection_campaign(where: Jurisdiction) -> models.Model:
    from tdc.inspections.tests.factories import make_campaign, make_plan

    return make_campaign(make_plan(province_id=where.province_id))


@subject("inspections.Inspection")
def _inspection(where: Jurisdiction) -> models.Model:
    from tdc.inspections.tests.factories import make_inspection

    return make_inspection(where.organisation)


@subject("inspections.SanctionDecision")
def _sanction_decision(where: Jurisdiction) -> models.Model:
    from tdc.inspections.tests.factories import make_decision

    return make_decision(where.organisation)


@subject("inspections.ExternalInspection")
def _external_inspection(where: Jurisdiction) -> models.Model:
    from django.utils import timezone

    from tdc.inspections.services import external_inspection_create

    return external_inspection_create(
        by=None,
        organisation=where.organisation,
        agency="Quản lý thị trường",
        inspected_on=timezone.localdate(),
        subject="Kiểm tra nhãn hàng hóa",
        reference="12/BB-QLTT",
        notes="",
    )


@subject("inspections.RiskWeights")
def _risk_weights(where: Jurisdiction) -> models.Model:
    import datetime as dt

    from tdc.inspections.models import RiskWeights

    # Weights are nation-wide reference data: "inside" and "outside" differ only by code.
    return RiskWeights.objects.create(
        code=f"test-{where.province_id}", effective_from=dt.date(2025, 1, 1)
    )


@subject("inspections.Violation")
def _inspection_violation(where: Jurisdiction) -> models.Model:
    from tdc.inspections.services import violation_add
    from tdc.inspections.tests.factories import make_inspection, officer

    head = officer(where.province_id)
    inspection = make_inspection(where.organisation, by=head)
    return violation_add(
        inspection=inspection,
        by=head,
        violation_code="nd119-d9-k2",
        committed_on=inspection.inspected_on,
    )
