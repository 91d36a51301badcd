"""Conformity declarations: filed (by the business itself or by an officer), checked against
what the product's class requires on the declaration date, numbered, answered by a receipt
notice or a refusal, withdrawn; identical later import lots recognised without a new filing."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdc.core.audit import audit_record
from tdc.core.models import AuditAction
from tdc.core.numbering import allocate_number
from tdc.core.roles import Action, Role
from tdc.core.scoping import object_in_scope, user_may
from tdc.quality.choices import DeclarationBasis, DeclarationKind, DeclarationStatus
from tdc.quality.models import ConformityBody, Declaration
from tdc.quality.rules import (
    BodyFacts,
    QualityRuleError,
    check_basis,
    normalise_hs,
    receipt_valid_until,
)
from tdc.quality.selectors import regime_resolve
from tdc.quality.services.common import rule_error
from tdc.quality.workflows import DECLARATION_WORKFLOW

if TYPE_CHECKING:
    from tdc.accounts.models import User
    from tdc.places.models import Province
    from tdc.registry.models import Organisation

#: Number series of the receipt notices (seeded by migration).
RECEIPT_SERIES = "quality-declaration"

_FILED = frozenset(Declaration.FIELDS)


def _facts(body: ConformityBody | None) -> BodyFacts | None:
    if body is None:
        return None
    return BodyFacts(
        name=body.name,
        kind=body.kind,
        standing=body.status,
        scope_qcvn=tuple(body.scope_qcvn or ()),
        valid_from=body.valid_from,
        valid_until=body.valid_until,
        suspended_from=body.suspended_from,
        suspended_until=body.suspended_until,
    )


def _check(declaration: Declaration) -> None:
    """Regime, class and basis on the declaration date; a refusal names its field."""
    try:
        result = regime_resolve(hs_code=declaration.hs_code, day=declaration.declared_on)
        declaration.hs_code = normalise_hs(declaration.hs_code)
        declaration.regime = result.regime.value
        declaration.risk_class = result.risk_class.value if result.risk_class else ""
        if declaration.kind == DeclarationKind.REGULATION:
            check_basis(
                result=result,
                basis=declaration.basis,
                qcvn=declaration.qcvn,
                declared_on=declaration.declared_on,
                body=_facts(declaration.body),
                lab=_facts(declaration.lab),
                lab_report_date=declaration.lab_report_date,
                certificate_valid_until=declaration.certificate_valid_until,
            )
    except QualityRuleError as exc:
        raise rule_error(exc) from exc
    declaration.rule_versions = sorted(set(result.versions))


@transaction.atomic
def declaration_file(
    *,
    by: User,
    declarant: Organisation,
    received_on: dt.date,
    province: Province | None = None,
    **values: Any,
) -> Declaration:
    """File a declaration: checked, numbered in the receipt register, its check due within the
    working days in force. A business user files only for their own organisation."""
    unknown = set(values) - _FILED
    if unknown:
        raise TypeError(f"not fields of a declaration: {sorted(unknown)}")
    if by.role == Role.BUSINESS_USER and by.organisation_id != declarant.pk:
        raise PermissionDenied(_("A business files declarations for its own organisation only."))
    province_id = province.pk if province is not None else declarant.province_id
    declaration = Declaration(
        declarant=declarant,
        province_id=province_id,
        created_by=by,
        modified_by=by,
        **values,
    )
    if not user_may(by, Declaration, Action.CREATE):
        raise PermissionDenied(_("You may not file declarations."))
    declaration.full_clean(exclude=["regime", "receipt_number"])
    if declaration.basis == DeclarationBasis.CERTIFICATION and not declaration.certificate_number:
        raise ValidationError({"certificate_number": _("Give the certificate's number.")})
    _check(declaration)
    due = DECLARATION_WORKFLOW.due_dates(["check_due"], received_on)["check_due"]
    declaration.check_due = due.day
    declaration.rule_versions = sorted({*declaration.rule_versions, due.version})
    declaration.full_clean(exclude=["receipt_number"])
    declaration.receipt_number = allocate_number(
        series=RECEIPT_SERIES, issuer=str(province_id), on=received_on
    )
    declaration.save()
    if not object_in_scope(declaration, by, Action.CREATE):
        raise PermissionDenied(_("You may not file declarations for this organisation."))
    audit_record(actor=by, obj=declaration, action=AuditAction.CREATED)
    return declaration


def _locked(declaration: Declaration) -> Declaration:
    return Declaration.objects.select_for_update().get(pk=declaration.pk)


@transaction.atomic
def declaration_accept(*, declaration: Declaration, by: User, accepted_on: dt.date) -> Declaration:
    """Issue the receipt notice (Thông báo tiếp nhận): valid as long as the certificate, or three
    years from the signature of the self-assessment report."""
    obj = _locked(declaration)
    if accepted_on < obj.declared_on:
        raise ValidationError(
            {"accepted_on": _("The receipt notice cannot come before the declaration date.")}
        )
    valid_until = receipt_valid_until(
        basis=obj.basis,
        certificate_valid_until=obj.certificate_valid_until,
        assessment_signed_on=obj.assessment_signed_on or obj.declared_on,
    )
    return DECLARATION_WORKFLOW.apply(
        obj, "accept", by=by, on=accepted_on, accepted_on=accepted_on, valid_until=valid_until
    )


@transaction.atomic
def declaration_refuse(*, declaration: Declaration, by: User, reason: str) -> Declaration:
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason, as it will appear in the register.")})
    return DECLARATION_WORKFLOW.apply(
        _locked(declaration), "refuse", by=by, refusal_reason=reason.strip()
    )


@transaction.atomic
def declaration_withdraw(
    *, declaration: Declaration, by: User, reason: str, withdrawn_on: dt.date
) -> Declaration:
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason, as it will appear in the register.")})
    return DECLARATION_WORKFLOW.apply(
        _locked(declaration),
        "withdraw",
        by=by,
        on=withdrawn_on,
        withdrawn_on=withdrawn_on,
        withdrawal_reason=reason.strip(),
    )


def declaration_covering_lot(
    *,
    declarant: Organisation,
    product: str,
    brand: str,
    model_type: str,
    origin: str,
    qcvn: str,
    on: dt.date,
) -> Declaration | None:
    """The valid declaration of the same importer for identical goods (same name, brand, type,
    origin and QCVN), so a later lot needs no new declaration (NĐ 37/2026 Art. 86(5))."""
    from django.db.models import Q

    return (
        Declaration.objects.filter(
            declarant=declarant,
            status=DeclarationStatus.ACCEPTED,
            product__iexact=product.strip(),
            brand__iexact=brand.strip(),
            model_type__iexact=model_type.strip(),
            origin__iexact=origin.strip(),
            qcvn__iexact=qcvn.strip(),
            accepted_on__lte=on,
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
        .order_by("-accepted_on")
        .first()
    )
