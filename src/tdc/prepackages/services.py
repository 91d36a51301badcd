"""Writes for prepackaged goods: quantity inspections (measured value by value, decided by the
rules module), the province's rules version, Group 1 declarations and Group 2 certificates.

Every function is keyword-only, atomic and writes its audit event in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from stdnum import ean

from tdc.core.audit import audit_record, snapshot
from tdc.core.calendar import last_day_of_validity
from tdc.core.exceptions import check_version
from tdc.core.models import AuditAction
from tdc.core.numbering import allocate_number
from tdc.prepackages.choices import (
    CertificationStatus,
    DeclarationStatus,
    InspectionStatus,
    LotDecision,
    ProcedureStep,
    QuantityKindChoice,
    TareMethodChoice,
)
from tdc.prepackages.deadlines import due_date
from tdc.prepackages.models import (
    MarkCertification,
    MarkDeclaration,
    ProvinceRulesSetting,
    QuantityInspection,
    QuantityMeasurement,
)
from tdc.prepackages.rules import (
    QuantityKind,
    RuleInputError,
    Tare,
    TareMethod,
    all_versions,
    evaluate,
    get_version,
    plain,
    sampling_plan,
    tolerable_deficiency,
)
from tdc.prepackages.rules.evaluation import ABSURD_FACTOR, ABSURD_GROSS_FACTOR, Evaluation
from tdc.prepackages.rules.running import SEED_LIMIT, sample_positions
from tdc.prepackages.selectors import rules_version_for_province

#: Number series (seeded by migration 0002): minutes, declaration receipts, certificates.
MINUTES_SERIES = "prepackage-minutes"
RECEIPT_SERIES = "prepackage-declaration"
CERTIFICATE_SERIES = "prepackage-certificate"

RECERTIFICATION_EVENT = "prepackages.recertification_due"

INSPECTION_FIELDS = (
    "inspected_on",
    "product_name",
    "product_category",
    "brand",
    "gtin",
    "packer",
    "packer_role",
    "province",
    "commune",
    "address",
    "lot_code",
    "production_date",
    "lot_size",
    "quantity_kind",
    "nominal_quantity",
    "unit",
    "tare_method",
    "tare_values",
    "parent_inspection_ref",
    "notes",
)
#: Lot details that change T or the plan: editable only while no reading contradicts them.
_LOT_FIELDS = frozenset({"lot_size", "quantity_kind", "nominal_quantity", "unit"})


def rule_error(exc: RuleInputError) -> ValidationError:
    """A rules input error as a form/field error, in the user's language."""
    language = get_language() or "vi"
    message = exc.message_vi if language.startswith("vi") else exc.message
    return ValidationError({exc.field: [message]}, code=exc.code)


# --- Province rules setting --------------------------------------------------------------------


@transaction.atomic
def rules_setting_set(
    *, province: Any, rules_version: str, by: Any, reason: str = ""
) -> ProvinceRulesSetting:
    """Make a province apply ``rules_version`` to the inspections it starts from now on."""
    if rules_version not in all_versions():
        raise ValidationError(
            {
                "rules_version": _("Unknown rules version {id}: choose one of {known}.").format(
                    id=rules_version, known=", ".join(all_versions())
                )
            }
        )
    setting = ProvinceRulesSetting.objects.select_for_update().filter(province=province).first()
    if setting is None:
        setting = ProvinceRulesSetting(
            province=province, rules_version=rules_version, reason=reason, created_by=by
        )
        setting.modified_by = by
        setting.full_clean()
        setting.save()
        audit_record(actor=by, obj=setting, action=AuditAction.CREATED)
        return setting
    before = snapshot(setting)
    setting.rules_version = rules_version
    setting.reason = reason
    setting.version += 1
    setting.modified_by = by
    setting.full_clean()
    setting.save()
    audit_record(actor=by, obj=setting, action=AuditAction.UPDATED, before=before)
    return setting


# --- Inspections: lot details ------------------------------------------------------------------


def _normalise_tare_values(values: Any) -> list[str]:
    if values in (None, ""):
        return []
    if isinstance(values, str):
        values = [v for v in values.replace(";", " ").replace("\n", " ").split() if v]
    out = []
    for i, raw in enumerate(values, 1):
        try:
            number = Decimal(str(raw).replace(",", "."))
        except InvalidOperation as exc:
            raise ValidationError(
                {
                    "tare_values": _(
                        "Tare no. {i} ({value}) is not a number: write it like 12.5."
                    ).format(i=i, value=raw)
                }
            ) from exc
        if not number.is_finite() or number < 0:
            raise ValidationError(
                {
                    "tare_values": _(
                        "Tare no. {i} ({value}) must be zero or more: enter the reading as shown."
                    ).format(i=i, value=raw)
                }
            )
        out.append(plain(number))
    return out


