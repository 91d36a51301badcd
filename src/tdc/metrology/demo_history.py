"""The demo instruments' verification history, written in bulk by the services' rules.

Each instrument is verified every cycle of the Group 2 row in force on the day (a new one
first gets its initial verification), mostly a little before its certificate expires, some
late, a few never again (overdue); a few fail and are repaired and verified again, or left
failed. A passed verification gets ``valid_until`` from
:func:`tdc.metrology.services.verification.valid_until_for`, the next certificate number of
its issuer and year in the ``metrology-certificate`` series (whose counters are moved on so
later numbers follow), a sticker from the issuer's batch, and a certificate copied as
:func:`tdc.metrology.services.certificates.certificate_issue` copies it; each verification
names the working standard used and its calibration in force that day. The instrument's
``next_due_date`` is that of its latest verification, as
``tdc.metrology.services.verification`` keeps it.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tdc.core.audit import audit_bulk
from tdc.core.bulk import bulk_insert
from tdc.core.demo import day_between, public_code, weighted
from tdc.core.models import AuditAction, NumberCounter, NumberSeries
from tdc.core.modules import DemoContext
from tdc.core.numberformat import render_number
from tdc.metrology.choices import (
    InstrumentStatus,
    StampKind,
    VerificationKind,
    VerificationPlace,
    VerificationResult,
)
from tdc.metrology.demo_catalogue import KIND_BY_CODE, VERIFIERS_OF
from tdc.metrology.models import (
    Certificate,
    Instrument,
    InstrumentType,
    StampUse,
    Verification,
    VerificationStandard,
)
from tdc.metrology.services.certificates import CONCLUSION_PASSED, _characteristics
from tdc.metrology.services.verification import CERTIFICATE_SERIES, issuer_code, valid_until_for

if TYPE_CHECKING:
    from tdc.accounts.models import User
    from tdc.metrology.demo_catalogue import Verifying

#: Why instruments fail, as verifiers write it.
FAILURES = (
    "Sai số vượt quá sai số lớn nhất cho phép tại điểm kiểm thứ hai.",
    "Sai số vượt quá sai số lớn nhất cho phép ở lưu lượng nhỏ nhất.",
    "Niêm phong, kẹp chì không nguyên vẹn.",
    "Cơ cấu chỉ thị hoạt động không ổn định, số chỉ nhảy.",
    "Nhãn mác không ghi đủ đặc trưng kỹ thuật đo lường.",
)
#: How many days of history the demo keeps around today.
WINDOW_DAYS = 730


@dataclass
class Planned:
    """One verification to write, before the instrument has an id."""

    instrument: Instrument
    item: Verifying
    kind: str
    day: dt.date
    rule: InstrumentType
    passed: bool
    verifier: Any
    at_laboratory: bool
    failure: str = ""


class Rules:
    """The Group 2 rows of the demo types, read once: the row in force on a day."""

    def __init__(self, codes: set[str]) -> None:
        self.rows: dict[str, list[InstrumentType]] = defaultdict(list)
        for row in InstrumentType.objects.filter(code__in=codes).order_by("code", "effective_from"):
            self.rows[row.code].append(row)

    def first(self, code: str) -> dt.date:
        """The first day the list has a row for ``code``."""
        return self.rows[code][0].effective_from

    def on(self, code: str, day: dt.date) -> InstrumentType:
        for row in reversed(self.rows[code]):
            if row.effective_from <= day and (row.effective_to is None or day <= row.effective_to):
                return row
        raise LookupError(f"no Group 2 row of {code} in force on {day}")


def _plan(
    context: DemoContext, instrument: Instrument, item: Verifying, rules: Rules, kind: Any
) -> list[Planned]:
    rng, today = context.random, context.today
    last_day = today - dt.timedelta(days=1)
    cycle_days = round((rules.on(kind.code, today).cycle_months or 12) * 30.44)
    if rng.random() < 0.15:
        day = day_between(rng, today - dt.timedelta(days=WINDOW_DAYS), today - dt.timedelta(5))
        step = VerificationKind.INITIAL
    else:
        back = rng.randint(0, cycle_days) + min(WINDOW_DAYS, cycle_days)
        back = min(back, (today - rules.first(kind.code)).days)
        day = today - dt.timedelta(days=back)
        step = VerificationKind.PERIODIC
    instrument.manufactured_year = min(instrument.manufactured_year or day.year, day.year)
    planned: list[Planned] = []
    while day <= last_day:
        rule = rules.on(kind.code, day)
        passed = rng.random() >= kind.failure_rate
        planned.append(
            Planned(
                instrument=instrument,
                item=item,
                kind=step,
                day=day,
                rule=rule,
                passed=passed,
                verifier=rng.choice(item.verifiers),
                at_laboratory=rng.random() < kind.at_laboratory,
                failure="" if passed else rng.choice(FAILURES),
            )
        )
        if passed:
            until = valid_until_for(day, rule.cycle_months)
            assert until is not None  # every demo type has a cycle
            chance = rng.random()
            if chance < 0.06:
                break  # never verified again: overdue once ``until`` passes
            if chance < 0.16:
                day = until + dt.timedelta(days=rng.randint(1, 75))
            else:
                day = until - dt.timedelta(days=rng.randint(0, 25))
            step = VerificationKind.PERIODIC
        else:
            if rng.random() < 0.3:
                break  # left failed: due since the failed verification
            day += dt.timedelta(days=rng.randint(5, 40))
            step = VerificationKind.AFTER_REPAIR
    return planned


def plan_history(
    context: DemoContext, instruments: list[Instrument], ready: list[Verifying]
) -> list[Planned]:
    """Every instrument's verifications, oldest first; sets each instrument's due date (and
    takes some left failed out of service)."""
    rng = context.random
    rules = Rules({i.type_code for i in instruments})
    by_index = {
        context.objects["organisations"]["verification"].index(r.organisation): r for r in ready
    }
    planned: list[Planned] = []
    for instrument in instruments:
        kind = KIND_BY_CODE[instrument.type_code]
        shares = {i: share for i, share in VERIFIERS_OF[kind.code] if i in by_index}
        item = by_index[weighted(rng, shares)] if shares else ready[0]
        history = _plan(context, instrument, item, rules, kind)
        if history:
            last = history[-1]
            if last.passed:
                instrument.next_due_date = valid_until_for(last.day, last.rule.cycle_months)
            else:
                instrument.next_due_date = last.day
                if rng.random() < 0.4:
                    instrument.status = InstrumentStatus.OUT_OF_SERVICE
                    instrument.status_reason = "Không đạt kiểm định, chờ sửa chữa."
        planned.extend(history)
    planned.sort(key=lambda p: (p.day, p.instrument.serial_number))
    return planned


def _calibration(item: Verifying, standard: Any, day: dt.date) -> Any:
    rows = item.calibrations[standard.pk]
    at = bisect.bisect_right([c.calibrated_on for c in rows], day) - 1
    return rows[max(at, 0)]


def write_history(context: DemoContext, *, by: User, planned: list[Planned]) -> None:
    """Write the planned verifications with their standards, stickers and certificates."""
    rng = context.random
    series = NumberSeries.objects.get(code=CERTIFICATE_SERIES)
    counters: dict[tuple[str, int], int] = defaultdict(int)
    stickers: dict[int, int] = defaultdict(int)
    verifications: list[Verification] = []
    for p in planned:
        org = p.item.organisation
        instrument = p.instrument
        verification = Verification(
            instrument_id=instrument.pk,
            kind=p.kind,
            verified_on=p.day,
            organisation_id=org.pk,
            verifier_id=p.verifier.pk,
            place=VerificationPlace.LABORATORY if p.at_laboratory else VerificationPlace.ON_SITE,
            place_address=org.address if p.at_laboratory else "",
            result=VerificationResult.PASSED if p.passed else VerificationResult.FAILED,
            failure_reason=p.failure,
            rules_version=p.rule.version_label,
            type_code=instrument.type_code,
            province_id=instrument.province_id,
            commune_id=instrument.commune_id,
            owner_id=instrument.owner_id,
            created_by_id=by.pk,
            modified_by_id=by.pk,
        )
        if p.passed:
            issuer = issuer_code(org)
            counters[(issuer, p.day.year)] += 1
            verification.certificate_number = render_number(
                series.format, seq=counters[(issuer, p.day.year)], year=p.day.year, issuer=issuer
            )
            verification.valid_until = valid_until_for(p.day, p.rule.cycle_months)
            batch = p.item.batch
            assert batch is not None
            stickers[batch.pk] += 1
            number = batch.first_number + stickers[batch.pk] - 1
            verification.stamp_serial = f"{batch.prefix}{number:0{batch.number_width}d}"
        verifications.append(verification)
    bulk_insert(Verification, verifications)
    uses: list[VerificationStandard] = []
    stamps: list[StampUse] = []
    certificates: list[Certificate] = []
    for p, v in zip(planned, verifications, strict=True):
        standard = p.item.standards[KIND_BY_CODE[v.type_code].quantity]
        uses.append(
            VerificationStandard(
                verification_id=v.pk,
                standard_id=standard.pk,
                calibration_id=_calibration(p.item, standard, p.day).pk,
            )
        )
        if not p.passed:
            continue
        batch = p.item.batch
        assert batch is not None
        stamps.append(
            StampUse(
                batch_id=batch.pk,
                organisation_id=v.organisation_id,
                kind=StampKind.STICKER,
                serial=v.stamp_serial,
                number=int(v.stamp_serial[len(batch.prefix) :]),
                verification_id=v.pk,
                used_on=v.verified_on,
                created_by_id=by.pk,
                modified_by_id=by.pk,
            )
        )
        certificates.append(_certificate(p, v, rng, by))
    bulk_insert(VerificationStandard, uses)
    bulk_insert(StampUse, stamps)
    bulk_insert(Certificate, certificates)
    NumberCounter.objects.bulk_create(
        [
            NumberCounter(series=series, year=year, issuer=issuer, last_seq=seq)
            for (issuer, year), seq in sorted(counters.items())
        ]
    )
    audit_bulk(actor=by, objs=verifications, action=AuditAction.IMPORTED, details={"demo": 1})
    audit_bulk(actor=by, objs=certificates, action=AuditAction.CREATED, details={"demo": 1})
    context.counts["verifications"] = len(verifications)
    context.counts["certificates"] = len(certificates)


def _certificate(p: Planned, v: Verification, rng: Any, by: User) -> Certificate:
    instrument = p.instrument
    owner = instrument.owner
    org = p.item.organisation
    return Certificate(
        verification_id=v.pk,
        number=v.certificate_number or "",
        public_code=public_code(rng),
        issued_by_id=org.pk,
        issued_on=v.verified_on,
        instrument_name=p.rule.name_vi,
        instrument_model=instrument.model_name,
        serial_number=instrument.serial_number,
        manufacturer=instrument.manufacturer,
        manufacturer_country=instrument.manufacturer_country,
        characteristics=_characteristics(instrument)[:255],
        owner_name=owner.name,
        owner_address=owner.address,
        place=v.place_address or instrument.address or "Tại nơi sử dụng",
        method=p.rule.dlvn_procedure,
        conclusion=CONCLUSION_PASSED,
        stamp_serial=v.stamp_serial,
        valid_until=v.valid_until,
        verifier_name=p.verifier.full_name,
        signatory_name=org.legal_representative,
        signatory_title="Giám đốc",
        province_id=v.province_id,
        commune_id=v.commune_id,
        owner_id=owner.pk,
        created_by_id=by.pk,
        modified_by_id=by.pk,
    )
