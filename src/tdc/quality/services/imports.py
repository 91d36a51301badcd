"""State inspection of imported goods: a lot registered (checked against its certificate, under
the regime of its registration date, its level computed), confirmed, completed, labelled,
decided, remedied or exempted, each step a numbered notice with its structured data for
customs; deadlines from the rules over the reference rows in force on the registration date.

A refused input (lot contradicting its certificate, an act dated on a day off, goods not
subject to inspection) raises a ``ValidationError`` in the user's language and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tdc.core.audit import audit_record, snapshot
from tdc.core.exceptions import check_version
from tdc.core.models import AuditAction
from tdc.core.numbering import allocate_number
from tdc.core.roles import Action, Role
from tdc.core.scoping import object_in_scope, user_may
from tdc.quality.choices import (
    ImportNoticeKind,
    ImportStatus,
    InspectionLevel,
    RegimeChoice,
    SurveillanceKind,
)
from tdc.quality.models import ImportNotice, ImportRegistration, ImportSurveillanceEvent
from tdc.quality.rules import QualityRuleError, Regime, normalise_hs
from tdc.quality.rules import imports as rules
from tdc.quality.selectors import regime_resolve
from tdc.quality.selectors_imports import (
    CALENDAR,
    import_params,
    reduced_status,
    stepped_status,
)
from tdc.quality.services.common import rule_error
from tdc.quality.workflows_imports import IMPORT_WORKFLOW

if TYPE_CHECKING:
    from tdc.accounts.models import User
    from tdc.places.models import Province
    from tdc.registry.models import Organisation

#: Number series (seeded by migration 0003): registrations and notices.
REGISTRATION_SERIES = "quality-import"
NOTICE_SERIES = "quality-import-notice"

_REGISTERED = frozenset(ImportRegistration.FIELDS)


def _errors(errors: list[QualityRuleError]) -> ValidationError:
    """Several refusals of the rules as one ``ValidationError`` by field."""
    vi = (get_language() or "vi").startswith("vi")
    by_field: dict[str, list[ValidationError]] = {}
    for exc in errors:
        message = exc.message_vi if vi else exc.message
        by_field.setdefault(exc.field, []).append(ValidationError(message, code=exc.code))
    return ValidationError(by_field)


def _working_day(day: dt.date, field: str = "on") -> None:
    try:
        rules.require_working_day(day, field, CALENDAR)
    except QualityRuleError as exc:
        raise rule_error(exc) from exc


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _certificate_check(obj: ImportRegistration, regime: Regime, qcvn: tuple[str, ...]) -> None:
    body = obj.certificate_body
    lot = rules.LotFacts(
        registered_on=obj.registered_on,
        qcvn=obj.qcvn,
        model_type=obj.model_type,
        origin=obj.origin,
        quantity=_number(obj.quantity),
        customs_declaration=obj.customs_declaration,
    )
    cert = rules.CertificateFacts(
        number=obj.certificate_number,
        kind=obj.certificate_kind,
        issued_on=obj.certificate_issued_on,
        valid_until=obj.certificate_valid_until,
        qcvn=obj.certificate_qcvn,
        model_type=obj.certificate_model,
        origin=obj.certificate_origin,
        quantity=_number(obj.certificate_quantity),
        body_status=body.status if body is not None else "",
        body_scope=tuple(body.scope_qcvn or ()) if body is not None else (),
    )
    problems = rules.check_certificate(lot, cert, regime=regime, list_qcvn=qcvn)
    if obj.cleared_on is not None and obj.cleared_on < obj.registered_on:
        problems.append(
            QualityRuleError(
                "cleared_on",
                "Clearance cannot come before the registration.",
                message_vi="Ngày thông quan không thể trước ngày đăng ký kiểm tra.",
                code="cleared_before_registration",
            )
        )
    if problems:
        raise _errors(problems)


def classify(obj: ImportRegistration) -> None:
    """Regime, class, certificate checks, goods key, confirmation deadline and inspection
    level of an unsaved registration (in memory)."""
    day = obj.registered_on
    try:
        result = regime_resolve(hs_code=obj.hs_code, day=day)
        rules.require_inspection(result, day)
        obj.hs_code = normalise_hs(obj.hs_code)
    except QualityRuleError as exc:
        raise rule_error(exc) from exc
    _certificate_check(obj, result.regime, result.qcvn)
    obj.regime = result.regime.value
    obj.risk_class = result.risk_class.value if result.risk_class else ""
    obj.goods_key = rules.goods_key(
        hs_code=obj.hs_code,
        product=obj.product,
        brand=obj.brand,
        model_type=obj.model_type,
        manufacturer=obj.manufacturer,
        origin=obj.origin,
    )
    params = import_params(day)
    try:
        confirm = rules.confirm_due(day, params, CALENDAR)
        reduced = reduced_status(
            importer_id=obj.importer_id, goods_key=obj.goods_key, on=day, params=params
        )
        stepped = stepped_status(
            importer_id=obj.importer_id, origin=obj.origin, on=day, reduced=reduced, params=params
        )
    except QualityRuleError as exc:
        raise rule_error(exc) from exc
    obj.confirm_due = confirm.day
    obj.inspection_level = rules.inspection_level(reduced, stepped)
    reasons = [str(r) for r in stepped.reasons]
    if obj.inspection_level == InspectionLevel.REDUCED and reduced.grant is not None:
        reasons.append(f"reduced_until:{reduced.grant.until.isoformat()}")
    obj.level_reasons = reasons
    versions = {*result.versions, confirm.version, *reduced.versions, *stepped.versions}
    obj.rule_versions = sorted(v for v in versions if v)


@transaction.atomic
def import_register(
    *,
    by: User,
    importer: Organisation,
    province: Province | None = None,
    **values: Any,
) -> ImportRegistration:
    """Register a lot for inspection: checked against its certificate and the lists of the
    registration date, numbered, its confirmation due within the working days in force, its
    inspection level (normal, reduced, stepped-up) computed. A business registers its own."""
    unknown = set(values) - _REGISTERED
    if unknown:
        raise TypeError(f"not fields of an import registration: {sorted(unknown)}")
    if by.role == Role.BUSINESS_USER and by.organisation_id != importer.pk:
        raise PermissionDenied(_("A business registers lots for its own organisation only."))
    if not user_may(by, ImportRegistration, Action.CREATE):
        raise PermissionDenied(_("You may not register import lots."))
    province_id = province.pk if province is not None else importer.province_id
    obj = ImportRegistration(
        importer=importer, province_id=province_id, created_by=by, modified_by=by, **values
    )
    obj.full_clean(exclude=["regime", "goods_key", "number"])
    classify(obj)
    obj.full_clean(exclude=["number"])
    obj.number = allocate_number(
        series=REGISTRATION_SERIES, issuer=str(province_id), on=obj.registered_on
    )
    obj.save()
    if not object_in_scope(obj, by, Action.CREATE):
        raise PermissionDenied(_("You may not register lots for this organisation."))
    audit_record(actor=by, obj=obj, action=AuditAction.CREATED)
    return obj


def _locked(obj: ImportRegistration, expected_version: int | None) -> ImportRegistration:
    locked = (
        ImportRegistration.objects.select_for_update()
        .select_related("importer", "province", "certificate_body")
        .get(pk=obj.pk)
    )
    check_version(locked, expected_version)
    return locked


def _params(obj: ImportRegistration) -> dict[str, rules.Param]:
    """The reference values of the lot's regime: those in force on its registration date."""
    return import_params(obj.registered_on)


