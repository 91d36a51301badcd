"""Writes of verifications, certificates and sticker/stamp stock (issue 4 points 4–6).

A verification is recorded in one transaction: every refusal rule is checked first (verifier,
designation, standards, type approval, readings), then the test points are judged by the pure
rules module, the sticker serial is consumed from stock, the certificate number is allocated
from the gap-free series ``metrology-certificate`` and the certificate's fields are copied.
Nothing is written when any rule refuses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tdc.core.audit import audit_record, snapshot
from tdc.core.calendar import last_day_of_validity
from tdc.core.models import AuditAction
from tdc.core.numbering import allocate_number
from tdc.core.roles import Role
from tdc.core.scoping import object_in_scope
from tdc.metrology.choices import (
    CalibrationResult,
    CertificateStatus,
    DesignationStatus,
    InstrumentStatus,
    MpeScheme,
    StampKind,
    StandardStatus,
    VerificationKind,
    VerificationPlace,
    VerificationResult,
    VerifierStatus,
)
from tdc.metrology.models import (
    Certificate,
    Designation,
    Instrument,
    InstrumentType,
    MeasurementStandard,
    StampBatch,
    StampUse,
    StandardCalibration,
    Verification,
    VerificationPoint,
    VerificationStandard,
    Verifier,
)
from tdc.metrology.rules import Evaluation, Message, Point, RuleInputError, evaluate
from tdc.metrology.selectors import instrument_type_rule_on

if TYPE_CHECKING:
    from tdc.registry.models import Organisation

#: Number series of verification certificates (seeded by migration 0002).
CERTIFICATE_SERIES = "metrology-certificate"

#: Verification kinds judged against the initial MPE; the others use the in-service MPE.
_INITIAL_STAGE_KINDS = frozenset({VerificationKind.INITIAL, VerificationKind.AFTER_REPAIR})

#: Instrument families for which cross-check verification exists (TT 23/2013 Arts 21–22).
_CROSS_CHECK_PREFIXES = ("electricity-meter", "cold-water-meter")

#: Conclusion printed on a certificate (TT 24/2013 Art. 41).
CONCLUSION_PASSED = "Đạt yêu cầu kỹ thuật đo lường"


@dataclass(frozen=True)
class PointInput:
    """One test point as entered: reference, indication and the point's own conditions."""

    reference: Decimal
    indication: Decimal
    conditions: Mapping[str, Any] = field(default_factory=dict)


# --- helpers ----------------------------------------------------------------------------------


def valid_until_for(verified_on: dt.date, cycle_months: int | None) -> dt.date | None:
    """Last day of the verification cycle (TT 24/2013 Art. 41): the day before the same date
    ``cycle_months`` later; ``None`` for types without periodic verification."""
    if not cycle_months:
        return None
    return last_day_of_validity(verified_on, cycle_months)


def stage_for(kind: str) -> str:
    """Which MPE applies: initial (initial, after repair) or in service (periodic, cross-check)."""
    return "initial" if kind in _INITIAL_STAGE_KINDS else "in_service"


def _message(message: Message) -> str:
    return message.en if (get_language() or "vi").startswith("en") else message.vi


def _date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


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
    text = _message(exc.message)
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
) -> Evaluation | None:
    """Judge the test points with the rules module (``None`` for types the module does not
    cover). Raises a field-keyed ``ValidationError`` for impossible readings, unknown classes or
    a unit that does not fit the type."""
    if rule.mpe_scheme == MpeScheme.OTHER:
        return None
    given = dict(params or {})
    merged = {**instrument_params(instrument, rule.mpe_scheme), **given}
    try:
        return evaluate(
            rule.mpe_scheme,
            accuracy_class=instrument.accuracy_class,
            stage=stage_for(kind),
            params=merged,
            points=[
                Point(reference=p.reference, indication=p.indication, conditions=p.conditions)
                for p in points
            ],
            on=verified_on,
        )
    except RuleInputError as exc:
        raise _rule_error(exc, given) from exc


# --- refusal rules ----------------------------------------------------------------------------


