"""The demo province's legal metrology: who may verify (designations, verifiers, standards with
their calibration chains, sticker stock) made through the services; about 20,000 Group 2
instruments placed in the communes with map points; and their verification history
(:mod:`tdc.metrology.demo_history`); markets with reference weights and checks.

Volume is written in bulk, but every row follows the services' own rules: verifications are
made by a designated organisation's certified verifier with a standard calibrated that day,
a passed one carries the next certificate number of its issuer and year, the validity of the
Group 2 row in force that day and a sticker from the issuer's stock; the instrument's due
date is that of its latest verification (see :mod:`tdc.metrology.demo_history`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal as D
from typing import Any

from django.utils import translation

from tdc.core.audit import audit_bulk
from tdc.core.bulk import bulk_insert
from tdc.core.demo import commune_centre, person_name, point_near, street_address
from tdc.core.models import AuditAction
from tdc.core.modules import DemoContext
from tdc.metrology.choices import (
    CalibrationResult,
    MarketCheckResult,
    ReferenceWeightKind,
    StampKind,
    StandardLevel,
)
from tdc.metrology.models import (
    Designation,
    Instrument,
    MeasurementStandard,
    StampBatch,
    StandardCalibration,
    Verifier,
)
from tdc.metrology.rules.validity import add_years
from tdc.metrology.services import (
    designation_create,
    market_check_record,
    market_create,
    reference_weight_add,
    stamp_batch_issue,
    standard_calibration_record,
    standard_create,
    verifier_create,
)
from tdc.metrology.services.instruments import instrument_search_text
from tdc.places.selectors import communes_of_province, province_get


@dataclass(frozen=True)
class Kind:
    """One common Group 2 type of the demo: who owns it, how many in one province, what is
    marked on it, which standard verifies it and how often it fails."""

    code: str
    owners: str
    count: int
    makers: tuple[tuple[str, str, str], ...]  # (manufacturer, country, model)
    quantity: str
    failure_rate: float
    accuracy_class: str = ""
    measuring_range: str = ""
    unit: str = ""
    max_capacity: D | None = None
    min_capacity: D | None = None
    e: D | None = None
    at_laboratory: float = 0.0


KINDS: tuple[Kind, ...] = (
    Kind(
        "cold-water-meter-mechanical",
        "water",
        7300,
        (
            ("Zenner", "Đức", "MTKD-N"),
            ("Asahi", "Thái Lan", "GMK"),
            ("Minh Hòa", "Việt Nam", "MH-15"),
        ),
        "water",
        0.04,
        "R100",
        "Q3 = 2,5 m³/h",
        "m³",
        at_laboratory=1.0,
    ),
    Kind(
        "electricity-meter-1p-electronic",
        "power",
        7300,
        (
            ("EMIC", "Việt Nam", "CE-18G"),
            ("Gelex", "Việt Nam", "DT01P"),
            ("Landis+Gyr", "Thụy Sĩ", "E350"),
        ),
        "electric_energy",
        0.02,
        "1",
        "5(60) A, 220 V",
        "kWh",
        at_laboratory=1.0,
    ),
    Kind(
        "electricity-meter-3p-electronic",
        "power",
        900,
        (("EMIC", "Việt Nam", "ME-41"), ("Elster", "Đức", "A1700")),
        "electric_energy",
        0.03,
        "0.5S",
        "3×5(6) A, 3×230/400 V",
        "kWh",
        at_laboratory=1.0,
    ),
    Kind(
        "fuel-dispenser",
        "fuel",
        600,
        (
            ("Tatsuno", "Nhật Bản", "SUNNY"),
            ("Tokheim", "Pháp", "Quantium 310"),
            ("Tominco", "Việt Nam", "TMC-02"),
        ),
        "volume",
        0.05,
        "0.5",
        "5–50 L/min",
        "L",
    ),
    Kind(
        "platform-counter-scale",
        "trader",
        2100,
        (
            ("Nhơn Hòa", "Việt Nam", "CĐH-30"),
            ("Yamato", "Nhật Bản", "D-30"),
            ("Vibra", "Nhật Bản", "SJ-30"),
        ),
        "mass",
        0.08,
        "III",
        "0,2–30 kg",
        "kg",
        D("30"),
        D("0.2"),
        D("0.01"),
        at_laboratory=0.4,
    ),
    Kind(
        "dial-spring-scale",
        "trader",
        900,
        (("Nhơn Hòa", "Việt Nam", "NHS-60"),),
        "mass",
        0.1,
        "IIII",
        "2–60 kg",
        "kg",
        D("60"),
        D("2"),
        D("0.2"),
        at_laboratory=0.4,
    ),
    Kind(
        "taximeter",
        "taxi",
        350,
        (("Vinasun", "Việt Nam", "VT-2020"), ("Centrodyne", "Hoa Kỳ", "Silver")),
        "length",
        0.06,
        "",
        "0–9999 km",
        "km",
    ),
    Kind(
        "blood-pressure-meter",
        "hospital",
        300,
        (("Omron", "Nhật Bản", "HEM-7120"), ("ALPK2", "Nhật Bản", "500V")),
        "pressure",
        0.07,
        "",
        "0–300 mmHg",
        "mmHg",
        at_laboratory=0.5,
    ),
    Kind(
        "road-weighbridge",
        "weighbridge",
        70,
        (("Mettler Toledo", "Hoa Kỳ", "PIT-80"), ("Keli", "Trung Quốc", "SCS-100")),
        "mass",
        0.05,
        "III",
        "400–80 000 kg",
        "kg",
        D("80000"),
        D("400"),
        D("20"),
    ),
    Kind(
        "crane-scale",
        "weighbridge",
        40,
        (("OCS", "Trung Quốc", "OCS-5T"),),
        "mass",
        0.05,
        "III",
        "20–5 000 kg",
        "kg",
        D("5000"),
        D("20"),
        D("2"),
    ),
    Kind(
        "analytical-balance",
        "lab",
        60,
        (("Sartorius", "Đức", "Quintix 224"), ("Ohaus", "Hoa Kỳ", "PX224")),
        "mass",
        0.03,
        "I",
        "0,01–220 g",
        "g",
        D("220"),
        D("0.01"),
        D("0.001"),
        at_laboratory=1.0,
    ),
)
KIND_BY_CODE = {k.code: k for k in KINDS}
#: Vietnamese names of the quantities of the standards.
QUANTITIES = {
    "water": "lưu lượng nước",
    "electric_energy": "điện năng",
    "volume": "dung tích",
    "mass": "khối lượng",
    "length": "độ dài và thời gian",
    "pressure": "áp suất",
}
#: Which verification organisation (by its place in ``organisations["verification"]``)
#: verifies which types, with the share of its instruments: the provincial centre verifies
#: nearly everything, the companies take water and power meters.
VERIFIERS_OF: dict[str, tuple[tuple[int, float], ...]] = {
    "cold-water-meter-mechanical": ((1, 0.7), (0, 0.3)),
    "electricity-meter-1p-electronic": ((2, 0.8), (0, 0.2)),
    "electricity-meter-3p-electronic": ((2, 0.6), (0, 0.4)),
    "fuel-dispenser": ((0, 0.8), (3, 0.2)),
    "platform-counter-scale": ((0, 0.85), (3, 0.15)),
    "dial-spring-scale": ((0, 1.0),),
    "taximeter": ((0, 0.7), (3, 0.3)),
    "blood-pressure-meter": ((0, 1.0),),
    "road-weighbridge": ((0, 0.5), (3, 0.5)),
    "crane-scale": ((0, 1.0),),
    "analytical-balance": ((0, 1.0),),
}
CENTRE_LAB = "Viện Đo lường Việt Nam"


@dataclass
class Verifying:
    """A verification organisation ready to verify: its verifiers, its working standards (by
    quantity) with their calibrations (oldest first) and its sticker batch."""

    organisation: Any
    verifiers: list[Verifier] = field(default_factory=list)
    standards: dict[str, MeasurementStandard] = field(default_factory=dict)
    calibrations: dict[int, list[StandardCalibration]] = field(default_factory=dict)
    batch: StampBatch | None = None
    types: set[str] = field(default_factory=set)


def _types_of(index: int) -> set[str]:
    return {code for code, shares in VERIFIERS_OF.items() if any(i == index for i, _ in shares)}


def _calibrate(
    standard: MeasurementStandard, *, by: Any, since: dt.date, until: dt.date, **lab: Any
) -> list[StandardCalibration]:
    """Yearly calibrations from ``since`` to ``until``, each valid 13 months."""
    done = []
    day = since
    n = 1
    while day <= until:
        done.append(
            standard_calibration_record(
                standard=standard,
                by=by,
                certificate_number=f"V{day.year % 100:02d}.{standard.pk:03d}.{n:02d}",
                calibrated_on=day,
                valid_until=add_years(day, 1) + dt.timedelta(days=30),
                result=CalibrationResult.IN_TOLERANCE,
                **lab,
            )
        )
        day = add_years(day, 1)
        n += 1
    return done


def _setup(context: DemoContext, by: Any) -> list[Verifying]:
    """Designations (an expired one and its renewal), verifiers, standards calibrated along
    the chain national → main (the centre's) → working, and sticker stock, for each
    verification organisation."""
    rng, today = context.random, context.today
    province = province_get(context.province_id)
    orgs = context.objects["organisations"]["verification"]
    since = today - dt.timedelta(days=365 * 7)
    centre = orgs[0]
    mains: dict[str, MeasurementStandard] = {}
    main_calibrations: dict[str, list[StandardCalibration]] = {}
    for quantity, label in QUANTITIES.items():
        main = standard_create(
            by=by,
            level=StandardLevel.MAIN,
            name=f"Chuẩn chính {label}",
            quantity=label,
            holder=centre,
            serial_number=f"CC-{quantity.upper()[:3]}-01",
            manufacturer="Fluke" if quantity == "electric_energy" else "Mettler Toledo",
        )
        mains[quantity] = main
        main_calibrations[quantity] = _calibrate(
            main, by=by, since=since, until=today, laboratory_name=CENTRE_LAB
        )
    ready: list[Verifying] = []
    for index, org in enumerate(orgs[:4]):
        types = _types_of(index)
        if not types:
            continue
        item = Verifying(organisation=org, types=types)
        old = designation_create(
            by=by,
            organisation=org,
            type_codes=sorted(types),
            provinces=[province],
            decision_number=f"{100 + index}/QĐ-TĐC",
            decision_date=since,
            valid_from=since,
            valid_to=add_years(since, 5) - dt.timedelta(days=1),
            issued_by="Tổng cục Tiêu chuẩn Đo lường Chất lượng",
        )
        renewed = designation_create(
            by=by,
            organisation=org,
            type_codes=sorted(types),
            provinces=[province],
            decision_number=f"{300 + index}/QĐ-TĐC",
            decision_date=old.valid_to,
            valid_from=old.valid_to + dt.timedelta(days=1),
            valid_to=add_years(old.valid_to, 5),
            issued_by="Ủy ban Tiêu chuẩn Đo lường Chất lượng Quốc gia",
        )
        for n in range(context.sized(6 if index == 0 else 3, minimum=2)):
            item.verifiers.append(
                verifier_create(
                    by=by,
                    organisation=org,
                    designation=renewed,
                    type_codes=sorted(types),
                    full_name=person_name(rng),
                    birth_year=rng.randint(1970, 1995),
                    card_number=f"KĐV-{org.tax_code}-{n + 1:02d}",
                    valid_from=since - dt.timedelta(days=365),
                    valid_to=add_years(today, 3),
                )
            )
        for quantity in sorted({KIND_BY_CODE[c].quantity for c in types}):
            standard = standard_create(
                by=by,
                level=StandardLevel.WORKING,
                name=f"Chuẩn công tác {QUANTITIES[quantity]}",
                quantity=QUANTITIES[quantity],
                holder=org,
                parent=mains[quantity],
                serial_number=f"CT-{quantity.upper()[:3]}-{index + 1:02d}",
            )
            item.standards[quantity] = standard
            item.calibrations[standard.pk] = _calibrate(
                standard, by=by, since=since, until=today, laboratory=centre
            )
        prefix = f"TN{index + 1}"
        item.batch = stamp_batch_issue(
            by=by,
            organisation=org,
            kind=StampKind.STICKER,
            prefix=prefix,
            first_number=1,
            last_number=context.sized(60_000, minimum=5_000),
            issued_on=since,
        )
        ready.append(item)
    context.counts["designations"] = Designation.objects.count()
    context.counts["verifiers"] = sum(len(r.verifiers) for r in ready)
    context.counts["standards"] = MeasurementStandard.objects.count()
    return ready


def _instruments(context: DemoContext, by: Any) -> list[Instrument]:
    """The Group 2 instruments, each in a commune of its owner's province with a map point."""
    rng = context.random
    orgs = context.objects["organisations"]
    communes = list(communes_of_province(context.province_id))
    centres = {c.pk: commune_centre(c.pk) for c in communes}
    made: list[Instrument] = []
    for kind in KINDS:
        owners = orgs.get(kind.owners) or orgs["fuel"]
        for n in range(context.sized(kind.count)):
            owner = owners[n % len(owners)] if n < len(owners) else rng.choice(owners)
            maker, country, model = rng.choice(kind.makers)
            at_owner = kind.owners in ("fuel", "trader", "weighbridge", "lab", "hospital")
            commune = owner.commune if at_owner and owner.commune_id else rng.choice(communes)
            lat, lon = point_near(rng, centres[commune.pk])
            year = rng.randint(context.today.year - 12, context.today.year - 1)
            instrument = Instrument(
                owner=owner,
                type_code=kind.code,
                manufacturer=maker,
                manufacturer_country=country,
                model_name=model,
                serial_number=f"{model[:3].upper()}{year % 100:02d}{n + 1:06d}",
                manufactured_year=year,
                type_approval_number=f"PDM {rng.randint(1, 199):03d}-{year - rng.randint(0, 3)}",
                accuracy_class=kind.accuracy_class,
                measuring_range=kind.measuring_range,
                max_capacity=kind.max_capacity,
                min_capacity=kind.min_capacity,
                verification_interval=kind.e,
                scale_interval=kind.e,
                unit=kind.unit,
                province_id=context.province_id,
                commune=commune,
                address=owner.address if at_owner else street_address(rng),
                latitude=lat,
                longitude=lon,
                created_by=by,
                modified_by=by,
            )
            instrument.search_text = instrument_search_text(instrument)
            made.append(instrument)
    return made


def _markets(context: DemoContext, by: Any) -> None:
    """A market for each market board, with reference weights and a check or two a year."""
    rng, today = context.random, context.today
    boards = context.objects["organisations"]["market_board"]
    for board in boards:
        market = market_create(
            by=by,
            name=board.name.replace("Ban quản lý ", "").capitalize(),
            province=province_get(context.province_id),
            commune=board.commune,
            address=board.address,
            management_board=board,
        )
        for value in (D("1"), D("2"), D("5"), D("10")):
            verified = today - dt.timedelta(days=rng.randint(20, 500))
            reference_weight_add(
                market=market,
                by=by,
                kind=ReferenceWeightKind.WEIGHT,
                nominal_value=value,
                unit="kg",
                accuracy_class="M1",
                serial_number=f"QC-{market.pk:03d}-{value}",
                last_verified_on=verified,
                verification_valid_until=add_years(verified, 1) - dt.timedelta(days=1),
            )
        for months_ago in range(0, 24, 8):
            checked = today - dt.timedelta(days=30 * months_ago + rng.randint(1, 60))
            failed = rng.choice((0, 0, 0, 1, 2))
            market_check_record(
                market=market,
                by=by,
                checked_on=checked,
                scales_checked=rng.randint(10, 40),
                scales_failed=failed,
                result=MarketCheckResult.NON_COMPLIANT if failed else MarketCheckResult.COMPLIANT,
                findings="Cân sai vượt mức cho phép, đã yêu cầu ngừng sử dụng." if failed else "",
            )
    context.counts["markets"] = len(boards)


def seed_metrology(*, context: DemoContext) -> None:
    """Demo seeder: who verifies, the instruments and their verification history, markets."""
    from tdc.metrology.demo_history import plan_history, write_history

    if Instrument.objects.filter(province_id=context.province_id).exists():
        return
    by = context.objects["admin"]
    with translation.override("vi"):
        ready = _setup(context, by)
        instruments = _instruments(context, by)
        planned = plan_history(context, instruments, ready)
        bulk_insert(Instrument, instruments)
        audit_bulk(actor=by, objs=instruments, action=AuditAction.IMPORTED, details={"demo": 1})
        write_history(context, by=by, planned=planned)
        context.counts["instruments"] = len(instruments)
        _markets(context, by)
