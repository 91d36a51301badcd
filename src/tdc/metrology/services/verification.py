"""Recording a verification (issue 4 points 4–6).

A verification is recorded in one transaction: every refusal rule is checked first (verifier,
designation, standards, type approval, readings; :mod:`.verification_checks`), then the test
points are judged by the pure rules module, the sticker serial is consumed from stock, the
certificate number is allocated from the gap-free series ``metrology-certificate`` and the
certificate's fields are copied. Nothing is written when any rule refuses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tdc.core.audit import snapshot
from tdc.core.calendar import last_day_of_validity
from tdc.core.numbering import allocate_number
from tdc.metrology.choices import (
    MpeScheme,
    StampKind,
    VerificationPlace,
    VerificationResult,
)
from tdc.metrology.models import (
    Instrument,
    MeasurementStandard,
    StandardCalibration,
    Verification,
    VerificationPoint,
    VerificationStandard,
    Verifier,
)
from tdc.metrology.rules import Evaluation, Point, Reason, RuleInputError, evaluate
from tdc.metrology.selectors.limits import (
    LimitDecision,
    rule_overrides_on,
    verification_limit_on,
)
from tdc.metrology.services.certificates import certificate_issue
from tdc.metrology.services.common import audit_created, ensure_in_scope, save_change, save_new
from tdc.metrology.services.stamps import stamp_consume, stamp_locate
from tdc.metrology.services.verification_checks import verification_checks

if TYPE_CHECKING:
    from tdc.accounts.models import User
    from tdc.metrology.models import InstrumentType
    from tdc.registry.models import Organisation

#: Number series of verification certificates (seeded by migration 0002).
CERTIFICATE_SERIES = "metrology-certificate"


@dataclass(frozen=True)
class PointInput:
    """One test point as entered: reference, indication and the point's own conditions."""

    reference: Decimal
    indication: Decimal
    conditions: Mapping[str, Any] = field(default_factory=dict)


# --- judging the test points ------------------------------------------------------------------


def valid_until_for(verified_on: dt.date, cycle_months: int | None) -> dt.date | None:
    """Last day of the verification cycle (TT 24/2013 Art. 41): the day before the same date
    ``cycle_months`` later; ``None`` for types without periodic verification."""
    if not cycle_months:
        return None
    return last_day_of_validity(verified_on, cycle_months)


def limit_for(rule: InstrumentType, kind: str, day: dt.date) -> LimitDecision:
    """Which MPE ``kind`` of verification applies to ``rule``'s type on ``day``, and why, from
    the ``metrology.VerificationLimit`` reference rows (issue 11)."""
    return verification_limit_on(rule.mpe_scheme, kind, day, type_code=rule.code)


def stage_for(kind: str, rule: InstrumentType, day: dt.date) -> str:
    """The MPE stage (``initial`` or ``in_service``) ``kind`` uses for ``rule`` on ``day``."""
    return limit_for(rule, kind, day).stage


def limit_notice(decision: LimitDecision) -> Reason:
    """The limit applied and why, as a notice next to the verdict."""
    stage_vi = "sai số kiểm định ban đầu" if decision.stage == "initial" else "sai số khi sử dụng"
    stage_en = "initial-verification MPE" if decision.stage == "initial" else "in-service MPE"
    flag_vi = " CHƯA ĐƯỢC XÁC NHẬN: kiểm tra quy trình ĐLVN." if decision.unconfirmed else ""
    flag_en = " UNCONFIRMED: check the ĐLVN procedure." if decision.unconfirmed else ""
    return Reason(
        "limit_applied",
        vi=f"Giới hạn áp dụng: {stage_vi} ({decision.label}) — {decision.why}.{flag_vi}",
        en=f"Limit applied: {stage_en} ({decision.label}) — {decision.why}.{flag_en}",
    )


def instrument_params(instrument: Instrument, scheme: str) -> dict[str, Any]:
    """The scheme parameters the register already knows (e, d, Max, Min, unit)."""
    params: dict[str, Any] = {}
    if scheme == MpeScheme.NAWI:
        for name, value in (
            ("e", instrument.verification_interval),
            ("d", instrument.scale_interval),
            ("max", instrument.max_capacity),
            ("min", instrument.min_capacity),
        ):
            if value is not None:
                params[name] = Decimal(value).normalize()
    if instrument.unit and scheme != MpeScheme.OTHER:
        params["unit"] = "m3" if instrument.unit in ("m³", "m3") else instrument.unit
    return params