def _check_kind(rule: InstrumentType, kind: str, type_code: str) -> str | None:
    if kind not in VerificationKind.values:
        return _("Choose one of the verification kinds offered.")
    required = {
        VerificationKind.INITIAL: rule.requires_initial,
        VerificationKind.PERIODIC: rule.requires_periodic,
        VerificationKind.AFTER_REPAIR: rule.requires_after_repair,
        VerificationKind.CROSS_CHECK: rule.requires_periodic
        and type_code.startswith(_CROSS_CHECK_PREFIXES),
    }[VerificationKind(kind)]
    if required:
        return None
    return _(
        "{kind} is not a control measure for this type under {basis}; choose another kind."
    ).format(kind=VerificationKind(kind).label, basis=rule.legal_basis or rule.version_label)


def _check_verifier(
    verifier: Verifier, organisation: Organisation, type_code: str, day: dt.date
) -> str | None:
    if verifier.organisation_id != organisation.pk:
        return _("This verifier works for another organisation; choose one of yours.")
    if verifier.status != VerifierStatus.ACTIVE:
        return _(
            "Verifier {name} is {status} ({reason}); a verifier with a valid card must verify."
        ).format(
            name=verifier.full_name,
            status=verifier.get_status_display().lower(),
            reason=verifier.status_reason or "—",
        )
    if not verifier.valid_from <= day <= verifier.valid_to:
        return _(
            "Verifier {name}'s certification is valid {start}–{end}, not on {day}; choose a "
            "verifier certified on that date."
        ).format(
            name=verifier.full_name,
            start=_date(verifier.valid_from),
            end=_date(verifier.valid_to),
            day=_date(day),
        )
    if not verifier.instrument_types.filter(type_code=type_code).exists():
        return _(
            "Verifier {name} is not certified for this instrument type; choose a verifier "
            "certified for it."
        ).format(name=verifier.full_name)
    return None


def _check_designation(
    organisation: Organisation, type_code: str, province_id: str, day: Any
) -> str | None:
    """The organisation must hold a designation covering the type and the instrument's province
    on the verification date, neither suspended nor revoked."""
    candidates = list(
        Designation.objects.filter(
            organisation=organisation,
            valid_from__lte=day,
            valid_to__gte=day,
            instrument_types__type_code=type_code,
        ).prefetch_related("provinces")
    )
    if not candidates:
        return _(
            "{org} holds no designation for this instrument type on {day}; only a designated "
            "organisation may verify it."
        ).format(org=organisation.name, day=_date(day))
    covering = [
        d
        for d in candidates
        if province_id in {p.pk for p in d.provinces.all()}
        or (not d.provinces.all() and organisation.province_id == province_id)
    ]
    if not covering:
        return _(
            "{org}'s designation for this type does not cover the instrument's province; the "
            "owner must ask an organisation designated there."
        ).format(org=organisation.name)
    active = [d for d in covering if d.status == DesignationStatus.ACTIVE]
    if not active:
        blocked = covering[0]
        return _(
            "Designation {number} is {status} ({reason}); no verification may be made under it "
            "until it is reinstated."
        ).format(
            number=blocked.decision_number,
            status=blocked.get_status_display().lower(),
            reason=blocked.status_reason or "—",
        )
    return None


def _calibration_in_force(
    standards: Sequence[MeasurementStandard], day: dt.date
) -> tuple[dict[int, StandardCalibration], list[str]]:
    found: dict[int, StandardCalibration] = {}
    errors: list[str] = []
    calibrations = StandardCalibration.objects.filter(
        standard__in=[s.pk for s in standards], calibrated_on__lte=day
    ).order_by("standard_id", "-calibrated_on", "-id")
    latest: dict[int, StandardCalibration] = {}
    for row in calibrations:
        latest.setdefault(row.standard_id, row)
    for standard in standards:
        calibration = latest.get(standard.pk)
        label = standard.serial_number or standard.name
        if standard.status == StandardStatus.RETIRED:
            errors.append(_("Standard {std} is retired; choose another.").format(std=label))
        elif calibration is None:
            errors.append(
                _(
                    "Standard {std} has no calibration recorded before {day}; record its "
                    "calibration certificate first."
                ).format(std=label, day=_date(day))
            )
        elif calibration.valid_until < day:
            errors.append(
                _(
                    "The calibration of standard {std} (certificate {cert}) expired on {until}, "
                    "before {day}; record its new calibration or choose another standard."
                ).format(
                    std=label,
                    cert=calibration.certificate_number,
                    until=_date(calibration.valid_until),
                    day=_date(day),
                )
            )
        elif calibration.result != CalibrationResult.IN_TOLERANCE:
            errors.append(
                _(
                    "Standard {std} was found out of tolerance at its last calibration "
                    "(certificate {cert}); it cannot be used until recalibrated."
                ).format(std=label, cert=calibration.certificate_number)
            )
        elif standard.group2_certified_until and standard.group2_certified_until < day:
            errors.append(
                _(
                    "Standard {std}'s certification for Group 2 use ended on {until}; renew it "
                    "or choose another standard."
                ).format(std=label, until=_date(standard.group2_certified_until))
            )
        else:
            found[standard.pk] = calibration
    return found, errors


