"""Quality surveys and testing (issue 13, point 5): a survey plan approved by a leader; samples
taken at businesses (sampling record), sealed (sealing record) and handed over to a laboratory in
scope (hand-over record), each record numbered; the laboratory's results per indicator judged
against the QCVN limit in force on the sampling day under the plan's decision rule; a
non-conforming verdict refers the business to the inspections module (which raises its risk
score) and offers a warning prefilled from the finding."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdc.core.audit import audit_record, save_changes, snapshot
from tdc.core.models import AuditAction
from tdc.core.numbering import allocate_number
from tdc.core.roles import Action
from tdc.core.scoping import object_in_scope, user_may
from tdc.inspections import services as inspection_services
from tdc.quality.choices import (
    BodyKind,
    ProductGroup,
    SampleStatus,
    SurveyStatus,
    VerdictChoice,
    WarningSource,
)
from tdc.quality.models import (
    ConformityBody,
    IndicatorLimit,
    LabAssignment,
    LabResult,
    QualityWarning,
    Sample,
    SurveyPlan,
)
from tdc.quality.rules import (
    DecisionRule,
    IndicatorVerdict,
    Limit,
    QualityRuleError,
    judge,
    overall,
)
from tdc.quality.services.common import rule_error
from tdc.quality.services.warnings import warning_create

if TYPE_CHECKING:
    from tdc.accounts.models import User
    from tdc.places.models import Commune, Province
    from tdc.registry.models import Organisation

SAMPLING_SERIES = "quality-sampling"
SEAL_SERIES = "quality-seal"
HANDOVER_SERIES = "quality-handover"

_PLAN_FIELDS = frozenset(SurveyPlan.FIELDS)
_SAMPLE_FIELDS = frozenset(Sample.FIELDS) - {"business"}


def _issuer(province_id: str) -> str:
    return f"TDC{province_id}"


def _require(by: User, model: type[Any], action: str) -> None:
    if not user_may(by, model, action):
        raise PermissionDenied(_("Your role may not do this in quality surveys."))


# --- Plans -------------------------------------------------------------------------------


def _check_groups(groups: Iterable[str]) -> list[str]:
    groups = list(groups)
    valid = set(ProductGroup.values)
    if not groups or any(g not in valid for g in groups):
        raise ValidationError({"product_groups": _("Choose at least one product group.")})
    return groups


@transaction.atomic
def survey_plan_create(
    *,
    by: User,
    province: Province,
    communes: Iterable[Commune] = (),
    **values: Any,
) -> SurveyPlan:
    """Draft a survey plan of the province; a leader approves it before sampling."""
    unknown = set(values) - _PLAN_FIELDS
    if unknown:
        raise TypeError(f"not fields of a survey plan: {sorted(unknown)}")
    _require(by, SurveyPlan, Action.CREATE)
    values["product_groups"] = _check_groups(values.get("product_groups") or [])
    plan = SurveyPlan(province=province, created_by=by, modified_by=by, **values)
    plan.full_clean()
    plan.save()
    chosen = list(communes)
    if any(c.province_id != province.pk for c in chosen):
        raise ValidationError({"communes": _("Choose communes of the plan's province.")})
    plan.communes.set(chosen)
    if not object_in_scope(plan, by, Action.CREATE):
        raise PermissionDenied(_("You may not plan surveys for this province."))
    audit_record(
        actor=by,
        obj=plan,
        action=AuditAction.CREATED,
        details={"communes": [c.pk for c in chosen]},
    )
    return plan


@transaction.atomic
def survey_plan_approve(*, plan: SurveyPlan, by: User, on: dt.date) -> SurveyPlan:
    """Approve a draft plan; samples may be taken from then on."""
    obj = SurveyPlan.objects.select_for_update().get(pk=plan.pk)
    if not object_in_scope(obj, by, Action.APPROVE):
        raise PermissionDenied(_("Only a leader of the province approves a survey plan."))
    if obj.status != SurveyStatus.DRAFT:
        raise ValidationError(_("Only a draft plan can be approved."))
    before = snapshot(obj)
    obj.status = SurveyStatus.APPROVED
    obj.approved_on = on
    save_changes(obj, by=by, before=before)
    audit_record(actor=by, obj=obj, action=AuditAction.APPROVED, before=before)
    return obj


# --- Samples and their three records ----------------------------------------------------


def _locked(sample: Sample) -> Sample:
    return Sample.objects.select_for_update().select_related("plan").get(pk=sample.pk)


@transaction.atomic
def sample_take(*, plan: SurveyPlan, by: User, business: Organisation, **values: Any) -> Sample:
    """Record a sample taken at a business under an approved plan; the sampling record
    (biên bản lấy mẫu) gets its number."""
    unknown = set(values) - _SAMPLE_FIELDS
    if unknown:
        raise TypeError(f"not fields of a sample: {sorted(unknown)}")
    if plan.status != SurveyStatus.APPROVED:
        raise ValidationError({"plan": _("Samples are taken only under an approved survey plan.")})
    if business.province_id != plan.province_id:
        raise ValidationError({"business": _("Choose a business of the plan's province.")})
    group = values.get("product_group")
    if group not in (plan.product_groups or []):
        raise ValidationError({"product_group": _("This product group is not in the survey plan.")})
    sampled_on = values.get("sampled_on")
    if isinstance(sampled_on, dt.date) and sampled_on.year != plan.year:
        raise ValidationError({"sampled_on": _("Take the sample in the plan's year.")})
    sample = Sample(
        plan=plan, business=business, sampler=by, created_by=by, modified_by=by, **values
    )
    sample.full_clean(exclude=["number"])
    if not IndicatorLimit.objects.in_force_on(sample.sampled_on).filter(qcvn=sample.qcvn).exists():
        raise ValidationError(
            {
                "qcvn": _(
                    "No indicator limits of this regulation are in force on the sampling day; "
                    "check the code or ask an administrator to load them."
                )
            }
        )
    sample.number = allocate_number(
        series=SAMPLING_SERIES, issuer=_issuer(plan.province_id), on=sample.sampled_on
    )
    sample.save()
    if not object_in_scope(sample, by, Action.CREATE):
        raise PermissionDenied(_("You may not take samples in this jurisdiction."))
    audit_record(actor=by, obj=sample, action=AuditAction.CREATED)
    return sample


@transaction.atomic
def sample_seal(*, sample: Sample, by: User, seal_number: str, sealed_on: dt.date) -> Sample:
    """Seal the sample (niêm phong) with a numbered seal; the sealing record gets its number."""
    obj = _locked(sample)
    if obj.status != SampleStatus.SAMPLED:
        raise ValidationError(_("This sample is already sealed."))
    if not seal_number.strip():
        raise ValidationError({"seal_number": _("Give the number printed on the seal.")})
    if sealed_on < obj.sampled_on:
        raise ValidationError({"sealed_on": _("The sample cannot be sealed before it was taken.")})
    before = snapshot(obj)
    obj.seal_number = seal_number.strip()
    obj.sealed_on = sealed_on
    obj.status = SampleStatus.SEALED
    obj.seal_record_number = allocate_number(
        series=SEAL_SERIES, issuer=_issuer(obj.plan.province_id), on=sealed_on
    )
    save_changes(obj, by=by, before=before)
    audit_record(actor=by, obj=obj, action=AuditAction.UPDATED, before=before)
    return obj


def lab_check(*, lab: ConformityBody, qcvn: str, on: dt.date) -> None:
    """Refuse a body that is not a laboratory, not in scope for the regulation, or not valid
    (or suspended) on the day."""
    if lab.kind != BodyKind.LABORATORY:
        raise ValidationError({"lab": _("Choose a testing laboratory, not another kind of body.")})
    scope = {code.replace(" ", "").upper() for code in lab.scope_qcvn or []}
    if qcvn.replace(" ", "").upper() not in scope:
        raise ValidationError(
            {
                "lab": _(
                    "{lab} is not designated to test against {qcvn}: choose a laboratory whose "
                    "scope covers it."
                ).format(lab=lab.name, qcvn=qcvn)
            }
        )
    suspended = (
        lab.suspended_from is not None
        and lab.suspended_from <= on
        and (lab.suspended_until is None or on <= lab.suspended_until)
    )
    if not (lab.valid_from <= on <= lab.valid_until) or suspended:
        raise ValidationError(
            {
                "lab": _(
                    "{lab} is not valid on {day} (expired, not yet valid or suspended): choose "
                    "another laboratory."
                ).format(lab=lab.name, day=on.strftime("%d/%m/%Y"))
            }
        )


@transaction.atomic
def sample_hand_over(
    *, sample: Sample, by: User, lab: ConformityBody, handed_over_on: dt.date
) -> LabAssignment:
    """Hand the sealed sample to a laboratory in scope and valid on the day (biên bản bàn giao)."""
    obj = _locked(sample)
    if obj.status == SampleStatus.SAMPLED:
        raise ValidationError(_("Seal the sample before handing it over to a laboratory."))
    if obj.status != SampleStatus.SEALED:
        raise ValidationError(_("This sample has already been handed over."))
    if obj.sealed_on and handed_over_on < obj.sealed_on:
        raise ValidationError(
            {"handed_over_on": _("The hand-over cannot come before the sealing.")}
        )
    lab_check(lab=lab, qcvn=obj.qcvn, on=handed_over_on)
    before = snapshot(obj)
    assignment = LabAssignment(
        sample=obj, lab=lab, handed_over_on=handed_over_on, created_by=by, modified_by=by
    )
    assignment.full_clean()
    assignment.save()
    obj.status = SampleStatus.HANDED_OVER
    obj.handover_record_number = allocate_number(
        series=HANDOVER_SERIES, issuer=_issuer(obj.plan.province_id), on=handed_over_on
    )
    save_changes(obj, by=by, before=before)
    audit_record(
        actor=by, obj=obj, action=AuditAction.UPDATED, before=before, details={"lab": lab.pk}
    )
    return assignment


# --- Results and verdict ------------------------------------------------------------------


def _decimal(raw: Any, field: str, indicator: str) -> Decimal:
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError(
            {field: _("{indicator}: write a number.").format(indicator=indicator)}
        ) from None
    if not value.is_finite():
        raise ValidationError(
            {field: _("{indicator}: write a number.").format(indicator=indicator)}
        )
    return value


def limits_for(sample: Sample) -> list[IndicatorLimit]:
    """The limits of the sample's regulation in force on its sampling day."""
    return list(
        IndicatorLimit.objects.in_force_on(sample.sampled_on)
        .filter(qcvn=sample.qcvn)
        .order_by("code", "-effective_from")
    )


