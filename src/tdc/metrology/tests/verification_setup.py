"""A designated laboratory ready to verify: designation, verifier, calibrated standard, stock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tdc.core.roles import Role
from tdc.metrology import services
from tdc.metrology.models import (
    Designation,
    Instrument,
    MeasurementStandard,
    StampBatch,
    StandardCalibration,
    Verification,
    Verifier,
)
from tdc.places.models import Commune, Province
from tdc.registry.choices import OrganisationKind
from tdc.testing.factories import COMMUNE_A, PROVINCE_A, OrganisationFactory, make_user

D = Decimal
SCALE = "platform-counter-scale"
TYPES = [SCALE, "fuel-dispenser", "crane-scale", "cold-water-meter-electronic"]


@dataclass
class Lab:
    organisation: Any
    staff: Any
    officer: Any
    designation: Designation
    verifier: Verifier
    standard: MeasurementStandard
    calibration: StandardCalibration
    batch: StampBatch
    owner: Any


def make_lab(
    *,
    valid_from: dt.date = dt.date(2022, 6, 1),
    province_id: str = PROVINCE_A,
    prefix: str = "TN",
    **org: Any,
) -> Lab:
    officer = make_user(Role.PROVINCIAL_OFFICER, province_id=province_id)
    organisation: Any = OrganisationFactory(
        kind=OrganisationKind.VERIFICATION_ORG,
        name=org.pop("name", "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng"),
        province_id=province_id,
        **org,
    )
    staff = make_user(Role.VERIFICATION_STAFF, organisation=organisation, province_id=province_id)
    valid_to = services.add_years(valid_from, 5) - dt.timedelta(days=1)
    designation = services.designation_create(
        by=officer,
        type_codes=TYPES,
        provinces=[Province.objects.get(pk=province_id)],
        organisation=organisation,
        decision_number=f"{organisation.pk}/QĐ-TĐC",
        decision_date=valid_from,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    verifier = services.verifier_create(
        by=officer,
        type_codes=TYPES,
        organisation=organisation,
        designation=designation,
        full_name="Nguyễn Văn Kiểm",
        card_number=f"KĐV-{organisation.pk}",
        valid_from=valid_from,
        valid_to=valid_to,
    )
    standard = services.standard_create(
        by=officer,
        level="working",
        name="Bộ quả cân chuẩn M1 20 kg",
        quantity="mass",
        serial_number=f"QC-{organisation.pk}",
        holder=organisation,
    )
    calibration = services.standard_calibration_record(
        standard=standard,
        by=officer,
        laboratory_name="Viện Đo lường Việt Nam",
        certificate_number="V01.123/2020",
        calibrated_on=valid_from,
        valid_until=services.add_years(valid_from, 7),
        result="in_tolerance",
    )
    batch = services.stamp_batch_issue(
        by=officer,
        organisation=organisation,
        kind="sticker",
        prefix=prefix,
        first_number=1,
        last_number=500,
        issued_on=valid_from,
    )
    owner = OrganisationFactory(name="Hộ kinh doanh Cân Chợ Phước Lý", province_id=province_id)
    return Lab(
        organisation, staff, officer, designation, verifier, standard, calibration, batch, owner
    )


def make_scale(lab: Lab, serial: str = "CB-0001", by: Any = None, **extra: Any) -> Instrument:
    fields: dict[str, Any] = {
        "owner": lab.owner,
        "type_code": SCALE,
        "manufacturer": "Nhơn Hòa",
        "manufacturer_country": "Việt Nam",
        "model_name": "CĐH-30",
        "serial_number": serial,
        "type_approval_number": "PDM 012-2019",
        "accuracy_class": "III",
        "measuring_range": "0,2–30 kg",
        "max_capacity": D("30"),
        "min_capacity": D("0.2"),
        "verification_interval": D("0.01"),
        "unit": "kg",
        "province": Province.objects.get(pk=lab.owner.province_id),
        "commune": Commune.objects.get(pk=COMMUNE_A)
        if lab.owner.province_id == PROVINCE_A
        else None,
        "address": "Chợ Phước Lý, sạp 12",
    }
    fields.update(extra)
    return services.instrument_register(by=by or lab.officer, **fields)


GOOD_POINTS = [
    services.PointInput(reference=D("1"), indication=D("1.005")),
    services.PointInput(reference=D("10"), indication=D("10.01")),
    services.PointInput(reference=D("30"), indication=D("29.99")),
]


def verify(lab: Lab, instrument: Instrument, **overrides: Any) -> Verification:
    fields: dict[str, Any] = {
        "by": lab.staff,
        "instrument": instrument,
        "kind": "initial",
        "verified_on": dt.date(2026, 5, 4),
        "organisation": lab.organisation,
        "verifier": lab.verifier,
        "standards": [lab.standard],
        "points": GOOD_POINTS,
        "stamp_serial": "TN0000001",
    }
    fields.update(overrides)
    return services.verification_record(**fields)
