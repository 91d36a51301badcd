"""Reads for prepackaged goods, always scoped to the user: rules versions, inspections,
declarations, certificates, deadlines and trends."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Avg, Count, Q, QuerySet
from django.db.models.functions import TruncMonth

from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet, get_for_user_or_404
from tdc.prepackages.choices import InspectionStatus, LotDecision, RulesSource
from tdc.prepackages.models import (
    MarkCertification,
    MarkDeclaration,
    ProcedureDeadline,
    ProvinceRulesSetting,
    QuantityInspection,
    QuantityMeasurement,
)
from tdc.prepackages.rules import RulesVersion, get_version


def rules_version_get(version_id: str | None = None) -> RulesVersion:
    """The rules version ``version_id``, or the deployment's default
    (``TDC_PREPACKAGE_RULES_VERSION``); raises ``RuleInputError`` for an unknown id."""
    return get_version(version_id or settings.TDC_PREPACKAGE_RULES_VERSION)


def rules_version_default_id() -> str:
    return str(settings.TDC_PREPACKAGE_RULES_VERSION)


def rules_version_for_province(province_id: str | None) -> tuple[RulesVersion, str]:
    """The version a province applies (its setting, else the deployment's default) and where
    that choice comes from (:class:`RulesSource`)."""
    if province_id:
        setting = ProvinceRulesSetting.objects.filter(province_id=province_id).first()
        if setting is not None:
            return get_version(setting.rules_version), RulesSource.PROVINCE
    return rules_version_get(), RulesSource.DEPLOYMENT


# --- Province settings -----------------------------------------------------------------------


def rules_setting_base() -> ScopedQuerySet[ProvinceRulesSetting]:
    return ProvinceRulesSetting.objects.select_related("province")


def rules_setting_list(*, user: Any, action: str = Action.VIEW) -> QuerySet[ProvinceRulesSetting]:
    return rules_setting_base().for_user(user, action)


# --- Inspections -----------------------------------------------------------------------------


def inspection_base() -> ScopedQuerySet[QuantityInspection]:
    """The one queryset every inspection screen and endpoint starts from."""
    return QuantityInspection.objects.select_related("packer", "province", "commune")


def inspection_list(*, user: Any, action: str = Action.VIEW) -> QuerySet[QuantityInspection]:
    return inspection_base().for_user(user, action)


def inspection_get_for_user(*, user: Any, pk: Any, action: str = Action.VIEW) -> QuantityInspection:
    return get_for_user_or_404(inspection_base(), user, action, pk=pk)


def inspection_measurements(inspection: QuantityInspection) -> list[QuantityMeasurement]:
    return list(QuantityMeasurement.objects.filter(inspection=inspection).order_by("position"))


def inspection_drafts_for(*, user: Any) -> QuerySet[QuantityInspection]:
    """Inspections the user may still measure (their phone's to-do list)."""
    return inspection_list(user=user, action=Action.CHANGE).filter(status=InspectionStatus.DRAFT)


# --- Quantity mark -----------------------------------------------------------------------------


def declaration_base() -> ScopedQuerySet[MarkDeclaration]:
    return MarkDeclaration.objects.select_related(
        "declarant", "declarant__province", "province", "supersedes"
    )


def declaration_list(*, user: Any, action: str = Action.VIEW) -> QuerySet[MarkDeclaration]:
    return declaration_base().for_user(user, action)


def declaration_get_for_user(*, user: Any, pk: Any, action: str = Action.VIEW) -> MarkDeclaration:
    return get_for_user_or_404(declaration_base(), user, action, pk=pk)


def certification_base() -> ScopedQuerySet[MarkCertification]:
    return MarkCertification.objects.select_related("applicant", "province", "renewal_of")


def certification_list(*, user: Any, action: str = Action.VIEW) -> QuerySet[MarkCertification]:
    return certification_base().for_user(user, action)


def certification_get_for_user(
    *, user: Any, pk: Any, action: str = Action.VIEW
) -> MarkCertification:
    return get_for_user_or_404(certification_base(), user, action, pk=pk)


def procedure_deadline(step: str, on: dt.date) -> ProcedureDeadline:
    """The time limit of ``step`` in force on ``on``; a clear error if none is loaded."""
    row = ProcedureDeadline.objects.in_force_on(on).filter(step=step).order_by("-effective_from")
    found = row.first()
    if found is None:
        raise LookupError(
            f"No deadline for {step!r} in force on {on.isoformat()}: run `tdc load_reference`."
        )
    return found


def certifications_due_for_reminder(today: dt.date) -> QuerySet[MarkCertification]:
    """Certificates in force whose re-certification reminder is due and not yet sent."""
    from tdc.core.calendar import add_months
    from tdc.prepackages.choices import CertificationStatus

    notice = procedure_deadline("recertification_notice", today)
    horizon = add_months(today, notice.amount)
    return certification_base().filter(
        status=CertificationStatus.CERTIFIED,
        valid_until__lte=horizon,
        valid_until__gte=today,
        reminder_sent_on__isnull=True,
    )


# --- Trends ------------------------------------------------------------------------------------


def inspection_trends(
    *,
    user: Any,
    packer_id: int | None = None,
    category: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> list[dict[str, Any]]:
    """Decided lots per packer, product category and month: lots checked, rejected, the
    rejection rate (%) and the mean shortfall (% of Qn), oldest month first."""
    qs = inspection_list(user=user).filter(status=InspectionStatus.DECIDED)
    if packer_id:
        qs = qs.filter(packer_id=packer_id)
    if category:
        qs = qs.filter(product_category=category)
    if date_from:
        qs = qs.filter(inspected_on__gte=date_from)
    if date_to:
        qs = qs.filter(inspected_on__lte=date_to)
    rows = (
        qs.order_by()
        .annotate(month=TruncMonth("inspected_on"))
        .values("month", "packer_id", "packer__name", "product_category")
        .annotate(
            lots=Count("id"),
            rejected=Count("id", filter=Q(decision=LotDecision.REJECT)),
            shortfall=Avg("shortfall_percent"),
        )
        .order_by("month", "packer__name", "product_category")
    )
    result = []
    for row in rows:
        month = row["month"]
        if isinstance(month, dt.datetime):
            month = month.date()
        lots = row["lots"]
        result.append(
            {
                "month": month,
                "packer_id": row["packer_id"],
                "packer": row["packer__name"],
                "category": row["product_category"],
                "lots": lots,
                "rejected": row["rejected"],
                "rejection_rate": round(Decimal(row["rejected"] * 100) / lots, 1) if lots else 0,
                "mean_shortfall": (
                    round(Decimal(row["shortfall"]), 3) if row["shortfall"] is not None else None
                ),
            }
        )
    return result


def packer_history(*, user: Any, packer_id: int, limit: int = 10) -> dict[str, Any]:
    """A packer's quantity record for its organisation page: totals and the latest lots."""
    qs = inspection_list(user=user).filter(packer_id=packer_id)
    decided = qs.filter(status=InspectionStatus.DECIDED)
    totals = decided.aggregate(
        lots=Count("id"),
        rejected=Count("id", filter=Q(decision=LotDecision.REJECT)),
        shortfall=Avg("shortfall_percent"),
    )
    return {
        "totals": totals,
        "recent": list(qs.order_by("-inspected_on", "-id")[:limit]),
    }