def _prepare_inspection(insp: QuantityInspection) -> None:
    """Cross-field rules: GTIN checksum, commune in province, T and the plan computable."""
    errors: dict[str, Any] = {}
    if insp.gtin:
        insp.gtin = insp.gtin.strip().replace(" ", "")
        if not ean.is_valid(insp.gtin):
            errors["gtin"] = _(
                "This is not a valid GTIN (its check digit does not match): copy the 8, 12, 13 "
                "or 14 digits under the barcode again, or leave the field empty."
            )
    commune = insp.commune if insp.commune_id else None
    if commune is not None and insp.province_id and commune.province_id != insp.province_id:
        errors["commune"] = _(
            "The commune {commune} is not in the province chosen; choose a commune of that "
            "province."
        ).format(commune=insp.commune)
    insp.tare_values = _normalise_tare_values(insp.tare_values)
    if insp.tare_method == TareMethodChoice.AVERAGE and not insp.tare_values:
        errors["tare_values"] = _(
            "The average-tare method needs the tare readings of the tare sample: enter them, "
            "separated by spaces."
        )
    if errors:
        raise ValidationError(errors)
    version = get_version(insp.rules_version)
    try:
        tolerable_deficiency(
            nominal_quantity=Decimal(insp.nominal_quantity),
            unit=insp.unit,
            version=version,
            quantity_kind=QuantityKind(insp.quantity_kind),
        )
        plan = sampling_plan(lot_size=int(insp.lot_size), version=version)
    except RuleInputError as exc:
        raise rule_error(exc) from exc
    insp.sample_size = plan.sample_size
    insp.sample_positions = list(
        sample_positions(
            lot_size=plan.lot_size, sample_size=plan.sample_size, seed=insp.sample_seed
        )
    )


@transaction.atomic
def inspection_create(*, by: Any, **fields: Any) -> QuantityInspection:
    """Open an inspection of one lot: the province's rules version is fixed now, and the sample
    positions are drawn with a fresh random seed (both recorded)."""
    unknown = set(fields) - set(INSPECTION_FIELDS)
    if unknown:
        raise TypeError(f"unknown inspection fields: {sorted(unknown)}")
    province = fields.get("province")
    version, source = rules_version_for_province(getattr(province, "pk", province))
    insp = QuantityInspection(
        **fields,
        rules_version=version.id,
        rules_source=source,
        sample_seed=secrets.randbelow(SEED_LIMIT),
        sample_size=1,
        created_by=by,
        modified_by=by,
    )
    if insp.quantity_kind not in QuantityKindChoice.values:
        raise ValidationError({"quantity_kind": _("Choose what the label's quantity states.")})
    insp.full_clean(exclude=["sample_size", "sample_positions"])
    _prepare_inspection(insp)
    insp.full_clean()
    insp.save()
    audit_record(
        actor=by,
        obj=insp,
        action=AuditAction.CREATED,
        details={"rules_version": insp.rules_version, "seed": insp.sample_seed},
    )
    return insp


def _require_draft(insp: QuantityInspection) -> None:
    if insp.status != InspectionStatus.DRAFT:
        raise ValidationError(
            _(
                "This inspection is {status}: it can no longer be changed. Open a new inspection "
                "to check the lot again."
            ).format(status=insp.get_status_display().lower())
        )


@transaction.atomic
def inspection_update(
    *,
    inspection: QuantityInspection,
    by: Any,
    expected_version: int | None = None,
    **fields: Any,
) -> QuantityInspection:
    """Correct the lot details of a draft. The seed is kept, so a new lot size redraws the
    positions reproducibly; readings already entered stay, unless the new plan needs fewer."""
    insp = QuantityInspection.objects.select_for_update().get(pk=inspection.pk)
    check_version(insp, expected_version)
    _require_draft(insp)
    before = snapshot(insp)
    for name, value in fields.items():
        if name not in INSPECTION_FIELDS:
            raise TypeError(f"unknown inspection field: {name}")
        setattr(insp, name, value)
    insp.full_clean(exclude=["sample_positions"])
    _prepare_inspection(insp)
    entered = QuantityMeasurement.objects.filter(inspection=insp)
    beyond = entered.filter(position__gt=insp.sample_size).count()
    if beyond:
        raise ValidationError(
            {
                "lot_size": _(
                    "With this lot size the sample is {n} units, but {count} readings were "
                    "entered beyond no. {n}: delete those readings first, or keep the lot size."
                ).format(n=insp.sample_size, count=beyond)
            }
        )
    if any(name in _LOT_FIELDS for name in fields):
        for m in entered:
            m.unit_position = insp.sample_positions[m.position - 1]
            m.save(update_fields=["unit_position"])
    insp.full_clean()
    insp.version += 1
    insp.modified_by = by
    insp.save()
    audit_record(actor=by, obj=insp, action=AuditAction.UPDATED, before=before)
    return insp