def _rule_error(exc: RuleInputError, given: Mapping[str, Any]) -> ValidationError:
    """A rules-module refusal as a field-keyed error: test points by row, parameters by name,
    values taken from the register under ``instrument``."""
    text = exc.message.in_language(get_language())
    if exc.field.startswith("points"):
        return ValidationError({exc.field: text})
    if exc.field in given:
        return ValidationError({f"params.{exc.field}": text})
    return ValidationError(
        {
            "instrument": _(
                "{field}: {text} Correct the instrument's entry in the register, or give the "
                "value as a parameter."
            ).format(field=exc.field, text=text)
        }
    )


def evaluate_points(
    *,
    instrument: Instrument,
    rule: InstrumentType,
    kind: str,
    verified_on: dt.date,
    points: Sequence[PointInput],
    params: Mapping[str, Any] | None = None,
    limit: LimitDecision | None = None,
) -> Evaluation | None:
    """Judge the test points with the rules module (``None`` for types the module does not
    cover). Raises a field-keyed ``ValidationError`` for impossible readings, unknown classes or
    a unit that does not fit the type."""
    if rule.mpe_scheme == MpeScheme.OTHER:
        return None
    decision = limit or limit_for(rule, kind, verified_on)
    given = dict(params or {})
    merged = {**instrument_params(instrument, rule.mpe_scheme), **given}
    try:
        evaluation = evaluate(
            rule.mpe_scheme,
            accuracy_class=instrument.accuracy_class,
            stage=decision.stage,
            params=merged,
            points=[
                Point(reference=p.reference, indication=p.indication, conditions=p.conditions)
                for p in points
            ],
            on=verified_on,
            overrides=rule_overrides_on(verified_on),
        )
    except RuleInputError as exc:
        raise _rule_error(exc, given) from exc
    return replace(
        evaluation,
        notices=(limit_notice(decision), *evaluation.notices),
    )


def _result(
    evaluation: Evaluation | None, result: str | None, failure_reason: str
) -> tuple[str, str]:
    """The verdict: computed from the points; a verifier may fail an instrument whose points
    pass (seals, markings) with the reason, never pass one whose points fail."""
    if evaluation is None:
        if result not in VerificationResult.values:
            raise ValidationError(
                {"result": _("The rules do not cover this type: give the result (passed/failed).")}
            )
        computed = str(result)
    else:
        computed = VerificationResult.PASSED if evaluation.passed else VerificationResult.FAILED
        if result == VerificationResult.PASSED and computed == VerificationResult.FAILED:
            raise ValidationError(
                {"result": _("A test point exceeds its MPE, so the instrument cannot pass.")}
            )
        if result == VerificationResult.FAILED:
            computed = VerificationResult.FAILED
    if computed == VerificationResult.FAILED and not failure_reason.strip():
        if evaluation is not None and not evaluation.passed:
            failed = [str(i + 1) for i, p in enumerate(evaluation.points) if not p.passed]
            failure_reason = _("Points {points} exceed the maximum permissible error.").format(
                points=", ".join(failed)
            )
        else:
            raise ValidationError({"failure_reason": _("Say why the instrument failed.")})
    return computed, failure_reason.strip()


# --- what a verification writes ---------------------------------------------------------------


def issuer_code(organisation: Organisation) -> str:
    """The issuer part of certificate numbers: the tax code, else the register id."""
    return organisation.tax_code or str(organisation.pk)


def _write_details(
    verification: Verification,
    *,
    standards: list[MeasurementStandard],
    calibrations: dict[int, StandardCalibration],
    evaluation: Evaluation | None,
    points: Sequence[PointInput],
) -> None:
    """The standards used (with the calibration in force) and the judged test points."""
    VerificationStandard.objects.bulk_create(
        [
            VerificationStandard(
                verification=verification, standard=s, calibration=calibrations[s.pk]
            )
            for s in standards
        ]
    )
    if evaluation is None:
        return
    VerificationPoint.objects.bulk_create(
        [
            VerificationPoint(
                verification=verification,
                position=index + 1,
                reference=p.reference,
                indication=p.indication,
                mpe=p.mpe,
                error=p.error,
                passed=p.passed,
                conditions={
                    **{k: str(v) for k, v in points[index].conditions.items()},
                    "band": p.band,
                },
            )
            for index, p in enumerate(evaluation.points)
        ]
    )


