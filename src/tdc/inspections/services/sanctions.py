"""Violations found (their act in the catalogue, the fine, the illegal profit) and the sanction
decision with its remedial measures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdc.core.audit import audit_record, snapshot
from tdc.core.models import AuditAction, ReferenceConfidence
from tdc.core.numbering import allocate_number
from tdc.core.roles import Action
from tdc.core.scoping import user_may
from tdc.inspections import selectors
from tdc.inspections.choices import InspectionStatus, OffenderKind
from tdc.inspections.models import (
    Inspection,
    RemedyAction,
    SanctionDecision,
    Violation,
    ViolationType,
)
from tdc.inspections.rules import fines as fine_rules
from tdc.inspections.rules import profit as profit_rules
from tdc.inspections.services._common import SANCTION_SERIES, issuer, save_checked

if TYPE_CHECKING:
    from tdc.accounts.models import User

#: Luật Xử lý vi phạm hành chính 2012, Điều 73: pay within 10 days of receiving the decision.
PAYMENT_DAYS = 10

# --- Violations ----------------------------------------------------------------------------


def _range_for(violation_type: ViolationType, offender_kind: str) -> fine_rules.FineRange:
    return fine_rules.applicable_range(
        violation_type.fine_min,
        violation_type.fine_max,
        organisation=offender_kind == OffenderKind.ORGANISATION,
        multiplier=violation_type.organisation_multiplier,
    )


def _out_of_range(
    amount: Decimal, fine_range: fine_rules.FineRange, day: dt.date
) -> ValidationError:
    return ValidationError(
        _(
            "The fine {amount} VND is outside the range in force on {day}: from {minimum} to "
            "{maximum} VND. Enter an amount within the range."
        ).format(
            amount=f"{amount:,.0f}",
            day=day.strftime("%d/%m/%Y"),
            minimum=f"{fine_range.minimum:,.0f}",
            maximum=f"{fine_range.maximum:,.0f}",
        ),
        code="fine_out_of_range",
    )


@transaction.atomic
def violation_add(
    *,
    inspection: Inspection,
    by: User,
    violation_code: str,
    committed_on: dt.date,
    offender_kind: str = OffenderKind.ORGANISATION,
    mitigating: int = 0,
    aggravating: int = 0,
    description: str = "",
    proposed_fine: Decimal | None = None,
) -> Violation:
    """Record a violation under an act of the catalogue in force on the violation date.

    The proposed fine is the rule's position in the range unless one is given; an amount
    outside the range is refused with the range in the message.
    """
    locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if locked.status not in {InspectionStatus.DRAFT, InspectionStatus.RECORDED}:
        raise ValidationError(
            _("A sanction is already decided; violations can no longer be added.")
        )
    violation_type = selectors.violation_type_in_force(violation_code, committed_on)
    fine_range = _range_for(violation_type, offender_kind)
    rule, rule_version = selectors.fine_rule_on(committed_on)
    try:
        computed = fine_rules.proposed_fine(
            fine_range, rule, mitigating=mitigating, aggravating=aggravating
        )
    except fine_rules.FineRuleError as exc:
        raise ValidationError({"mitigating": str(exc)}) from exc
    amount = Decimal(proposed_fine) if proposed_fine is not None else computed
    if not fine_range.contains(amount):
        raise ValidationError({"proposed_fine": _out_of_range(amount, fine_range, committed_on)})
    violation = Violation(
        inspection=locked,
        violation_type=violation_type,
        committed_on=committed_on,
        description=description,
        offender_kind=offender_kind,
        mitigating=mitigating,
        aggravating=aggravating,
        fine_min=fine_range.minimum,
        fine_max=fine_range.maximum,
        proposed_fine=amount,
        catalogue_version=violation_type.version_label,
        fine_rule_version=rule_version,
        placeholder=violation_type.confidence == ReferenceConfidence.UNCONFIRMED
        or selectors.fine_rule_unconfirmed_on(committed_on),
    )
    save_checked(violation, by, creating=True)
    audit_record(actor=by, obj=violation, action=AuditAction.CREATED)
    audit_record(actor=by, obj=locked, details={"violation_added": violation_type.citation})
    return violation


def _profit(method: str, inputs: Mapping[str, Any]) -> tuple[profit_rules.ProfitResult, Decimal]:
    """The illegal profit of ``method`` and the average price it used."""
    try:
        values = {k: Decimal(str(v)) for k, v in inputs.items() if k != "units_sold"}
        price = profit_rules.average_price(values["price_at_start"], values["price_at_detection"])
        if method == "prepackaged":
            result = profit_rules.prepackaged_profit(
                units_sold=int(inputs["units_sold"]),
                allowed_mean=values["allowed_mean"],
                actual_mean=values["actual_mean"],
                price_per_unit_quantity=price,
            )
        elif method == "measurement":
            result = profit_rules.measurement_profit(
                total_traded=values["total_traded"],
                error_found=values["error_found"],
                mpe=values["mpe"],
                price_per_unit_quantity=price,
            )
        else:
            raise ValidationError({"method": _("Choose prepackaged goods or trade measurement.")})
    except (KeyError, ArithmeticError, ValueError) as exc:
        raise ValidationError(
            _(
                "Fill in every value of the calculation with a non-negative number ({problem})."
            ).format(problem=exc)
        ) from exc
    return result, price


@transaction.atomic
def violation_profit_set(
    *, violation: Violation, by: User, method: str, inputs: Mapping[str, Any]
) -> Violation:
    """Compute and store the illegal profit (NĐ 86/2012) of a metrology violation."""
    locked = Violation.objects.select_for_update().get(pk=violation.pk)
    result, price = _profit(method, inputs)
    before = snapshot(locked)
    locked.illegal_profit = result.profit
    locked.illegal_profit_detail = {
        "method": method,
        "inputs": {k: str(v) for k, v in inputs.items()},
        "average_price": str(price),
        "quantity": str(result.quantity),
        "formula": result.formula,
        "legal_basis": "NĐ 86/2012/NĐ-CP, Điều 8–12",
    }
    _apply_profit_multiple(locked)
    save_checked(locked, by)
    audit_record(actor=by, obj=locked, before=before)
    return locked


@transaction.atomic
def violation_official_amount_set(
    *, violation: Violation, by: User, amount: Decimal, citation: str
) -> Violation:
    """An authorised officer (one who may decide sanctions) enters the official fine and the
    article it is read from for a violation whose catalogue row or fine rule is unconfirmed;
    audited. Until then no sanction decision can rest on it."""
    locked = Violation.objects.select_for_update().select_related("inspection").get(pk=violation.pk)
    if not user_may(by, SanctionDecision, Action.CREATE):
        raise PermissionDenied(
            _("Only an officer who may decide sanctions may enter the official amount.")
        )
    if locked.inspection.status not in {InspectionStatus.DRAFT, InspectionStatus.RECORDED}:
        raise ValidationError(_("A sanction is already decided; the amount can no longer change."))
    if not locked.placeholder:
        raise ValidationError(
            _("This violation's catalogue row is not a placeholder; its range applies as is.")
        )
    errors: dict[str, str] = {}
    if amount is None or Decimal(amount) <= 0:
        errors["amount"] = _("Enter the official fine in VND, greater than 0.")
    if not (citation or "").strip():
        errors["citation"] = _(
            "Cite the official text the amount is read from (decree, article, clause)."
        )
    if errors:
        raise ValidationError(errors)
    before = snapshot(locked)
    locked.official_amount = Decimal(amount)
    locked.official_citation = citation.strip()
    locked.official_confirmed_by = by
    save_checked(locked, by)
    audit_record(
        actor=by,
        obj=locked,
        before=before,
        details={"official_amount": str(amount), "citation": citation.strip()},
    )
    return locked


def _apply_profit_multiple(violation: Violation) -> None:
    """Law on Metrology Art. 52(5): when the illegal profit exceeds the maximum fine, the range
    becomes the multiples of the profit (never below the act's own range) and the proposal
    moves into it; the rule's label, authority and confidence are kept with the calculation."""
    organisation = violation.offender_kind == OffenderKind.ORGANISATION
    found = selectors.profit_fine_rule_on(violation.committed_on, organisation=organisation)
    if found is None or violation.illegal_profit is None:
        return
    rule, row = found
    catalogue = _range_for(violation.violation_type, violation.offender_kind)
    above = fine_rules.profit_multiple_range(violation.illegal_profit, catalogue, rule)
    if above is None:
        return
    position, _label = selectors.fine_rule_on(violation.committed_on)
    violation.fine_min, violation.fine_max = above.minimum, above.maximum
    violation.proposed_fine = fine_rules.proposed_fine(
        above, position, mitigating=violation.mitigating, aggravating=violation.aggravating
    )
    violation.illegal_profit_detail["fine_above_tiers"] = {
        "rule": row.version_label,
        "minimum": str(above.minimum),
        "maximum": str(above.maximum),
        "authority": row.authority,
        "legal_basis": row.legal_basis,
        "confidence": row.confidence,
    }
    if row.confidence == ReferenceConfidence.UNCONFIRMED:
        violation.placeholder = True


def _range_in_force(violation: Violation) -> fine_rules.FineRange:
    """The range a decided fine must lie in: the multiples of the profit when they applied,
    else the catalogue's range in force on the violation's date."""
    if "fine_above_tiers" in (violation.illegal_profit_detail or {}):
        return fine_rules.FineRange(violation.fine_min, violation.fine_max)
    return _range_for(
        selectors.violation_type_in_force(violation.violation_type.code, violation.committed_on),
        violation.offender_kind,
    )


# --- Sanction decisions --------------------------------------------------------------------


def _decided_fines(
    violations: list[Violation], fines: Mapping[int, Decimal]
) -> tuple[Decimal, dict[str, list[ValidationError]]]:
    """Set each violation's decided fine (``fines`` or the proposed one); the total and the
    fines refused for lying outside the range in force on the violation's date."""
    errors: dict[str, list[ValidationError]] = {}
    total = Decimal(0)
    for violation in violations:
        if violation.placeholder:
            official = _official_fine(violation, fines)
            if isinstance(official, ValidationError):
                errors.setdefault(f"fine_{violation.pk}", []).append(official)
                continue
            violation.decided_fine = official
            violation.save(update_fields=["decided_fine", "modified_at"])
            total += official
            continue
        amount = Decimal(fines.get(violation.pk, violation.proposed_fine))
        fine_range = _range_in_force(violation)
        if not fine_range.contains(amount):
            errors.setdefault(f"fine_{violation.pk}", []).append(
                _out_of_range(amount, fine_range, violation.committed_on)
            )
            continue
        violation.decided_fine = amount
        violation.save(update_fields=["decided_fine", "modified_at"])
        total += amount
    return total, errors


def _official_fine(violation: Violation, fines: Mapping[int, Decimal]) -> Decimal | ValidationError:
    """The fine of a violation on an unconfirmed row: the official amount an authorised officer
    entered, or the refusal."""
    if violation.official_amount is None:
        return ValidationError(
            _(
                "{citation}: the catalogue's article or amount is UNCONFIRMED (a placeholder). An "
                "officer who may decide sanctions must first enter the official amount and its "
                "citation on the inspection's page."
            ).format(citation=violation.violation_type.citation),
            code="placeholder_unconfirmed",
        )
    amount = Decimal(fines.get(violation.pk, violation.official_amount))
    if amount != violation.official_amount:
        return ValidationError(
            _("{citation}: the fine must be the official amount entered, {amount} VND.").format(
                citation=violation.violation_type.citation,
                amount=f"{violation.official_amount:,.0f}",
            ),
            code="placeholder_amount_differs",
        )
    return amount


@transaction.atomic
def decision_issue(
    *,
    inspection: Inspection,
    by: User,
    decided_on: dt.date,
    fines: Mapping[int, Decimal] | None = None,
    signed_by_name: str = "",
    remedies: Iterable[tuple[str, dt.date]] = (),
) -> SanctionDecision:
    """Issue the sanction decision. Refused without a signed inspection record; each fine must
    lie within the range in force on the date of its violation."""
    locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if not locked.record_signed:
        raise ValidationError(
            _(
                "A sanction decision needs the signed inspection record (Mẫu 5. BBKT); have the "
                "inspected party and the team head sign it first."
            ),
            code="record_not_signed",
        )
    if SanctionDecision.objects.filter(inspection=locked).exists():
        raise ValidationError(_("This inspection already has a sanction decision."))
    violations = list(locked.violations.select_related("violation_type").order_by("id"))
    if not violations:
        raise ValidationError(_("Record at least one violation before deciding a sanction."))
    total, errors = _decided_fines(violations, dict(fines or {}))
    if errors:
        raise ValidationError(errors)
    decision = SanctionDecision(
        inspection=locked,
        number=allocate_number(
            series=SANCTION_SERIES, issuer=issuer(locked.province_id), on=decided_on
        ),
        decided_on=decided_on,
        signed_by_name=signed_by_name or by.get_full_name() or by.username,
        total_fine=total,
        payment_due=decided_on + dt.timedelta(days=PAYMENT_DAYS),
    )
    save_checked(decision, by, creating=True)
    for measure, deadline in remedies:
        _remedy(decision, by, measure, deadline)
    before = snapshot(locked)
    locked.status = InspectionStatus.DECIDED
    save_checked(locked, by)
    audit_record(actor=by, obj=decision, action=AuditAction.CREATED)
    audit_record(actor=by, obj=locked, action=AuditAction.STATUS_CHANGED, before=before)
    return decision


def _remedy(decision: SanctionDecision, by: User, measure: str, deadline: dt.date) -> RemedyAction:
    remedy = RemedyAction(decision=decision, measure=measure, deadline=deadline)
    save_checked(remedy, by, creating=True)
    audit_record(actor=by, obj=decision, details={"remedy_added": measure, "deadline": deadline})
    return remedy


@transaction.atomic
def remedy_add(
    *, decision: SanctionDecision, by: User, measure: str, deadline: dt.date
) -> RemedyAction:
    """Order a remedial measure with its deadline (on or after the decision date)."""
    if deadline < decision.decided_on:
        raise ValidationError({"deadline": _("The deadline must fall after the decision date.")})
    return _remedy(decision, by, measure, deadline)