# --- Inspections: readings, one at a time ------------------------------------------------------


def _parse_reading(raw: Any, *, field: str) -> Decimal:
    text = str(raw).strip().replace(",", ".") if raw is not None else ""
    if not text:
        raise ValidationError({field: _("Enter the reading: a number such as 498.6.")})
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValidationError(
            {
                field: _("“{value}” is not a number: enter the reading such as 498.6.").format(
                    value=raw
                )
            }
        ) from exc
    if not value.is_finite():
        raise ValidationError({field: _("Enter the reading as a plain number.")})
    return value


def _check_reading_range(insp: QuantityInspection, value: Decimal, *, field: str) -> None:
    if value < 0:
        raise ValidationError(
            {
                field: _(
                    "A reading cannot be negative ({value}): enter the quantity shown by the "
                    "balance or the measure, in {unit}."
                ).format(value=plain(value), unit=insp.unit)
            }
        )
    factor = ABSURD_FACTOR if insp.tare_method == TareMethodChoice.NET else ABSURD_GROSS_FACTOR
    upper = Decimal(insp.nominal_quantity) * factor
    if value > upper:
        raise ValidationError(
            {
                field: _(
                    "{value} {unit} is more than {upper} {unit} for a package of {qn} {unit}: "
                    "check the unit and the decimal point."
                ).format(
                    value=plain(value),
                    unit=insp.unit,
                    upper=plain(upper),
                    qn=plain(Decimal(insp.nominal_quantity)),
                )
            }
        )
    if value.as_tuple().exponent < -9:  # type: ignore[operator]
        raise ValidationError({field: _("Write the reading with at most 9 decimal places.")})


@transaction.atomic
def measurement_record(
    *,
    inspection: QuantityInspection,
    position: int,
    value: Any,
    by: Any,
    tare: Any = None,
) -> QuantityMeasurement:
    """Save the reading of sample unit ``position`` (1…n) at once, so that nothing entered is
    lost; entering it again corrects it (audited with the old value)."""
    insp = QuantityInspection.objects.select_for_update().get(pk=inspection.pk)
    _require_draft(insp)
    if not isinstance(position, int) or not 1 <= position <= insp.sample_size:
        raise ValidationError(
            {
                "position": _("The sample has units 1 to {n}: choose one of those numbers.").format(
                    n=insp.sample_size
                )
            }
        )
    number = _parse_reading(value, field="value")
    _check_reading_range(insp, number, field="value")
    tare_number = None
    if insp.tare_method == TareMethodChoice.INDIVIDUAL:
        if tare in (None, ""):
            raise ValidationError({"tare": _("Enter this unit's tare (its empty package).")})
        tare_number = _parse_reading(tare, field="tare")
        _check_reading_range(insp, tare_number, field="tare")
    existing = QuantityMeasurement.objects.filter(inspection=insp, position=position).first()
    old = None if existing is None else plain(existing.value)
    if existing is None:
        measurement = QuantityMeasurement(
            inspection=insp,
            position=position,
            unit_position=insp.sample_positions[position - 1],
            value=number,
            tare=tare_number,
            entered_by=by,
        )
    else:
        measurement = existing
        measurement.value = number
        measurement.tare = tare_number
        measurement.entered_by = by
    measurement.full_clean()
    measurement.save()
    QuantityInspection.objects.filter(pk=insp.pk).update(modified_at=timezone.now(), modified_by=by)
    details: dict[str, Any] = {"position": position, "value": plain(number)}
    if old is not None:
        details["previous"] = old
    if tare_number is not None:
        details["tare"] = plain(tare_number)
    audit_record(
        actor=by,
        obj=insp,
        action=AuditAction.UPDATED if old is None else AuditAction.UPDATED,
        details={"measurement": details},
    )
    return measurement