def _check_type_approval(
    instrument: Instrument, rule: InstrumentType, kind: str, day: Any
) -> str | None:
    if not rule.requires_type_approval:
        return None
    if not instrument.type_approval_number:
        return _(
            "This type requires type approval and the instrument has no type-approval decision; "
            "enter the decision number in the register before verifying it."
        )
    start, end = instrument.type_approval_valid_from, instrument.type_approval_valid_to
    if kind == VerificationKind.INITIAL and (
        (start is not None and day < start) or (end is not None and day > end)
    ):
        return _(
            "Type approval {number} is not valid on {day}; an instrument entering service needs "
            "a type approval in force."
        ).format(number=instrument.type_approval_number, day=_date(day))
    return None


def _find_batch(
    organisation: Organisation, kind: str, serial: str
) -> tuple[StampBatch, int] | None:
    for batch in StampBatch.objects.filter(organisation=organisation, kind=kind).order_by("-id"):
        if not serial.startswith(batch.prefix):
            continue
        digits = serial[len(batch.prefix) :]
        if not digits.isdigit():
            continue
        number = int(digits)
        if batch.first_number <= number <= batch.last_number:
            return batch, number
    return None


def used_message(use: StampUse) -> str:
    if use.voided:
        return _("Serial {serial} was voided ({reason}); take the next one from stock.").format(
            serial=use.serial, reason=use.void_reason
        )
    return _(
        "Serial {serial} is already on verification #{id} of {day}; a serial cannot be used "
        "twice — take the next one from stock."
    ).format(serial=use.serial, id=use.verification_id, day=_date(use.used_on))


def _check_stamp(organisation: Organisation, kind: str, serial: str) -> tuple[StampBatch, int]:
    located = _find_batch(organisation, kind, serial)
    if located is None:
        raise ValidationError(
            {
                "stamp_serial": _(
                    "Serial {serial} is not in any batch issued to {org}; check the serial, or ask "
                    "the provincial authority to record the batch."
                ).format(serial=serial, org=organisation.name)
            }
        )
    existing = StampUse.objects.filter(kind=kind, serial=serial).first()
    if existing is not None:
        raise ValidationError({"stamp_serial": used_message(existing)})
    return located


# --- verification -----------------------------------------------------------------------------


def _verification_checks(
    *,
    by: Any,
    instrument: Instrument,
    kind: str,
    verified_on: dt.date,
    organisation: Organisation,
    verifier: Verifier,
    standards: Sequence[MeasurementStandard],
) -> tuple[InstrumentType, dict[int, StandardCalibration]]:
    errors: dict[str, list[str]] = {}
    if verified_on > timezone.localdate():
        errors["verified_on"] = [_("The verification date is in the future; correct it.")]
    if instrument.archived_at is not None or instrument.status == InstrumentStatus.SCRAPPED:
        errors["instrument"] = [
            _("This instrument is archived or scrapped; it cannot be verified.")
        ]
    try:
        rule = instrument_type_rule_on(instrument.type_code, verified_on)
    except ValidationError as exc:
        raise ValidationError({"verified_on": exc.messages}) from exc
    if (
        by is not None
        and getattr(by, "organisation_id", None) != organisation.pk
        and getattr(by, "role", None) != Role.SYSTEM_ADMIN
    ):
        errors["organisation"] = [_("You may record verifications only for your own organisation.")]
    for key, message in (
        ("kind", _check_kind(rule, kind, instrument.type_code)),
        ("verifier", _check_verifier(verifier, organisation, instrument.type_code, verified_on)),
        (
            "organisation",
            _check_designation(
                organisation, instrument.type_code, instrument.province_id, verified_on
            ),
        ),
        ("instrument", _check_type_approval(instrument, rule, kind, verified_on)),
    ):
        if message:
            errors.setdefault(key, []).append(message)
    calibrations, standard_errors = _calibration_in_force(standards, verified_on)
    if standard_errors:
        errors["standards"] = standard_errors
    if errors:
        raise ValidationError(errors)
    return rule, calibrations


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