def _versions(obj: ImportRegistration, *extra: str) -> list[str]:
    return sorted({*obj.rule_versions, *(v for v in extra if v)})


def notice_data(obj: ImportRegistration, kind: str, number: str, on: dt.date) -> dict[str, Any]:
    """The structured data of a notice for customs (the National Single Window message)."""
    importer = obj.importer
    return {
        "notice": {
            "number": number,
            "kind": kind,
            "title": str(ImportNoticeKind(kind).label),
            "issued_on": on.isoformat(),
        },
        "registration": {
            "number": obj.number,
            "customs_declaration": obj.customs_declaration,
            "registered_on": obj.registered_on.isoformat(),
            "cleared_on": obj.cleared_on.isoformat() if obj.cleared_on else None,
            "regime": obj.regime,
            "risk_class": obj.risk_class or None,
            "inspection_level": obj.inspection_level,
        },
        "importer": {"name": importer.name, "tax_code": importer.tax_code or ""},
        "goods": {
            "product": obj.product,
            "brand": obj.brand,
            "model_type": obj.model_type,
            "manufacturer": obj.manufacturer,
            "origin": obj.origin,
            "hs_code": obj.hs_code,
            "qcvn": obj.qcvn,
            "quantity": str(obj.quantity),
            "unit": obj.unit,
            "gtin": obj.gtin,
        },
        "certificate": {
            "number": obj.certificate_number,
            "kind": obj.certificate_kind,
            "issued_by": obj.certificate_body.name,
            "valid_until": (
                obj.certificate_valid_until.isoformat() if obj.certificate_valid_until else None
            ),
        },
        "outcome": {
            "status": obj.status,
            "meets_requirements": {"pass": True, "fail": False, "label_fail": False}.get(kind),
            "decided_on": obj.decided_on.isoformat() if obj.decided_on else None,
            "reason": obj.result_reason,
            "missing_items": obj.missing_items,
            "dossier_due": obj.dossier_due.isoformat() if obj.dossier_due else None,
        },
        "rule_versions": list(obj.rule_versions),
    }


