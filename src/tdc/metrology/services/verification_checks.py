"""The refusal rules of a verification (TT 24/2013, TT 23/2013): the kind of verification,
the verifier, the organisation's designation, the standards' calibrations and the type approval,
each checked on the verification date. Every refusal is collected and raised at once, keyed by
the field to correct."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.core.roles import Role
from tdc.metrology.choices import (
    CalibrationResult,
    DesignationStatus,
    InstrumentStatus,
    StandardStatus,
    VerificationKind,
    VerifierStatus,
)
from tdc.metrology.models import (
    Designation,
    Instrument,
    InstrumentType,
    MeasurementStandard,
    StandardCalibration,
    Verifier,
)
from tdc.metrology.selectors import instrument_type_rule_on
from tdc.metrology.services.common import date_text

if TYPE_CHECKING:
    from tdc.accounts.models import User
    from tdc.registry.models import Organisation

#: Instrument families for which cross-check verification exists (TT 23/2013 Arts 21–22).
_CROSS_CHECK_PREFIXES = ("electricity-meter", "cold-water-meter")


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
            start=date_text(verifier.valid_from),
            end=date_text(verifier.valid_to),
            day=date_text(day),
        )
    if not verifier.instrument_types.filter(type_code=type_code).exists():
        return _(
            "Verifier {name} is not certified for this instrument type; choose a verifier "
            "certified for it."
        ).format(name=verifier.full_name)
    return None


def _check_designation(
    organisation: Organisation, type_code: str, province_id: str, day: dt.date
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
        ).format(org=organisation.name, day=date_text(day))
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
                ).format(std=label, day=date_text(day))
            )
        elif calibration.valid_until < day:
            errors.append(
                _(
                    "The calibration of standard {std} (certificate {cert}) expired on {until}, "
                    "before {day}; record its new calibration or choose another standard."
                ).format(
                    std=label,
                    cert=calibration.certificate_number,
                    until=date_text(calibration.valid_until),
                    day=date_text(day),
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
                ).format(std=label, until=date_text(standard.group2_certified_until))
            )
        else:
            found[standard.pk] = calibration
    return found, errors


def _check_type_approval(
    instrument: Instrument, rule: InstrumentType, kind: str, day: dt.date
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
        ).format(number=instrument.type_approval_number, day=date_text(day))
    return None


def verification_checks(
    *,
    by: User,
    instrument: Instrument,
    kind: str,
    verified_on: dt.date,
    organisation: Organisation,
    verifier: Verifier,
    standards: Sequence[MeasurementStandard],
) -> tuple[InstrumentType, dict[int, StandardCalibration]]:
    """The Group 2 list row in force on the verification date and the calibration in force of
    each standard; every refusal rule that applies is raised at once, by field."""
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
    if by.organisation_id != organisation.pk and by.role != Role.SYSTEM_ADMIN:
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