def _judge_rows(
    sample: Sample, rows: Iterable[Mapping[str, Any]], rule: DecisionRule
) -> tuple[list[LabResult], list[IndicatorVerdict]]:
    limits = {row.code: row for row in limits_for(sample)}
    results: list[LabResult] = []
    verdicts: list[IndicatorVerdict] = []
    seen: set[str] = set()
    for row in rows:
        code = str(row.get("code") or "")
        limit = limits.get(code)
        if limit is None:
            raise ValidationError(
                {
                    "code": _("{code} is not an indicator of {qcvn}.").format(
                        code=code, qcvn=sample.qcvn
                    )
                }
            )
        if code in seen:
            raise ValidationError({"code": _("{code} is entered twice.").format(code=code)})
        seen.add(code)
        value = _decimal(row.get("value"), "value", limit.indicator)
        uncertainty = _decimal(row.get("uncertainty") or 0, "uncertainty", limit.indicator)
        unit = str(row.get("unit") or limit.unit)
        try:
            verdict = judge(
                limit=Limit(limit.indicator, limit.unit, limit.minimum, limit.maximum),
                value=value,
                unit=unit,
                uncertainty=uncertainty,
                rule=rule,
            )
        except QualityRuleError as exc:
            raise rule_error(exc) from exc
        verdicts.append(verdict)
        results.append(
            LabResult(
                sample=sample,
                limit=limit,
                value=value,
                unit=unit,
                uncertainty=uncertainty,
                value_in_limit_unit=verdict.value,
                decision_rule=rule.value,
                verdict=verdict.verdict.value,
                in_guard_band=verdict.in_guard_band,
                limit_version=limit.version_label,
            )
        )
    return results, verdicts


