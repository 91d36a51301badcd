"""Test data for due lists, statistics and reverse traceability: verifications written
directly (the verification service is tested on its own)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from tdc.metrology.models import (
    Instrument,
    MeasurementStandard,
    StandardCalibration,
    Verification,
    VerificationStandard,
    Verifier,
)
from tdc.registry.choices import OrganisationKind
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory

_serial = itertools.count(1)


def make_lab(province_id: str = PROVINCE_A, name: str = "Trung tâm Kiểm định") -> Any:
    return OrganisationFactory(
        kind=OrganisationKind.VERIFICATION_ORG, province_id=province_id, name=name
    )


def make_verifier(lab: Any) -> Verifier:
    return Verifier.objects.create(
        organisation=lab,
        full_name="Lê Kiểm",
        card_number=f"KĐV-{next(_serial)}",
        valid_from=dt.date(2020, 1, 1),
        valid_to=dt.date(2030, 12, 31),
    )


def make_instrument(
    owner: Any,
    *,
    province_id: str = PROVINCE_A,
    commune_id: str | None = COMMUNE_A,
    due: dt.date | None = None,
    type_code: str = "fuel-dispenser",
    **extra: Any,
) -> Instrument:
    return Instrument.objects.create(
        owner=owner,
        type_code=type_code,
        manufacturer="Tatsuno",
        serial_number=f"T-{next(_serial)}",
        province_id=province_id,
        commune_id=commune_id,
        next_due_date=due,
        **extra,
    )


def make_standard(
    holder: Any, *, level: str = "working", parent: Any = None, name: str = ""
) -> Any:
    return MeasurementStandard.objects.create(
        level=level,
        name=name or f"Chuẩn {level} {next(_serial)}",
        quantity="volume",
        holder=holder,
        parent=parent,
    )


def calibrate(
    standard: MeasurementStandard, day: dt.date, result: str = "in_tolerance"
) -> StandardCalibration:
    return StandardCalibration.objects.create(
        standard=standard,
        laboratory_name="Viện Đo lường Việt Nam",
        certificate_number=f"HC-{next(_serial)}",
        calibrated_on=day,
        valid_until=day + dt.timedelta(days=365),
        result=result,
    )


def make_verification(
    instrument: Instrument,
    lab: Any,
    verifier: Verifier,
    day: dt.date,
    *,
    standards: list[MeasurementStandard] = (),  # type: ignore[assignment]
    result: str = "passed",
    kind: str = "periodic",
) -> Verification:
    verification = Verification.objects.create(
        instrument=instrument,
        kind=kind,
        verified_on=day,
        organisation=lab,
        verifier=verifier,
        result=result,
        valid_until=day + dt.timedelta(days=365) if result == "passed" else None,
        type_code=instrument.type_code,
        province_id=instrument.province_id,
        commune_id=instrument.commune_id,
        owner_id=instrument.owner_id,
    )
    for standard in standards:
        calibration = (
            StandardCalibration.objects.filter(standard=standard, calibrated_on__lte=day)
            .order_by("-calibrated_on")
            .first()
        ) or calibrate(standard, day)
        VerificationStandard.objects.create(
            verification=verification, standard=standard, calibration=calibration
        )
    return verification
