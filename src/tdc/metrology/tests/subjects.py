"""Records of this app inside and outside a persona's jurisdiction, for the permission
matrix (declared as ``matrix_subjects`` in ``tdc.metrology.module``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from tdc.testing.subjects import Jurisdiction, subject

if TYPE_CHECKING:
    from tdc.metrology.models import Instrument, MeasurementStandard, Verification, Verifier


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