@transaction.atomic
def results_record(
    *,
    sample: Sample,
    by: User,
    rows: Iterable[Mapping[str, Any]],
    report_number: str,
    reported_on: dt.date,
) -> Sample:
    """Record the laboratory's report: one row per indicator (``code``, ``value``, ``unit``,
    ``uncertainty``), each judged under the plan's decision rule; then the sample's verdict.
    Any refused row refuses the whole report and nothing is written. A non-conforming verdict
    refers the business to the inspections module."""
    obj = _locked(sample)
    if obj.status in (SampleStatus.SAMPLED,):
        raise ValidationError(
            _(
                "This sample is not sealed: results count only for a sealed sample handed over to "
                "a laboratory."
            )
        )
    if obj.status == SampleStatus.SEALED:
        raise ValidationError(_("Hand the sample over to a laboratory before entering results."))
    if obj.status == SampleStatus.TESTED:
        raise ValidationError(_("The results of this sample are already recorded."))
    if not report_number.strip():
        raise ValidationError({"report_number": _("Give the number of the test report.")})
    assignment = obj.assignment
    if reported_on < assignment.handed_over_on:
        raise ValidationError(
            {"reported_on": _("The test report cannot come before the hand-over.")}
        )
    rule = DecisionRule(obj.plan.decision_rule)
    results, verdicts = _judge_rows(obj, rows, rule)
    try:
        verdict = overall(verdicts)
    except QualityRuleError as exc:
        raise rule_error(exc) from exc
    LabResult.objects.bulk_create(results)
    before = snapshot(obj)
    assignment.report_number = report_number.strip()
    assignment.reported_on = reported_on
    assignment.modified_by = by
    assignment.save(update_fields=["report_number", "reported_on", "modified_by", "modified_at"])
    obj.status = SampleStatus.TESTED
    obj.verdict = verdict.value
    obj.verdict_on = reported_on
    obj.decision_rule = rule.value
    if obj.verdict == VerdictChoice.NON_CONFORMING:
        referral = inspection_services.referral_raise(
            organisation=obj.business,
            by=by,
            source=f"quality.Sample:{obj.pk}",
            source_label=_("Survey sample {number} non-conforming ({qcvn})").format(
                number=obj.number, qcvn=obj.qcvn
            ),
            reason=finding_text(obj, results),
            raised_on=reported_on,
        )
        obj.inspection_referral = f"inspections.TargetReferral:{referral.pk}"
    save_changes(obj, by=by, before=before)
    audit_record(
        actor=by,
        obj=obj,
        action=AuditAction.UPDATED,
        before=before,
        details={
            "verdict": obj.verdict,
            "rule": rule.value,
            "limits": sorted({r.limit_version for r in results}),
        },
    )
    return obj