def _update_instrument_due(instrument: Instrument, verification: Verification, by: User) -> None:
    """Keep ``next_due_date`` on the latest verification: its valid-until date when passed; the
    verification date when failed (a non-conforming instrument's validity ends at once)."""
    later = (
        Verification.objects.filter(instrument=instrument, verified_on__gt=verification.verified_on)
        .exclude(pk=verification.pk)
        .exists()
    )
    if later:
        return
    locked = Instrument.objects.select_for_update().get(pk=instrument.pk)
    before = snapshot(locked)
    if verification.result == VerificationResult.PASSED:
        locked.next_due_date = verification.valid_until
        locked.needs_reverification = False
        locked.reverification_reason = ""
        locked.reverification_note = ""
    else:
        locked.next_due_date = verification.verified_on
    save_change(
        locked,
        by=by,
        before=before,
        update_fields=[
            "next_due_date",
            "needs_reverification",
            "reverification_reason",
            "reverification_note",
        ],
        clean=False,
        verification=verification.pk,
    )


@transaction.atomic
def verification_record(
    *,
    by: User,
    instrument: Instrument,
    kind: str,
    verified_on: dt.date,
    organisation: Organisation,
    verifier: Verifier,
    standards: Iterable[MeasurementStandard] = (),
    points: Sequence[PointInput] = (),
    params: Mapping[str, Any] | None = None,
    place: str = VerificationPlace.ON_SITE,
    place_address: str = "",
    stamp_serial: str = "",
    stamp_kind: str = StampKind.STICKER,
    result: str | None = None,
    failure_reason: str = "",
    notes: str = "",
    signatory_name: str = "",
    signatory_title: str = "",
) -> Verification:
    """Record a verification, judge its test points, consume the sticker serial and, when the
    instrument passes, issue the numbered certificate valid for the cycle in force that day."""
    # Fresh rows: a suspension or a new calibration recorded meanwhile must count; the
    # instrument's row lock serialises verifications of one instrument.
    instrument = Instrument.objects.select_for_update().get(pk=instrument.pk)
    verifier = Verifier.objects.get(pk=verifier.pk)
    standards = list(MeasurementStandard.objects.filter(pk__in=[s.pk for s in standards]))
    rule, calibrations = verification_checks(
        by=by,
        instrument=instrument,
        kind=kind,
        verified_on=verified_on,
        organisation=organisation,
        verifier=verifier,
        standards=standards,
    )
    if rule.mpe_scheme != MpeScheme.OTHER and not points:
        raise ValidationError({"points": _("Enter at least one test point.")})
    limit = limit_for(rule, kind, verified_on)
    evaluation = evaluate_points(
        instrument=instrument,
        rule=rule,
        kind=kind,
        verified_on=verified_on,
        points=points,
        params=params,
        limit=limit,
    )
    outcome, failure_reason = _result(evaluation, result, failure_reason)
    passed = outcome == VerificationResult.PASSED
    stamp_serial = (stamp_serial or "").strip().upper()
    located = (
        stamp_locate(organisation, stamp_kind, stamp_serial) if passed and stamp_serial else None
    )
    versions = [rule.version_label] + (
        [limit.label, evaluation.rules_version] if evaluation else []
    )
    verification = Verification(
        instrument=instrument,
        kind=kind,
        verified_on=verified_on,
        organisation=organisation,
        verifier=verifier,
        place=place,
        place_address=place_address,
        result=outcome,
        failure_reason=failure_reason,
        rules_version="+".join(versions)[:255],
        mpe_stage=limit.stage if evaluation is not None else "",
        mpe_basis=limit.basis if evaluation is not None else "",
        stamp_serial=stamp_serial if passed else "",
        valid_until=valid_until_for(verified_on, rule.cycle_months) if passed else None,
        type_code=instrument.type_code,
        province_id=instrument.province_id,
        commune_id=instrument.commune_id,
        owner_id=instrument.owner_id,
        notes=notes,
    )
    if passed:
        verification.certificate_number = allocate_number(
            series=CERTIFICATE_SERIES, issuer=issuer_code(organisation), on=verified_on
        )
    save_new(verification, by=by)
    ensure_in_scope(
        verification,
        by,
        "create",
        _("You may record verifications only for your own organisation."),
        field="organisation",
    )
    _write_details(
        verification,
        standards=standards,
        calibrations=calibrations,
        evaluation=evaluation,
        points=points,
    )
    if located is not None:
        stamp_consume(verification, batch=located[0], number=located[1], kind=stamp_kind, by=by)
    if passed:
        certificate_issue(
            verification,
            instrument=instrument,
            rule=rule,
            by=by,
            signatory_name=signatory_name,
            signatory_title=signatory_title,
        )
    audit_created(
        verification,
        by=by,
        result=outcome,
        rules_version=verification.rules_version,
        certificate=verification.certificate_number,
        valid_until=verification.valid_until.isoformat() if verification.valid_until else None,
        points=len(points),
    )
    _update_instrument_due(instrument, verification, by)
    return verification
