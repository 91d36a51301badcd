"""Quantity inspections of lots: the province's rules version, opening and correcting a lot,
the decision by the rules module, cancelling a draft. (Readings are in ``measurements``.)"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from stdnum import ean

from tdc.core.audit import audit_record, snapshot
from tdc.core.exceptions import check_version
from tdc.core.models import AuditAction
from tdc.core.numbering import allocate_number
from tdc.prepackages.choices import (
    InspectionStatus,
    LotDecision,
    QuantityKindChoice,
    TareMethodChoice,
)
from tdc.prepackages.fields import INSPECTION_INPUT, INSPECTION_PLAN
from tdc.prepackages.models import ProvinceRulesSetting, QuantityInspection, QuantityMeasurement
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
from tdc.prepackages.rules.evaluation import Evaluation
from tdc.prepackages.rules.running import SEED_LIMIT, sample_positions
from tdc.prepackages.selectors import rules_version_for_province

if TYPE_CHECKING:
    from tdc.accounts.models import User
    from tdc.places.models import Province

#: Number series of the minutes (seeded by migration 0002).
MINUTES_SERIES = "prepackage-minutes"


def rule_error(exc: RuleInputError) -> ValidationError:
    """A rules input error as a form/field error, in the user's language."""
    language = get_language() or "vi"
    message = exc.message_vi if language.startswith("vi") else exc.message
    return ValidationError({exc.field: [message]}, code=exc.code)


# --- Province rules setting --------------------------------------------------------------------


@transaction.atomic
def rules_setting_set(
    *, province: Province, rules_version: str, by: User, reason: str = ""
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


def _normalise_tare_values(values: str | Iterable[object] | None) -> list[str]:
    """Tare readings as plain decimal strings, from a list or a text of numbers."""
    if values is None or values == "":
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
        if number >= _TARE_LIMIT or number.as_tuple().exponent < -9:  # type: ignore[operator]
            raise ValidationError(
                {
                    "tare_values": _(
                        "Tare no. {i} ({value}) is not a plausible reading: at most 9 decimal "
                        "places and below 1,000,000,000."
                    ).format(i=i, value=raw)
                }
            )
        out.append(plain(number))
    return out


#: A tare reading fits the readings' own field (18 digits, 9 of them decimals).
_TARE_LIMIT = Decimal(10) ** 9


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
def inspection_create(*, by: User, **fields: Any) -> QuantityInspection:
    """Open an inspection of one lot: the province's rules version is fixed now, and the sample
    positions are drawn with a fresh random seed (both recorded)."""
    unknown = set(fields) - set(INSPECTION_INPUT)
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


def require_draft(insp: QuantityInspection) -> None:
    """Refuse to change an inspection that is no longer a draft."""
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
    by: User,
    expected_version: int | None = None,
    **fields: Any,
) -> QuantityInspection:
    """Correct the lot details of a draft. The seed is kept, so a new lot size redraws the
    positions reproducibly; readings already entered stay, unless the new plan needs fewer."""
    insp = QuantityInspection.objects.select_for_update().get(pk=inspection.pk)
    check_version(insp, expected_version)
    require_draft(insp)
    before = snapshot(insp)
    for name, value in fields.items():
        if name not in INSPECTION_INPUT:
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
    if any(name in INSPECTION_PLAN for name in fields):
        for m in entered:
            m.unit_position = insp.sample_positions[m.position - 1]
            m.save(update_fields=["unit_position"])
    insp.full_clean()
    insp.version += 1
    insp.modified_by = by
    insp.save()
    audit_record(actor=by, obj=insp, action=AuditAction.UPDATED, before=before)
    return insp


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
def inspection_finalise(*, inspection: QuantityInspection, by: User) -> QuantityInspection:
    """Decide the lot: the rules module evaluates the complete sample; the decision, every
    figure, the reasons and the rules version are stored, and the minutes get their number."""
    insp = QuantityInspection.objects.select_for_update().get(pk=inspection.pk)
    require_draft(insp)
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
    *, inspection: QuantityInspection, by: User, reason: str
) -> QuantityInspection:
    """Cancel a draft opened by mistake (kept, never deleted)."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for cancelling the inspection.")})
    insp = QuantityInspection.objects.select_for_update().get(pk=inspection.pk)
    require_draft(insp)
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