def _certificate_for(
    verification: Verification,
    *,
    instrument: Instrument,
    rule: InstrumentType,
    number: str,
    by: Any,
    signatory_name: str,
    signatory_title: str,
) -> Certificate:
    owner = instrument.owner
    characteristics = ", ".join(
        part
        for part in (
            instrument.measuring_range,
            _("class {cls}").format(cls=instrument.accuracy_class)
            if instrument.accuracy_class
            else "",
            f"e = {instrument.verification_interval.normalize()} {instrument.unit}"
            if instrument.verification_interval is not None
            else "",
        )
        if part
    )
    place = verification.place_address or (
        instrument.address if verification.place == VerificationPlace.ON_SITE else ""
    )
    return Certificate(
        verification=verification,
        number=number,
        issued_by=verification.organisation,
        issued_on=verification.verified_on,
        instrument_name=rule.name_vi,
        instrument_model=instrument.model_name,
        serial_number=instrument.serial_number,
        manufacturer=instrument.manufacturer,
        manufacturer_country=instrument.manufacturer_country,
        characteristics=characteristics[:255],
        owner_name=owner.name,
        owner_address=owner.address,
        place=place or verification.get_place_display(),
        method=rule.dlvn_procedure,
        conclusion=CONCLUSION_PASSED,
        stamp_serial=verification.stamp_serial,
        valid_until=verification.valid_until,
        verifier_name=verification.verifier.full_name,
        signatory_name=signatory_name,
        signatory_title=signatory_title,
        province_id=verification.province_id,
        commune_id=verification.commune_id,
        owner=owner,
        created_by=by,
        modified_by=by,
    )


def _update_instrument_due(instrument: Instrument, verification: Verification, by: Any) -> None:
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
    locked.version += 1
    locked.modified_by = by
    locked.save(
        update_fields=[
            "next_due_date",
            "needs_reverification",
            "reverification_reason",
            "reverification_note",
            "version",
            "modified_by",
            "modified_at",
        ]
    )
    audit_record(
        actor=by,
        obj=locked,
        action=AuditAction.UPDATED,
        before=before,
        details={"verification": verification.pk},
    )