def finding_text(sample: Sample, results: Iterable[LabResult]) -> str:
    """The failing indicators in words, for the referral and the warning."""
    failing = [
        _("{indicator}: {value} {unit} (limit {bounds} {limit_unit})").format(
            indicator=r.limit.indicator,
            value=f"{r.value.normalize():f}",
            unit=r.unit,
            bounds=r.limit.bounds,
            limit_unit=r.limit.unit,
        )
        for r in results
        if r.verdict == VerdictChoice.NON_CONFORMING
    ]
    return _("Does not meet {qcvn}: {failing}.").format(
        qcvn=sample.qcvn, failing="; ".join(failing)
    )


# --- Warning from the finding ---------------------------------------------------------------

_HAZARDS = {
    ProductGroup.FUEL: "quality",
    ProductGroup.FERTILISER: "quality",
    ProductGroup.PESTICIDE: "chemical",
    ProductGroup.ELECTRICAL: "electrical",
    ProductGroup.STEEL: "quality",
    ProductGroup.HELMET: "injury",
    ProductGroup.TOY: "chemical",
}


def warning_prefill(sample: Sample) -> dict[str, Any]:
    """A warning's fields drafted from a non-conforming sample, for the officer to edit."""
    results = list(sample.results.select_related("limit"))
    return {
        "title": _("{product} {brand} does not meet {qcvn}")
        .format(product=sample.product, brand=sample.brand, qcvn=sample.qcvn)
        .replace("  ", " "),
        "product": sample.product,
        "brand": sample.brand,
        "batch": sample.batch,
        "gtin": sample.gtin,
        "hazard": _HAZARDS.get(ProductGroup(sample.product_group), "quality"),
        "description": finding_text(sample, results),
        "measure": _(
            "Stop selling the batch; the business is referred for inspection. Consumers should "
            "not use the product."
        ),
        "source": WarningSource.PROVINCE.value,
        "source_reference": _("Survey sample {number}, sampled on {day}").format(
            number=sample.number, day=sample.sampled_on.strftime("%d/%m/%Y")
        ),
    }


@transaction.atomic
def sample_warning_create(*, sample: Sample, by: User, **values: Any) -> QualityWarning:
    """Draft the warning of a non-conforming sample (source: this province's survey) and link
    it to the sample; publishing it is the warnings' own step."""
    obj = _locked(sample)
    if obj.verdict != VerdictChoice.NON_CONFORMING:
        raise ValidationError(_("Only a non-conforming sample gives rise to a warning."))
    if obj.warning_id is not None:
        raise ValidationError(_("This sample already has a warning."))
    data = {**warning_prefill(obj), **values}
    data["source"] = WarningSource.PROVINCE.value
    warning = warning_create(by=by, province=obj.plan.province, **data)
    before = snapshot(obj)
    obj.warning = warning
    save_changes(obj, by=by, before=before)
    audit_record(
        actor=by,
        obj=obj,
        action=AuditAction.UPDATED,
        before=before,
        details={"warning": warning.pk},
    )
    return warning