def _issue(obj: ImportRegistration, kind: str, on: dt.date, by: User | None) -> ImportNotice:
    number = allocate_number(series=NOTICE_SERIES, issuer=str(obj.province_id), on=on)
    notice = ImportNotice(
        registration=obj,
        kind=kind,
        number=number,
        issued_on=on,
        data=notice_data(obj, kind, number, on),
        created_by=by,
        modified_by=by,
    )
    notice.full_clean()
    notice.save()
    audit_record(actor=by, obj=notice, action=AuditAction.CREATED)
    return notice


def _rule(call: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return call(*args, **kwargs)
    except QualityRuleError as exc:
        raise rule_error(exc) from exc


def _not_before(day: dt.date, start: dt.date | None, field: str = "on") -> None:
    if start is not None and day < start:
        raise ValidationError(
            {field: _("This date cannot come before %(day)s.") % {"day": f"{start:%d/%m/%Y}"}}
        )


@transaction.atomic
def import_confirm(
    *,
    registration: ImportRegistration,
    by: User,
    on: dt.date,
    complete: bool,
    missing_items: str = "",
    expected_version: int | None = None,
) -> ImportRegistration:
    """Confirm the registration (within 1 working day): a complete dossier starts the result's
    time limit; an incomplete one lists what is missing and starts the completion limit
    (legacy: the certificate within 15 working days of clearance; risk-based: 7 working days)."""
    obj = _locked(registration, expected_version)
    _working_day(on)
    _not_before(on, obj.registered_on)
    params = _params(obj)
    changes: dict[str, Any] = {"confirmed_on": on}
    if complete:
        result = _rule(rules.result_due, on, params, CALENDAR)
        changes.update(complete_on=on, result_due=result.day)
        versions = [result.version]
        action = "confirm"
    else:
        if not missing_items.strip():
            raise ValidationError({"missing_items": _("List the documents that are missing.")})
        dossier = _rule(
            rules.dossier_due,
            Regime(obj.regime),
            notified_on=on,
            cleared_on=obj.cleared_on,
            params=params,
            calendar=CALENDAR,
        )
        changes.update(
            missing_items=missing_items.strip(), dossier_due=dossier.day if dossier else None
        )
        versions = [dossier.version] if dossier else []
        action = "confirm_incomplete"
    changes["rule_versions"] = _versions(obj, *versions)
    obj = IMPORT_WORKFLOW.apply(obj, action, by=by, on=on, **changes)
    _issue(obj, ImportNoticeKind.CONFIRMATION, on, by)
    if complete:
        _issue(obj, ImportNoticeKind.RECEIPT, on, by)
    return obj


@transaction.atomic
def import_record_clearance(
    *,
    registration: ImportRegistration,
    by: User,
    cleared_on: dt.date,
    expected_version: int | None = None,
) -> ImportRegistration:
    """Record the customs clearance; under the legacy regime an incomplete dossier's
    certificate is then due within 15 working days of it."""
    obj = _locked(registration, expected_version)
    if not user_may(by, ImportRegistration, Action.CHANGE) or not object_in_scope(
        obj, by, Action.CHANGE
    ):
        raise PermissionDenied
    _not_before(cleared_on, obj.registered_on, "cleared_on")
    before = snapshot(obj)
    obj.cleared_on = cleared_on
    if obj.regime == RegimeChoice.GROUP2 and obj.status == ImportStatus.INCOMPLETE:
        dossier = _rule(
            rules.dossier_due,
            Regime.GROUP2,
            notified_on=obj.confirmed_on or cleared_on,
            cleared_on=cleared_on,
            params=_params(obj),
            calendar=CALENDAR,
        )
        obj.dossier_due = dossier.day
        obj.rule_versions = _versions(obj, dossier.version)
    obj.version += 1
    obj.modified_by = by
    obj.full_clean()
    obj.save()
    audit_record(actor=by, obj=obj, action=AuditAction.UPDATED, before=before)
    return obj


@transaction.atomic
def import_complete(
    *,
    registration: ImportRegistration,
    by: User,
    on: dt.date,
    expected_version: int | None = None,
) -> ImportRegistration:
    """The dossier is complete (or the label fixed): the result is due within 1 working day;
    the receipt slip (Mẫu 2) is issued."""
    obj = _locked(registration, expected_version)
    _working_day(on)
    _not_before(on, obj.confirmed_on)
    result = _rule(rules.result_due, on, _params(obj), CALENDAR)
    obj = IMPORT_WORKFLOW.apply(
        obj,
        "complete",
        by=by,
        on=on,
        complete_on=on,
        result_due=result.day,
        rule_versions=_versions(obj, result.version),
    )
    _issue(obj, ImportNoticeKind.RECEIPT, on, by)
    return obj


@transaction.atomic
def import_label_fix(
    *,
    registration: ImportRegistration,
    by: User,
    on: dt.date,
    reason: str,
    expected_version: int | None = None,
) -> ImportRegistration:
    """The label does not conform: the importer fixes it within 5 working days (risk-based)."""
    obj = _locked(registration, expected_version)
    if obj.regime != RegimeChoice.RISK_BASED:
        raise ValidationError(
            {"on": _("Label fixing is a step of the procedure from 1 July 2026 only.")}
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Say what is wrong with the label.")})
    _working_day(on)
    _not_before(on, obj.complete_on)
    fix = _rule(rules.label_fix_due, on, _params(obj), CALENDAR)
    return IMPORT_WORKFLOW.apply(
        obj,
        "label_fix",
        by=by,
        on=on,
        label_fix_due=fix.day,
        result_reason=reason.strip(),
        rule_versions=_versions(obj, fix.version),
    )


@transaction.atomic
def import_decide(
    *,
    registration: ImportRegistration,
    by: User,
    on: dt.date,
    passed: bool,
    reason: str = "",
    expected_version: int | None = None,
) -> ImportRegistration:
    """The result notice: meets the quality requirements (Mẫu 3, used for clearance) or not
    (sent to the importer and customs); a lot failing on its label gets the labelling notice.
    The first result of a lot is what counts towards reduced inspection."""
    obj = _locked(registration, expected_version)
    _working_day(on)
    _not_before(on, obj.complete_on)
    if not passed and not reason.strip():
        raise ValidationError({"reason": _("Give the reasons, as they will appear on the notice.")})
    label = obj.status == ImportStatus.LABEL_FIX
    changes: dict[str, Any] = {"result_reason": reason.strip() or obj.result_reason}
    if obj.first_passed is None:
        changes.update(first_passed=passed, decided_on=on)
    obj = IMPORT_WORKFLOW.apply(obj, "pass" if passed else "fail", by=by, on=on, **changes)
    if passed:
        kind = ImportNoticeKind.PASS
    else:
        kind = ImportNoticeKind.LABEL_FAIL if label else ImportNoticeKind.FAIL
    _issue(obj, kind, on, by)
    return obj


def _miss(obj: ImportRegistration, by: User | None, on: dt.date, action: str) -> ImportRegistration:
    _working_day(on)
    missed = _rule(rules.missed_deadline, obj.dossier_due, on, _params(obj), CALENDAR)
    if missed is None:
        due = obj.dossier_due
        raise ValidationError(
            {
                "on": _(
                    "The dossier is not late: it may be completed until %(day)s; the notice "
                    "comes the working day after."
                )
                % {"day": f"{due:%d/%m/%Y}" if due else "—"}
            }
        )
    obj = IMPORT_WORKFLOW.apply(
        obj,
        action,
        by=by,
        on=on,
        missed_notice_due=missed.notice_due.day,
        rule_versions=_versions(obj, missed.notice_due.version),
    )
    _issue(obj, ImportNoticeKind.NOT_COMPLETED, on, by)
    return obj


@transaction.atomic
def import_missed(
    *,
    registration: ImportRegistration,
    by: User,
    on: dt.date,
    expected_version: int | None = None,
) -> ImportRegistration:
    """The dossier was not completed by its deadline: the notice "Lô hàng không hoàn thiện đầy
    đủ hồ sơ" to the importer and customs, from the working day after the deadline."""
    return _miss(_locked(registration, expected_version), by, on, "miss")


def import_missed_sweep(*, today: dt.date) -> int:
    """The daily run: every incomplete dossier whose deadline has passed gets its notice on the
    first working day after it (nothing on a day off). Returns the notices issued; idempotent
    (a lot that got its notice is no longer incomplete)."""
    if not CALENDAR.is_working_day(today):
        return 0
    late = ImportRegistration.objects.filter(
        status=ImportStatus.INCOMPLETE, dossier_due__lt=today
    ).values_list("pk", flat=True)
    issued = 0
    for pk in list(late):
        with transaction.atomic():
            obj = ImportRegistration.objects.select_for_update().get(pk=pk)
            if obj.status != ImportStatus.INCOMPLETE:
                continue
            _miss(obj, None, today, "miss_auto")
            issued += 1
    return issued


@transaction.atomic
def import_remediate(
    *,
    registration: ImportRegistration,
    by: User,
    on: dt.date,
    description: str,
    expected_version: int | None = None,
) -> ImportRegistration:
    """The importer remedies the failed lot (re-processing, re-labelling…) (Art. 85)."""
    obj = _locked(registration, expected_version)
    if not description.strip():
        raise ValidationError({"reason": _("Describe the remediation.")})
    _working_day(on)
    _not_before(on, obj.decided_on)
    return IMPORT_WORKFLOW.apply(obj, "remediate", by=by, on=on, remediation=description.strip())


@transaction.atomic
def import_reassess(
    *,
    registration: ImportRegistration,
    by: User,
    on: dt.date,
    expected_version: int | None = None,
) -> ImportRegistration:
    """The evidence of the remediation is in: the lot is assessed again, result in 1 working
    day."""
    obj = _locked(registration, expected_version)
    _working_day(on)
    result = _rule(rules.result_due, on, _params(obj), CALENDAR)
    return IMPORT_WORKFLOW.apply(
        obj,
        "reassess",
        by=by,
        on=on,
        complete_on=on,
        result_due=result.day,
        rule_versions=_versions(obj, result.version),
    )


@transaction.atomic
def import_exempt(
    *,
    registration: ImportRegistration,
    by: User,
    on: dt.date,
    ground: str,
    safety_warning: bool = False,
    special_control: bool = False,
    high_risk_other_law: bool = False,
    expected_version: int | None = None,
) -> ImportRegistration:
    """Exempt the lot on a ground of NĐ 37/2026 Art. 86(1), unless Art. 86(2) excludes it."""
    obj = _locked(registration, expected_version)
    _working_day(on)
    _rule(
        rules.check_exemption,
        ground,
        safety_warning=safety_warning,
        special_control=special_control,
        high_risk_other_law=high_risk_other_law,
    )
    return IMPORT_WORKFLOW.apply(obj, "exempt", by=by, on=on, exemption_ground=ground)


@transaction.atomic
def import_event_record(
    *,
    by: User,
    registration: ImportRegistration,
    kind: str,
    day: dt.date,
    note: str = "",
) -> ImportSurveillanceEvent:
    """Record, for the goods of a registration, the importer's quarterly report or a stop
    condition of reduced inspection."""
    if kind not in SurveillanceKind.values:
        raise ValidationError({"kind": _("Choose a kind of event.")})
    if not user_may(by, ImportRegistration, Action.CHANGE) or not object_in_scope(
        registration, by, Action.CHANGE
    ):
        raise PermissionDenied
    event = ImportSurveillanceEvent(
        importer_id=registration.importer_id,
        province_id=registration.province_id,
        goods_key=registration.goods_key,
        kind=kind,
        day=day,
        note=note.strip(),
        created_by=by,
        modified_by=by,
    )
    event.full_clean()
    event.save()
    audit_record(actor=by, obj=event, action=AuditAction.CREATED)
    return event
