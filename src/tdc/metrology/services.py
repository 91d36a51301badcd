"""Writes to the metrology register: instruments, designations, verifiers, standards, markets.

Every service is keyword-only and atomic, validates with ``full_clean()``, checks the editor's
version where an edit could race, refuses records outside the actor's jurisdiction and writes
its audit event in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.core.audit import audit_record, snapshot
from tdc.core.exceptions import check_version
from tdc.core.models import AuditAction
from tdc.core.scoping import object_in_scope
from tdc.core.text import vn_fold
from tdc.metrology.choices import (
    DesignationStatus,
    InstrumentStatus,
    VerifierStatus,
)
from tdc.metrology.models import (
    Designation,
    DesignationInstrumentType,
    Instrument,
    InstrumentType,
    Market,
    MarketCheck,
    MeasurementStandard,
    ReferenceWeight,
    StandardCalibration,
    Verifier,
    VerifierInstrumentType,
)
from tdc.registry.selectors import organisation_visible

if TYPE_CHECKING:
    from tdc.registry.models import Organisation

INSTRUMENT_FIELDS = frozenset(
    {
        "owner",
        "type_code",
        "manufacturer",
        "manufacturer_country",
        "model_name",
        "serial_number",
        "manufactured_year",
        "type_approval_number",
        "type_approval_valid_from",
        "type_approval_valid_to",
        "accuracy_class",
        "measuring_range",
        "max_capacity",
        "min_capacity",
        "verification_interval",
        "scale_interval",
        "unit",
        "province",
        "commune",
        "address",
        "latitude",
        "longitude",
        "status",
        "status_reason",
    }
)
DESIGNATION_FIELDS = frozenset(
    {
        "organisation",
        "decision_number",
        "decision_date",
        "issued_by",
        "valid_from",
        "valid_to",
        "notes",
    }
)
VERIFIER_FIELDS = frozenset(
    {
        "organisation",
        "designation",
        "user",
        "full_name",
        "birth_year",
        "card_number",
        "decision_number",
        "valid_from",
        "valid_to",
    }
)
STANDARD_FIELDS = frozenset(
    {
        "level",
        "name",
        "identifier",
        "quantity",
        "measuring_range",
        "uncertainty",
        "manufacturer",
        "model_name",
        "serial_number",
        "holder",
        "parent",
        "certified_for_group2",
        "group2_certificate_number",
        "group2_certified_until",
        "status",
        "status_reason",
    }
)
MARKET_FIELDS = frozenset(
    {"name", "province", "commune", "address", "management_board", "status", "notes"}
)
REFERENCE_WEIGHT_FIELDS = frozenset(
    {
        "kind",
        "nominal_value",
        "unit",
        "accuracy_class",
        "serial_number",
        "instrument",
        "last_verified_on",
        "verification_valid_until",
        "certificate_number",
        "in_use",
    }
)
MARKET_CHECK_FIELDS = frozenset(
    {"checked_on", "officer", "scales_checked", "scales_failed", "result", "findings"}
)

#: Validity of a designation decision (TT 24/2013 Art. 15): five years from signature.
DESIGNATION_YEARS = 5


# --- helpers ----------------------------------------------------------------------------------


def _check_fields(fields: Iterable[str], allowed: frozenset[str], what: str) -> None:
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise TypeError(f"unknown {what} fields: {unknown}")


def _require_reason(reason: str, message: str) -> str:
    if not reason or not reason.strip():
        raise ValidationError({"reason": message})
    return reason.strip()


def _ensure_in_scope(obj: models.Model, by: Any, action: str, message: str) -> None:
    """Refuse a write whose result lies outside the actor's jurisdiction (rolled back)."""
    if by is not None and not object_in_scope(obj, by, action):
        raise ValidationError(message)


