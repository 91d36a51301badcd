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
from decimal import Decimal as D
from typing import TYPE_CHECKING, Any

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
from tdc.metrology.demo_catalogue import (
    KIND_BY_CODE,
    KINDS,
    QUANTITIES,
    VERIFIERS_OF,
    Verifying,
)
from tdc.metrology.demo_history import plan_history, write_history
from tdc.metrology.models import (
    Designation,
    Instrument,
    MeasurementStandard,
    StandardCalibration,
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
from tdc.places.selectors import commune_seats, communes_of_province, province_get

if TYPE_CHECKING:
    from tdc.accounts.models import User

CENTRE_LAB = "Viện Đo lường Việt Nam"


def _types_of(index: int) -> set[str]:
    return {code for code, shares in VERIFIERS_OF.items() if any(i == index for i, _ in shares)}


def _calibrate(
    standard: MeasurementStandard, *, by: User, since: dt.date, until: dt.date, **lab: Any
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
                certificate_number=f"V{day.year % 100:02d}.{standard.serial_number}.{n:02d}",
                calibrated_on=day,
                valid_until=add_years(day, 1) + dt.timedelta(days=30),
                result=CalibrationResult.IN_TOLERANCE,
                **lab,
            )
        )
        day = add_years(day, 1)
        n += 1
    return done


def _setup(context: DemoContext, by: User) -> list[Verifying]:
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


def _instruments(context: DemoContext, by: User) -> list[Instrument]:
    """The Group 2 instruments, each in a commune of its owner's province with a map point."""
    rng = context.random
    orgs = context.objects["organisations"]
    communes = list(communes_of_province(context.province_id))
    # The real seat where the province's seats are vendored, else a fixed stand-in point.
    seats = commune_seats(context.province_id)
    centres = {c.pk: seats.get(c.pk) or commune_centre(c.pk) for c in communes}
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


def _markets(context: DemoContext, by: User) -> None:
    """A market for each market board, with reference weights and a check or two a year."""
    rng, today = context.random, context.today
    boards = context.objects["organisations"]["market_board"]
    for index, board in enumerate(boards, 1):
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
                serial_number=f"QC-{index:03d}-{value}",
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