@transaction.atomic
def measurement_remove(*, inspection: QuantityInspection, position: int, by: Any) -> None:
    """Delete a mistaken reading of a draft (audited with its value)."""
    insp = QuantityInspection.objects.select_for_update().get(pk=inspection.pk)
    _require_draft(insp)
    measurement = QuantityMeasurement.objects.filter(inspection=insp, position=position).first()
    if measurement is None:
        return
    value = plain(measurement.value)
    measurement.delete()
    audit_record(
        actor=by,
        obj=insp,
        action=AuditAction.UPDATED,
        details={"measurement_removed": {"position": position, "value": value}},
    )


def _evaluate(insp: QuantityInspection) -> Evaluation:
    readings = list(QuantityMeasurement.objects.filter(inspection=insp).order_by("position"))
    tare = None
    if insp.tare_method == TareMethodChoice.AVERAGE:
        tare = Tare(TareMethod.AVERAGE, tuple(Decimal(v) for v in insp.tare_values))
    elif insp.tare_method == TareMethodChoice.INDIVIDUAL:
        tare = Tare(TareMethod.INDIVIDUAL, tuple(Decimal(m.tare or 0) for m in readings))
    return evaluate(
        nominal_quantity=Decimal(insp.nominal_quantity),
        unit=insp.unit,
        lot_size=insp.lot_size,
        measurements=[Decimal(m.value) for m in readings],
        version=get_version(insp.rules_version),
        tare=tare,
        quantity_kind=QuantityKind(insp.quantity_kind),
    )


def evaluation_data(ev: Evaluation) -> dict[str, Any]:
    """Everything the evaluation found, as JSON (decimal strings), stored with the decision."""
    d, p = ev.deficiency, ev.plan

    def opt(value: Decimal | None) -> str | None:
        return None if value is None else plain(value)

    return {
        "unit": d.unit,
        "tolerable_deficiency": plain(d.tolerable_deficiency),
        "q_min": plain(d.q_min),
        "t2_limit": plain(d.t2_limit),
        "sample_size_required": p.sample_size,
        "full_inspection": p.full_inspection,
        "t1_count": ev.t1_count,
        "t1_allowed": p.t1_allowed,
        "t2_count": ev.t2_count,
        "mean": plain(ev.mean),
        "std_dev": opt(ev.std_dev),
        "correction_factor": opt(p.correction_factor),
        "mean_limit": plain(ev.mean_limit),
        "mean_criterion_met": ev.mean_criterion_met,
        "decision": ev.decision.value,
        "reasons": [{"code": r.code, "met": r.met, "vi": r.vi, "en": r.en} for r in ev.reasons],
        "net_quantities": [plain(x) for x in ev.net_quantities],
        "rules_version": ev.rules_version,
    }


@transaction.atomic
def inspection_finalise(*, inspection: QuantityInspection, by: Any) -> QuantityInspection:
    """Decide the lot: the rules module evaluates the complete sample; the decision, every
    figure, the reasons and the rules version are stored, and the minutes get their number."""
    insp = QuantityInspection.objects.select_for_update().get(pk=inspection.pk)
    _require_draft(insp)
    try:
        ev = _evaluate(insp)
    except RuleInputError as exc:
        raise rule_error(exc) from exc
    before = snapshot(insp)
    qn = Decimal(insp.nominal_quantity)
    shortfall = max(Decimal(0), (qn - ev.mean) * 100 / qn)
    insp.decision = LotDecision.ACCEPT if ev.decision.value == "accept" else LotDecision.REJECT
    insp.tolerable_deficiency = ev.deficiency.tolerable_deficiency
    insp.q_min = ev.deficiency.q_min
    insp.t1_count = ev.t1_count
    insp.t2_count = ev.t2_count
    insp.mean = ev.mean.quantize(Decimal("1e-9"))
    insp.shortfall_percent = shortfall.quantize(Decimal("0.0001"))
    insp.result = evaluation_data(ev)
    insp.status = InspectionStatus.DECIDED
    insp.decided_at = timezone.now()
    insp.decided_by = by
    insp.minutes_number = allocate_number(
        series=MINUTES_SERIES, issuer=str(insp.province_id), on=insp.inspected_on
    )
    insp.version += 1
    insp.modified_by = by
    insp.full_clean()
    insp.save()
    audit_record(
        actor=by,
        obj=insp,
        action=AuditAction.APPROVED,
        before=before,
        details={"decision": insp.decision, "rules_version": insp.rules_version},
    )
    return insp