@transaction.atomic
def verification_record(
    *,
    by: Any,
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
    rule, calibrations = _verification_checks(
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
    evaluation = evaluate_points(
        instrument=instrument,
        rule=rule,
        kind=kind,
        verified_on=verified_on,
        points=points,
        params=params,
    )
    outcome, failure_reason = _result(evaluation, result, failure_reason)
    passed = outcome == VerificationResult.PASSED
    stamp_serial = (stamp_serial or "").strip().upper()
    located = (
        _check_stamp(organisation, stamp_kind, stamp_serial) if passed and stamp_serial else None
    )
    versions = [rule.version_label] + ([evaluation.rules_version] if evaluation else [])
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
        stamp_serial=stamp_serial if passed else "",
        valid_until=valid_until_for(verified_on, rule.cycle_months) if passed else None,
        type_code=instrument.type_code,
        province_id=instrument.province_id,
        commune_id=instrument.commune_id,
        owner_id=instrument.owner_id,
        notes=notes,
        created_by=by,
        modified_by=by,
    )
    if passed:
        verification.certificate_number = allocate_number(
            series=CERTIFICATE_SERIES, issuer=issuer_code(organisation), on=verified_on
        )
    verification.full_clean()
    verification.save()
    if by is not None and not object_in_scope(verification, by, "create"):
        raise ValidationError(
            {"organisation": _("You may record verifications only for your own organisation.")}
        )
    VerificationStandard.objects.bulk_create(
        [
            VerificationStandard(
                verification=verification, standard=s, calibration=calibrations[s.pk]
            )
            for s in standards
        ]
    )
    if evaluation is not None:
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
    if located is not None:
        _consume_stamp(verification, batch=located[0], number=located[1], kind=stamp_kind, by=by)
    certificate = None
    if passed:
        certificate = _certificate_for(
            verification,
            instrument=instrument,
            rule=rule,
            number=verification.certificate_number or "",
            by=by,
            signatory_name=signatory_name,
            signatory_title=signatory_title,
        )
        certificate.full_clean()
        certificate.save()
        audit_record(actor=by, obj=certificate, action=AuditAction.CREATED)
    audit_record(
        actor=by,
        obj=verification,
        action=AuditAction.CREATED,
        details={
            "result": outcome,
            "rules_version": verification.rules_version,
            "certificate": verification.certificate_number,
            "valid_until": verification.valid_until.isoformat()
            if verification.valid_until
            else None,
            "points": len(points),
        },
    )
    _update_instrument_due(instrument, verification, by)
    return verification


def issuer_code(organisation: Organisation) -> str:
    """The issuer part of certificate numbers: the tax code, else the register id."""
    return organisation.tax_code or str(organisation.pk)


def _consume_stamp(
    verification: Verification, *, batch: StampBatch, number: int, kind: str, by: Any
) -> StampUse:
    use = StampUse(
        batch=batch,
        organisation=verification.organisation,
        kind=kind,
        serial=verification.stamp_serial,
        number=number,
        verification=verification,
        used_on=verification.verified_on,
        created_by=by,
        modified_by=by,
    )
    try:
        with transaction.atomic():
            use.save()
    except IntegrityError as exc:
        # Two verifications took the same serial at once: the database refused the second.
        existing = StampUse.objects.filter(kind=kind, serial=use.serial).first()
        raise ValidationError(
            {"stamp_serial": used_message(existing) if existing else str(exc)}
        ) from exc
    audit_record(actor=by, obj=use, action=AuditAction.CREATED)
    return use


# --- certificates -----------------------------------------------------------------------------


def _certificate_status_change(
    *, certificate: Certificate, by: Any, status: str, reason: str, action: str
) -> Certificate:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why; the reason is shown on the public page.")})
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.status == CertificateStatus.REVOKED:
        raise ValidationError(_("This certificate is revoked; a revocation cannot be undone."))
    if locked.status == status:
        raise ValidationError(
            _("This certificate is already {status}.").format(status=locked.get_status_display())
        )
    before = snapshot(locked)
    locked.status = status
    locked.status_reason = reason[:255]
    locked.status_changed_at = timezone.now()
    locked.version += 1
    locked.modified_by = by
    locked.full_clean()
    locked.save()
    audit_record(actor=by, obj=locked, action=action, before=before, details={"reason": reason})
    return locked


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by: Any, reason: str) -> Certificate:
    """Revoke a certificate for good (e.g. issued in error, instrument tampered with); the
    public page shows it at once and the instrument falls due again."""
    locked = _certificate_status_change(
        certificate=certificate,
        by=by,
        status=CertificateStatus.REVOKED,
        reason=reason,
        action=AuditAction.REVOKED,
    )
    verification = locked.verification
    instrument = Instrument.objects.select_for_update().get(pk=verification.instrument_id)
    if instrument.next_due_date == verification.valid_until:
        before = snapshot(instrument)
        instrument.next_due_date = timezone.localdate()
        instrument.version += 1
        instrument.modified_by = by
        instrument.save(update_fields=["next_due_date", "version", "modified_by", "modified_at"])
        audit_record(
            actor=by,
            obj=instrument,
            action=AuditAction.UPDATED,
            before=before,
            details={"certificate_revoked": locked.number},
        )
    return locked


@transaction.atomic
def certificate_suspend(*, certificate: Certificate, by: Any, reason: str) -> Certificate:
    """Suspend a certificate (e.g. pending an inspection's conclusion), with the reason."""
    return _certificate_status_change(
        certificate=certificate,
        by=by,
        status=CertificateStatus.SUSPENDED,
        reason=reason,
        action=AuditAction.SUSPENDED,
    )


@transaction.atomic
def certificate_reinstate(*, certificate: Certificate, by: Any, reason: str) -> Certificate:
    """Lift a suspension; revoked certificates stay revoked."""
    if certificate.status != CertificateStatus.SUSPENDED:
        raise ValidationError(_("Only a suspended certificate can be reinstated."))
    return _certificate_status_change(
        certificate=certificate,
        by=by,
        status=CertificateStatus.VALID,
        reason=reason,
        action=AuditAction.STATUS_CHANGED,
    )