def _lock[M: models.Model](obj: M) -> M:
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def _save_change[M: models.Model](
    obj: M, *, by: Any, before: dict[str, Any], action: str = AuditAction.UPDATED, **details: Any
) -> M:
    obj.full_clean()
    obj.version += 1  # type: ignore[attr-defined]
    obj.modified_by = by  # type: ignore[attr-defined]
    obj.save()
    audit_record(actor=by, obj=obj, action=action, before=before, details=details or None)
    return obj


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (28 February for 29 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def known_type_codes() -> set[str]:
    return set(InstrumentType.objects.values_list("code", flat=True).distinct())


def _check_type_codes(codes: Iterable[str], field: str) -> list[str]:
    wanted = sorted({c.strip() for c in codes if c and c.strip()})
    unknown = sorted(set(wanted) - known_type_codes())
    if unknown:
        raise ValidationError(
            {
                field: _(
                    "These codes are not on the Group 2 list: {codes}; choose types from the list."
                ).format(codes=", ".join(unknown))
            }
        )
    return wanted


# --- instruments ------------------------------------------------------------------------------


def instrument_search_text(instrument: Instrument) -> str:
    parts = [
        instrument.type_code,
        instrument.manufacturer,
        instrument.model_name,
        instrument.serial_number,
        instrument.type_approval_number,
        instrument.address,
    ]
    return vn_fold(" ".join(p for p in parts if p))


def _prepare_instrument(instrument: Instrument) -> None:
    instrument.serial_number = (instrument.serial_number or "").strip()
    instrument.manufacturer = " ".join((instrument.manufacturer or "").split())
    instrument.type_code = (instrument.type_code or "").strip()
    if instrument.type_code and instrument.type_code not in known_type_codes():
        raise ValidationError(
            {
                "type_code": _(
                    "“{code}” is not a type on the Group 2 list; choose a type from the list."
                ).format(code=instrument.type_code)
            }
        )
    if instrument.commune_id and not instrument.province_id:
        instrument.province_id = instrument.commune.province_id  # type: ignore[union-attr]
    if (
        instrument.latitude is None
        and instrument.longitude is not None
        or instrument.latitude is not None
        and instrument.longitude is None
    ):
        raise ValidationError({"longitude": _("Give both latitude and longitude, or neither.")})
    instrument.search_text = instrument_search_text(instrument)


_OUT_OF_SCOPE_INSTRUMENT = _(
    "This instrument would be outside your jurisdiction (owner or place); you may register "
    "instruments only for your own organisation or in your province or commune."
)


def _check_owner(owner: Organisation | None, by: Any) -> None:
    if owner is None or by is None:
        return
    if not organisation_visible(by, owner.pk):
        raise ValidationError(
            {"owner": _("You cannot register instruments for this owner; choose one you manage.")}
        )


@transaction.atomic
def instrument_register(*, by: Any, **fields: Any) -> Instrument:
    """Enter an instrument in the register (unique per type, manufacturer and serial)."""
    _check_fields(fields, INSTRUMENT_FIELDS, "instrument")
    instrument = Instrument(**fields, created_by=by, modified_by=by)
    _check_owner(fields.get("owner"), by)
    _prepare_instrument(instrument)
    instrument.full_clean()
    instrument.save()
    _ensure_in_scope(instrument, by, "create", _OUT_OF_SCOPE_INSTRUMENT)
    audit_record(actor=by, obj=instrument, action=AuditAction.CREATED)
    return instrument


@transaction.atomic
def instrument_update(
    *, instrument: Instrument, by: Any, expected_version: int | None = None, **fields: Any
) -> Instrument:
    _check_fields(fields, INSTRUMENT_FIELDS, "instrument")
    locked = _lock(instrument)
    check_version(locked, expected_version)
    before = snapshot(locked)
    for name, value in fields.items():
        setattr(locked, name, value)
    if "owner" in fields and fields["owner"].pk != before["owner"]:
        _check_owner(fields["owner"], by)
    _prepare_instrument(locked)
    action = (
        AuditAction.STATUS_CHANGED if before["status"] != locked.status else AuditAction.UPDATED
    )
    _save_change(locked, by=by, before=before, action=action)
    _ensure_in_scope(locked, by, "change", _OUT_OF_SCOPE_INSTRUMENT)
    return locked


@transaction.atomic
def instrument_change_status(
    *,
    instrument: Instrument,
    by: Any,
    status: str,
    reason: str = "",
    expected_version: int | None = None,
) -> Instrument:
    """Put an instrument in use, out of service, sealed or scrapped, with the reason."""
    if status not in InstrumentStatus.values:
        raise ValidationError({"status": _("Choose one of the statuses offered.")})
    if status != InstrumentStatus.IN_USE:
        reason = _require_reason(reason, _("Say why the status changes (e.g. the sealing record)."))
    locked = _lock(instrument)
    check_version(locked, expected_version)
    before = snapshot(locked)
    locked.status = status
    locked.status_reason = reason
    return _save_change(
        locked, by=by, before=before, action=AuditAction.STATUS_CHANGED, reason=reason
    )


@transaction.atomic
def instrument_archive(*, instrument: Instrument, by: Any, reason: str) -> Instrument:
    """Take a record entered by mistake out of the register; it is kept, never deleted."""
    reason = _require_reason(reason, _("Say why the record is archived."))
    locked = _lock(instrument)
    if locked.archived_at is not None:
        raise ValidationError(_("This instrument is already archived."))
    before = snapshot(locked)
    locked.archived_at = timezone.now()
    locked.archive_reason = reason
    return _save_change(locked, by=by, before=before, action=AuditAction.ARCHIVED, reason=reason)


# --- designations and verifiers ---------------------------------------------------------------


def _set_type_codes(
    parent: Designation | Verifier, model: type[models.Model], codes: list[str]
) -> None:
    link = "designation" if isinstance(parent, Designation) else "verifier"
    model._default_manager.filter(**{link: parent}).exclude(type_code__in=codes).delete()
    have = set(model._default_manager.filter(**{link: parent}).values_list("type_code", flat=True))
    model._default_manager.bulk_create(
        [model(**{link: parent, "type_code": c}) for c in codes if c not in have]
    )


def _designation_checks(designation: Designation) -> None:
    if designation.valid_to is None and designation.valid_from is not None:
        designation.valid_to = add_years(designation.valid_from, DESIGNATION_YEARS) - dt.timedelta(
            days=1
        )
    if designation.valid_from and designation.valid_to:
        longest = add_years(designation.valid_from, DESIGNATION_YEARS)
        if designation.valid_to >= longest:
            raise ValidationError(
                {
                    "valid_to": _(
                        "A designation is valid for at most five years (until {day}); shorten it."
                    ).format(day=(longest - dt.timedelta(days=1)).strftime("%d/%m/%Y"))
                }
            )


@transaction.atomic
def designation_create(
    *,
    by: Any,
    type_codes: Iterable[str],
    provinces: Iterable[Any] = (),
    **fields: Any,
) -> Designation:
    """Record a designation decision with the instrument types and provinces it covers."""
    _check_fields(fields, DESIGNATION_FIELDS, "designation")
    codes = _check_type_codes(type_codes, "type_codes")
    if not codes:
        raise ValidationError({"type_codes": _("Choose at least one instrument type.")})
    designation = Designation(**fields, created_by=by, modified_by=by)
    _designation_checks(designation)
    designation.full_clean()
    designation.save()
    designation.provinces.set(list(provinces))
    _set_type_codes(designation, DesignationInstrumentType, codes)
    _ensure_in_scope(
        designation,
        by,
        "create",
        _("This designation is outside your province; ask that province's officers."),
    )
    audit_record(
        actor=by,
        obj=designation,
        action=AuditAction.CREATED,
        details={"type_codes": codes, "provinces": [str(p.pk) for p in provinces]},
    )
    return designation


@transaction.atomic
def designation_update(
    *,
    designation: Designation,
    by: Any,
    expected_version: int | None = None,
    type_codes: Iterable[str] | None = None,
    provinces: Iterable[Any] | None = None,
    **fields: Any,
) -> Designation:
    _check_fields(fields, DESIGNATION_FIELDS, "designation")
    locked = _lock(designation)
    check_version(locked, expected_version)
    before = snapshot(locked)
    for name, value in fields.items():
        setattr(locked, name, value)
    _designation_checks(locked)
    details: dict[str, Any] = {}
    if type_codes is not None:
        codes = _check_type_codes(type_codes, "type_codes")
        if not codes:
            raise ValidationError({"type_codes": _("Choose at least one instrument type.")})
        _set_type_codes(locked, DesignationInstrumentType, codes)
        details["type_codes"] = codes
    if provinces is not None:
        provinces = list(provinces)
        locked.provinces.set(provinces)
        details["provinces"] = [str(p.pk) for p in provinces]
    return _save_change(locked, by=by, before=before, **details)


@transaction.atomic
def designation_suspend(
    *, designation: Designation, by: Any, reason: str, until: dt.date | None = None
) -> Designation:
    """Suspend a designation (at most six months, TT 24/2013 Art. 17) with the reason."""
    reason = _require_reason(reason, _("Say why the designation is suspended."))
    locked = _lock(designation)
    if locked.status == DesignationStatus.REVOKED:
        raise ValidationError(_("A revoked designation cannot be suspended."))
    today = timezone.localdate()
    if until is not None and until > add_years(today, 0) + dt.timedelta(days=183):
        raise ValidationError({"until": _("A suspension lasts at most six months; shorten it.")})
    before = snapshot(locked)
    locked.status = DesignationStatus.SUSPENDED
    locked.status_reason = reason
    locked.suspended_until = until
    return _save_change(locked, by=by, before=before, action=AuditAction.SUSPENDED, reason=reason)


@transaction.atomic
def designation_revoke(*, designation: Designation, by: Any, reason: str) -> Designation:
    """Revoke a designation; its verifiers' certifications end with it."""
    reason = _require_reason(reason, _("Say why the designation is revoked."))
    locked = _lock(designation)
    if locked.status == DesignationStatus.REVOKED:
        raise ValidationError(_("This designation is already revoked."))
    before = snapshot(locked)
    locked.status = DesignationStatus.REVOKED
    locked.status_reason = reason
    locked.suspended_until = None
    _save_change(locked, by=by, before=before, action=AuditAction.REVOKED, reason=reason)
    for verifier in Verifier.objects.select_for_update().filter(
        designation=locked, status=VerifierStatus.ACTIVE
    ):
        verifier_before = snapshot(verifier)
        verifier.status = VerifierStatus.REVOKED
        verifier.status_reason = _("Designation {number} revoked: {reason}").format(
            number=locked.decision_number, reason=reason
        )[:255]
        _save_change(
            verifier, by=by, before=verifier_before, action=AuditAction.REVOKED, reason=reason
        )
    return locked


def _verifier_defaults(verifier: Verifier) -> None:
    if verifier.designation_id and verifier.valid_to is None:
        verifier.valid_to = verifier.designation.valid_to
    if verifier.designation_id and not verifier.organisation_id:
        verifier.organisation_id = verifier.designation.organisation_id  # type: ignore[union-attr]
    verifier.card_number = (verifier.card_number or "").strip()


@transaction.atomic
def verifier_create(*, by: Any, type_codes: Iterable[str], **fields: Any) -> Verifier:
    """Record a certified verifier and the instrument types (fields) they may verify."""
    _check_fields(fields, VERIFIER_FIELDS, "verifier")
    codes = _check_type_codes(type_codes, "type_codes")
    if not codes:
        raise ValidationError({"type_codes": _("Choose at least one field (instrument type).")})
    verifier = Verifier(**fields, created_by=by, modified_by=by)
    _verifier_defaults(verifier)
    verifier.full_clean()
    verifier.save()
    _set_type_codes(verifier, VerifierInstrumentType, codes)
    _ensure_in_scope(
        verifier, by, "create", _("This verifier's organisation is outside your jurisdiction.")
    )
    audit_record(actor=by, obj=verifier, action=AuditAction.CREATED, details={"type_codes": codes})
    return verifier


@transaction.atomic
def verifier_update(
    *,
    verifier: Verifier,
    by: Any,
    expected_version: int | None = None,
    type_codes: Iterable[str] | None = None,
    **fields: Any,
) -> Verifier:
    _check_fields(fields, VERIFIER_FIELDS, "verifier")
    locked = _lock(verifier)
    check_version(locked, expected_version)
    before = snapshot(locked)
    for name, value in fields.items():
        setattr(locked, name, value)
    _verifier_defaults(locked)
    details: dict[str, Any] = {}
    if type_codes is not None:
        codes = _check_type_codes(type_codes, "type_codes")
        if not codes:
            raise ValidationError({"type_codes": _("Choose at least one field.")})
        _set_type_codes(locked, VerifierInstrumentType, codes)
        details["type_codes"] = codes
    return _save_change(locked, by=by, before=before, **details)


@transaction.atomic
def verifier_suspend(*, verifier: Verifier, by: Any, reason: str) -> Verifier:
    """Suspend a verifier's certification (card void while suspended), with the reason."""
    reason = _require_reason(reason, _("Say why the verifier is suspended."))
    locked = _lock(verifier)
    if locked.status != VerifierStatus.ACTIVE:
        raise ValidationError(_("Only an active verifier can be suspended."))
    before = snapshot(locked)
    locked.status = VerifierStatus.SUSPENDED
    locked.status_reason = reason
    return _save_change(locked, by=by, before=before, action=AuditAction.SUSPENDED, reason=reason)


# --- measurement standards --------------------------------------------------------------------


@transaction.atomic
def standard_create(*, by: Any, **fields: Any) -> MeasurementStandard:
    """Enter a measurement standard (national, main or working) in the register."""
    _check_fields(fields, STANDARD_FIELDS, "standard")
    standard = MeasurementStandard(**fields, created_by=by, modified_by=by)
    standard.full_clean()
    standard.save()
    _ensure_in_scope(
        standard, by, "create", _("The holder is outside your jurisdiction; choose your own.")
    )
    audit_record(actor=by, obj=standard, action=AuditAction.CREATED)
    return standard


@transaction.atomic
def standard_update(
    *,
    standard: MeasurementStandard,
    by: Any,
    expected_version: int | None = None,
    **fields: Any,
) -> MeasurementStandard:
    _check_fields(fields, STANDARD_FIELDS, "standard")
    locked = _lock(standard)
    check_version(locked, expected_version)
    before = snapshot(locked)
    for name, value in fields.items():
        setattr(locked, name, value)
    action = (
        AuditAction.STATUS_CHANGED if before["status"] != locked.status else AuditAction.UPDATED
    )
    _save_change(locked, by=by, before=before, action=action)
    _ensure_in_scope(
        locked, by, "change", _("The holder is outside your jurisdiction; choose your own.")
    )
    return locked


@transaction.atomic
def standard_calibration_record(
    *, standard: MeasurementStandard, by: Any, **fields: Any
) -> StandardCalibration:
    """Record a calibration of a standard (laboratory, certificate, dates, result)."""
    calibration = StandardCalibration(standard=standard, **fields, created_by=by, modified_by=by)
    calibration.certificate_number = (calibration.certificate_number or "").strip()
    calibration.full_clean()
    calibration.save()
    audit_record(actor=by, obj=calibration, action=AuditAction.CREATED)
    audit_record(
        actor=by,
        obj=standard,
        action=AuditAction.UPDATED,
        before=None,
        details={
            "calibration": calibration.certificate_number,
            "result": calibration.result,
            "valid_until": calibration.valid_until.isoformat(),
        },
    )
    return calibration


# --- markets ----------------------------------------------------------------------------------


def _prepare_market(market: Market) -> None:
    market.name = " ".join((market.name or "").split())
    if market.commune_id and not market.province_id:
        market.province_id = market.commune.province_id


@transaction.atomic
def market_create(*, by: Any, **fields: Any) -> Market:
    _check_fields(fields, MARKET_FIELDS, "market")
    market = Market(**fields, created_by=by, modified_by=by)
    _prepare_market(market)
    market.full_clean()
    market.save()
    _ensure_in_scope(
        market, by, "create", _("This market is outside your jurisdiction; choose your commune.")
    )
    audit_record(actor=by, obj=market, action=AuditAction.CREATED)
    return market


@transaction.atomic
def market_update(
    *, market: Market, by: Any, expected_version: int | None = None, **fields: Any
) -> Market:
    _check_fields(fields, MARKET_FIELDS, "market")
    locked = _lock(market)
    check_version(locked, expected_version)
    before = snapshot(locked)
    for name, value in fields.items():
        setattr(locked, name, value)
    _prepare_market(locked)
    _save_change(locked, by=by, before=before)
    _ensure_in_scope(locked, by, "change", _("This market would be outside your jurisdiction."))
    return locked


@transaction.atomic
def reference_weight_add(*, market: Market, by: Any, **fields: Any) -> ReferenceWeight:
    """Record a reference weight or scale a market keeps (TT 09/2017)."""
    _check_fields(fields, REFERENCE_WEIGHT_FIELDS, "reference weight")
    weight = ReferenceWeight(market=market, **fields, created_by=by, modified_by=by)
    weight.full_clean()
    weight.save()
    audit_record(actor=by, obj=weight, action=AuditAction.CREATED)
    return weight


@transaction.atomic
def market_check_record(*, market: Market, by: Any, **fields: Any) -> MarketCheck:
    """Record a check of a market's scales and reference weights."""
    _check_fields(fields, MARKET_CHECK_FIELDS, "market check")
    fields.setdefault("officer", by)
    check = MarketCheck(market=market, **fields, created_by=by, modified_by=by)
    check.full_clean()
    check.save()
    audit_record(actor=by, obj=check, action=AuditAction.CREATED)
    return check