@transaction.atomic
def inspection_cancel(
    *, inspection: QuantityInspection, by: Any, reason: str
) -> QuantityInspection:
    """Cancel a draft opened by mistake (kept, never deleted)."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for cancelling the inspection.")})
    insp = QuantityInspection.objects.select_for_update().get(pk=inspection.pk)
    _require_draft(insp)
    before = snapshot(insp)
    insp.status = InspectionStatus.CANCELLED
    insp.cancel_reason = reason
    insp.version += 1
    insp.modified_by = by
    insp.save()
    audit_record(
        actor=by, obj=insp, action=AuditAction.ARCHIVED, before=before, details={"reason": reason}
    )
    return insp


# --- Group 1: self-declarations ----------------------------------------------------------------


def _transition(
    obj: Any, *, by: Any, allowed: Iterable[str], to: str, what: str, **changes: Any
) -> None:
    allowed = list(allowed)
    if obj.status not in set(allowed):
        labels = dict(type(obj)._meta.get_field("status").flatchoices)
        raise ValidationError(
            _(
                "This step needs a record that is “{allowed}”, and this one is “{status}”. "
                "Reload it to see its current state."
            ).format(
                allowed="”, “".join(str(labels.get(a, a)) for a in allowed),
                status=obj.get_status_display(),
            ),
            code="invalid_transition",
        )
    before = snapshot(obj)
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.status = to
    obj.version += 1
    obj.modified_by = by
    obj.full_clean()
    obj.save()
    audit_record(
        actor=by,
        obj=obj,
        action=AuditAction.STATUS_CHANGED,
        before=before,
        details={"transition": what},
    )


def _require_reason(reason: str) -> None:
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason, as it will appear in the register.")})


@transaction.atomic
def declaration_receive(
    *,
    by: Any,
    declarant: Any,
    province: Any,
    products: str,
    received_on: dt.date,
    supersedes: MarkDeclaration | None = None,
) -> MarkDeclaration:
    """Enter a declaration in the receipt register: the next receipt number, and the dates by
    which the file is checked (3 working days) and the stamped copy returned (5)."""
    if supersedes is not None and supersedes.status != DeclarationStatus.ACCEPTED:
        raise ValidationError(
            {
                "supersedes": _(
                    "Only a stamped declaration can be re-declared; this one is “{status}”."
                ).format(status=supersedes.get_status_display())
            }
        )
    notice = due_date(ProcedureStep.DECLARATION_INCOMPLETE_NOTICE, received_on)
    stamp = due_date(ProcedureStep.DECLARATION_STAMP, received_on)
    declaration = MarkDeclaration(
        declarant=declarant,
        province=province,
        products=products,
        received_on=received_on,
        supersedes=supersedes,
        notice_due=notice.day,
        stamp_due=stamp.day,
        deadline_versions=sorted({notice.version, stamp.version}),
        created_by=by,
        modified_by=by,
    )
    declaration.full_clean(exclude=["receipt_number"])
    declaration.receipt_number = allocate_number(
        series=RECEIPT_SERIES, issuer=str(getattr(province, "pk", province)), on=received_on
    )
    declaration.full_clean()
    declaration.save()
    audit_record(actor=by, obj=declaration, action=AuditAction.CREATED)
    return declaration


@transaction.atomic
def declaration_mark_incomplete(
    *, declaration: MarkDeclaration, by: Any, missing_items: str, notice_on: dt.date
) -> MarkDeclaration:
    """Send the notice of an incomplete file; the declarant then has 30 days to complete it."""
    if not missing_items.strip():
        raise ValidationError({"missing_items": _("List what the file lacks.")})
    obj = MarkDeclaration.objects.select_for_update().get(pk=declaration.pk)
    completion = due_date(ProcedureStep.DECLARATION_COMPLETION, notice_on)
    _transition(
        obj,
        by=by,
        allowed=[DeclarationStatus.RECEIVED],
        to=DeclarationStatus.INCOMPLETE,
        what="marked incomplete",
        missing_items=missing_items,
        notice_sent_on=notice_on,
        completion_due=completion.day,
        deadline_versions=sorted({*obj.deadline_versions, completion.version}),
    )
    return obj


@transaction.atomic
def declaration_complete(
    *, declaration: MarkDeclaration, by: Any, completed_on: dt.date
) -> MarkDeclaration:
    """The declarant completed the file: the 5 working days to stamp run from that day."""
    obj = MarkDeclaration.objects.select_for_update().get(pk=declaration.pk)
    if obj.completion_due and completed_on > obj.completion_due:
        raise ValidationError(
            {
                "completed_on": _(
                    "The file was due to be completed by {day}; record it as dropped and ask "
                    "for a new declaration."
                ).format(day=obj.completion_due.strftime("%d/%m/%Y"))
            }
        )
    stamp = due_date(ProcedureStep.DECLARATION_STAMP, completed_on)
    _transition(
        obj,
        by=by,
        allowed=[DeclarationStatus.INCOMPLETE],
        to=DeclarationStatus.RECEIVED,
        what="completed",
        completed_on=completed_on,
        stamp_due=stamp.day,
        deadline_versions=sorted({*obj.deadline_versions, stamp.version}),
    )
    return obj


@transaction.atomic
def declaration_accept(
    *, declaration: MarkDeclaration, by: Any, accepted_on: dt.date
) -> MarkDeclaration:
    """Sign and stamp the declaration and return one copy; a re-declaration replaces the
    declaration it renews."""
    obj = MarkDeclaration.objects.select_for_update().get(pk=declaration.pk)
    _transition(
        obj,
        by=by,
        allowed=[DeclarationStatus.RECEIVED],
        to=DeclarationStatus.ACCEPTED,
        what="stamped",
        accepted_on=accepted_on,
    )
    if obj.supersedes_id:
        old = MarkDeclaration.objects.select_for_update().get(pk=obj.supersedes_id)
        if old.status == DeclarationStatus.ACCEPTED:
            _transition(
                old,
                by=by,
                allowed=[DeclarationStatus.ACCEPTED],
                to=DeclarationStatus.SUPERSEDED,
                what="replaced by a re-declaration",
                closed_on=accepted_on,
                close_reason=_("Replaced by declaration {number}.").format(
                    number=obj.receipt_number
                ),
            )
    return obj


@transaction.atomic
def declaration_drop(*, declaration: MarkDeclaration, by: Any, on: dt.date) -> MarkDeclaration:
    """Drop a file the declarant did not complete in time."""
    obj = MarkDeclaration.objects.select_for_update().get(pk=declaration.pk)
    if obj.completion_due and on <= obj.completion_due:
        raise ValidationError(
            {
                "on": _(
                    "The declarant has until {day} to complete the file; wait until then."
                ).format(day=obj.completion_due.strftime("%d/%m/%Y"))
            }
        )
    _transition(
        obj,
        by=by,
        allowed=[DeclarationStatus.INCOMPLETE],
        to=DeclarationStatus.DROPPED,
        what="dropped",
        closed_on=on,
        close_reason=_("Not completed by the deadline."),
    )
    return obj


@transaction.atomic
def declaration_cancel(
    *, declaration: MarkDeclaration, by: Any, reason: str, on: dt.date
) -> MarkDeclaration:
    """Cancel a stamped declaration (serious violation, the declarant's notice, dissolution)."""
    _require_reason(reason)
    obj = MarkDeclaration.objects.select_for_update().get(pk=declaration.pk)
    _transition(
        obj,
        by=by,
        allowed=[DeclarationStatus.ACCEPTED],
        to=DeclarationStatus.CANCELLED,
        what="cancelled",
        closed_on=on,
        close_reason=reason,
    )
    return obj


# --- Group 2: certification --------------------------------------------------------------------


@transaction.atomic
def certification_receive(
    *,
    by: Any,
    applicant: Any,
    province: Any,
    products: str,
    received_on: dt.date,
    renewal_of: MarkCertification | None = None,
) -> MarkCertification:
    """Register a certification file; it is checked within 5 working days."""
    if renewal_of is not None and renewal_of.status not in {
        CertificationStatus.CERTIFIED,
        CertificationStatus.EXPIRED,
    }:
        raise ValidationError(
            {"renewal_of": _("Only a certificate in force or expired can be renewed.")}
        )
    notice = due_date(ProcedureStep.CERTIFICATION_INCOMPLETE_NOTICE, received_on)
    cert = MarkCertification(
        applicant=applicant,
        province=province,
        products=products,
        received_on=received_on,
        renewal_of=renewal_of,
        notice_due=notice.day,
        deadline_versions=[notice.version],
        created_by=by,
        modified_by=by,
    )
    cert.full_clean()
    cert.save()
    audit_record(actor=by, obj=cert, action=AuditAction.CREATED)
    return cert


@transaction.atomic
def certification_mark_incomplete(
    *, certification: MarkCertification, by: Any, missing_items: str, notice_on: dt.date
) -> MarkCertification:
    """Send the notice of an incomplete file; the applicant has 90 days to complete it."""
    if not missing_items.strip():
        raise ValidationError({"missing_items": _("List what the file lacks.")})
    obj = MarkCertification.objects.select_for_update().get(pk=certification.pk)
    completion = due_date(ProcedureStep.CERTIFICATION_COMPLETION, notice_on)
    _transition(
        obj,
        by=by,
        allowed=[CertificationStatus.RECEIVED],
        to=CertificationStatus.INCOMPLETE,
        what="marked incomplete",
        missing_items=missing_items,
        notice_sent_on=notice_on,
        completion_due=completion.day,
        deadline_versions=sorted({*obj.deadline_versions, completion.version}),
    )
    return obj


@transaction.atomic
def certification_accept_file(
    *, certification: MarkCertification, by: Any, completed_on: dt.date
) -> MarkCertification:
    """The file is complete: the assessment team is due within 30 working days and the
    certificate within 15 working days."""
    obj = MarkCertification.objects.select_for_update().get(pk=certification.pk)
    if obj.completion_due and completed_on > obj.completion_due:
        raise ValidationError(
            {
                "completed_on": _("The file was due to be completed by {day}.").format(
                    day=obj.completion_due.strftime("%d/%m/%Y")
                )
            }
        )
    team = due_date(ProcedureStep.CERTIFICATION_TEAM, completed_on)
    issue = due_date(ProcedureStep.CERTIFICATION_ISSUE, completed_on)
    _transition(
        obj,
        by=by,
        allowed=[CertificationStatus.RECEIVED, CertificationStatus.INCOMPLETE],
        to=CertificationStatus.ASSESSING,
        what="accepted as complete",
        completed_on=completed_on,
        team_due=team.day,
        issue_due=issue.day,
        deadline_versions=sorted({*obj.deadline_versions, team.version, issue.version}),
    )
    return obj


@transaction.atomic
def certification_set_team(
    *,
    certification: MarkCertification,
    by: Any,
    assessors: Sequence[Mapping[str, str]],
    set_on: dt.date,
) -> MarkCertification:
    """Set up the on-site assessment team: at least two trained assessors."""
    team = [
        {"name": str(a.get("name", "")).strip(), "role": str(a.get("role", "")).strip()}
        for a in assessors
        if str(a.get("name", "")).strip()
    ]
    if len(team) < 2:
        raise ValidationError(
            {"assessors": _("The team needs at least two trained assessors: add their names.")}
        )
    obj = MarkCertification.objects.select_for_update().get(pk=certification.pk)
    _transition(
        obj,
        by=by,
        allowed=[CertificationStatus.ASSESSING],
        to=CertificationStatus.ASSESSING,
        what="given its assessment team",
        assessment_team=team,
        team_set_on=set_on,
    )
    return obj


@transaction.atomic
def certification_issue(
    *, certification: MarkCertification, by: Any, issued_on: dt.date, assessed_on: dt.date
) -> MarkCertification:
    """Issue the certificate (Mẫu 4.GCN): numbered, valid 5 years from the day of issue."""
    obj = MarkCertification.objects.select_for_update().get(pk=certification.pk)
    if len(obj.assessment_team or []) < 2:
        raise ValidationError(
            _("Set up the assessment team (two assessors or more) before issuing.")
        )
    if assessed_on > issued_on:
        raise ValidationError(
            {"assessed_on": _("The on-site assessment comes before the certificate.")}
        )
    validity = due_date(ProcedureStep.CERTIFICATE_VALIDITY, issued_on)
    number = allocate_number(series=CERTIFICATE_SERIES, issuer=str(obj.province_id), on=issued_on)
    _transition(
        obj,
        by=by,
        allowed=[CertificationStatus.ASSESSING],
        to=CertificationStatus.CERTIFIED,
        what="certified",
        assessed_on=assessed_on,
        issued_on=issued_on,
        certificate_number=number,
        valid_until=validity.day - dt.timedelta(days=1),
        deadline_versions=sorted({*obj.deadline_versions, validity.version}),
    )
    return obj


@transaction.atomic
def certification_refuse(
    *, certification: MarkCertification, by: Any, reason: str, on: dt.date
) -> MarkCertification:
    _require_reason(reason)
    obj = MarkCertification.objects.select_for_update().get(pk=certification.pk)
    _transition(
        obj,
        by=by,
        allowed=[
            CertificationStatus.RECEIVED,
            CertificationStatus.INCOMPLETE,
            CertificationStatus.ASSESSING,
        ],
        to=CertificationStatus.REFUSED,
        what="refused",
        closed_on=on,
        close_reason=reason,
    )
    return obj


@transaction.atomic
def certification_suspend(
    *, certification: MarkCertification, by: Any, reason: str, on: dt.date, until: dt.date
) -> MarkCertification:
    """Suspend the certificate for at most 6 months."""
    _require_reason(reason)
    longest = due_date(ProcedureStep.SUSPENSION_MAX, on)
    if until <= on or until > longest.day:
        raise ValidationError(
            {
                "until": _(
                    "A suspension lasts at most until {day} (6 months): choose an end date "
                    "after {start} and no later than that."
                ).format(day=longest.day.strftime("%d/%m/%Y"), start=on.strftime("%d/%m/%Y"))
            }
        )
    obj = MarkCertification.objects.select_for_update().get(pk=certification.pk)
    _transition(
        obj,
        by=by,
        allowed=[CertificationStatus.CERTIFIED],
        to=CertificationStatus.SUSPENDED,
        what="suspended",
        suspended_until=until,
        close_reason=reason,
    )
    return obj


@transaction.atomic
def certification_reinstate(*, certification: MarkCertification, by: Any) -> MarkCertification:
    """Lift a suspension once the holder has remedied the breach."""
    obj = MarkCertification.objects.select_for_update().get(pk=certification.pk)
    _transition(
        obj,
        by=by,
        allowed=[CertificationStatus.SUSPENDED],
        to=CertificationStatus.CERTIFIED,
        what="reinstated",
        suspended_until=None,
    )
    return obj


@transaction.atomic
def certification_revoke(
    *, certification: MarkCertification, by: Any, reason: str, on: dt.date
) -> MarkCertification:
    """Revoke the certificate (serious violation, breach not remedied, request, bankruptcy)."""
    _require_reason(reason)
    obj = MarkCertification.objects.select_for_update().get(pk=certification.pk)
    _transition(
        obj,
        by=by,
        allowed=[CertificationStatus.CERTIFIED, CertificationStatus.SUSPENDED],
        to=CertificationStatus.REVOKED,
        what="revoked",
        closed_on=on,
        close_reason=reason,
    )
    return obj


def _reminder_recipients(cert: MarkCertification) -> list[Any]:
    from django.contrib.auth import get_user_model

    from tdc.core.roles import Role

    user_model = get_user_model()
    return list(
        user_model.objects.filter(is_active=True).filter(
            organisation_id=cert.applicant_id, role=Role.BUSINESS_USER
        )
    ) + list(
        user_model.objects.filter(
            is_active=True, province_id=cert.province_id, role=Role.PROVINCIAL_OFFICER
        )
    )


@transaction.atomic
def certification_send_reminders(*, today: dt.date) -> int:
    """Remind holders (and the province's officers) to request re-certification 3 months
    before their certificate expires; expire certificates past their end date. Returns the
    number of reminders sent."""
    from tdc.notifications.services import notify
    from tdc.prepackages.selectors import certifications_due_for_reminder

    expired = MarkCertification.objects.select_for_update().filter(
        status=CertificationStatus.CERTIFIED, valid_until__lt=today
    )
    for cert in expired:
        _transition(
            cert,
            by=None,
            allowed=[CertificationStatus.CERTIFIED],
            to=CertificationStatus.EXPIRED,
            what="expired",
            closed_on=today,
        )
    sent = 0
    for cert in certifications_due_for_reminder(today).select_for_update(of=("self",)):
        notify(
            recipients=_reminder_recipients(cert),
            event_type=RECERTIFICATION_EVENT,
            context={
                "certificate": cert.certificate_number,
                "holder": cert.applicant.name,
                "valid_until": cert.valid_until.strftime("%d/%m/%Y") if cert.valid_until else "",
            },
            link=cert.get_absolute_url(),
        )
        before = snapshot(cert)
        cert.reminder_sent_on = today
        cert.save(update_fields=["reminder_sent_on", "modified_at"])
        audit_record(
            actor=None,
            obj=cert,
            action=AuditAction.UPDATED,
            before=before,
            details={"reminder": "re-certification", "sent_on": today.isoformat()},
        )
        sent += 1
    return sent


def add_validity(issued_on: dt.date, months: int) -> dt.date:
    """Last day of a validity of ``months`` from ``issued_on``."""
    return last_day_of_validity(issued_on, months)
