"""Every read of the product-quality module, scoped to the user's jurisdiction."""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from tdc.core import refdata
from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet, get_for_user_or_404
from tdc.quality.choices import DeclarationStatus, ProductGroup
from tdc.quality.models import (
    ConformityBody,
    Declaration,
    LabAssignment,
    LabResult,
    ProductListEntry,
    QualityWarning,
    RegimePeriod,
    Sample,
    SurveyPlan,
)
from tdc.quality.rules import ListEntry, ProductIndex, Regime, RegimeResult, RiskClass
from tdc.quality.rules import RegimePeriod as RulePeriod

if TYPE_CHECKING:
    from tdc.accounts.models import User

#: How long a process keeps the product index before reading the lists again (another process
#: may have corrected a row); a correction in this process rebuilds it at once.
INDEX_SECONDS = 300.0

_index_lock = threading.Lock()
_index: tuple[int, float, ProductIndex] | None = None


def product_index() -> ProductIndex:
    """The regime periods and every product-list row, indexed by HS prefix (cached)."""
    global _index
    current = refdata.generation()
    now = time.monotonic()
    cached = _index
    if cached is not None and cached[0] == current and now - cached[1] < INDEX_SECONDS:
        return cached[2]
    periods = [
        RulePeriod(
            regime=Regime(row.regime),
            effective_from=row.effective_from,
            effective_to=row.effective_to,
            legal_basis=row.legal_basis,
            label=row.version_label,
        )
        for row in RegimePeriod.objects.all()
    ]
    entries = [
        ListEntry(
            regime=Regime(row.regime),
            hs_prefix=row.hs_prefix,
            product=row.product,
            effective_from=row.effective_from,
            effective_to=row.effective_to,
            risk_class=RiskClass(row.risk_class) if row.risk_class else None,
            measures=tuple(row.measures or ()),
            qcvn=tuple(row.qcvn or ()),
            legal_basis=row.legal_basis,
            confidence=row.confidence,
            source=row.source,
            category=row.category,
            label=row.version_label,
        )
        for row in ProductListEntry.objects.all()
    ]
    index = ProductIndex(periods, entries)
    with _index_lock:
        _index = (current, now, index)
    return index


def clear_index() -> None:
    global _index
    with _index_lock:
        _index = None


def regime_resolve(*, hs_code: object, day: dt.date) -> RegimeResult:
    """Regime, class, measures, QCVN and legal basis of ``hs_code`` on ``day``; raises
    :class:`~tdc.quality.rules.QualityRuleError` on a malformed or unlisted code."""
    return product_index().resolve(hs_code, day)


# --- Conformity bodies ----------------------------------------------------------------------


def body_list(*, user: User, action: str = Action.VIEW) -> QuerySet[ConformityBody]:
    return ConformityBody.objects.for_user(user, action).select_related("province")


def body_get_for_user(*, user: User, pk: object, action: str = Action.VIEW) -> ConformityBody:
    return get_for_user_or_404(ConformityBody.objects.all(), user, action, pk=pk)


def body_choices(*, user: User) -> QuerySet[ConformityBody]:
    """Bodies a declarant may name: every body of every province's register (which bodies are
    registered, accredited or designated is public), for any signed-in user."""
    if not getattr(user, "is_authenticated", False):
        return ConformityBody.objects.none()
    return ConformityBody.objects.order_by("name", "id")


# --- Declarations ---------------------------------------------------------------------------


def declaration_list(*, user: User, action: str = Action.VIEW) -> QuerySet[Declaration]:
    return Declaration.objects.for_user(user, action).select_related(
        "declarant", "province", "body", "lab"
    )


def declaration_get_for_user(*, user: User, pk: object, action: str = Action.VIEW) -> Declaration:
    return get_for_user_or_404(
        Declaration.objects.select_related("declarant", "province", "body", "lab"),
        user,
        action,
        pk=pk,
    )


def declaration_public_lookup(*, query: str, on: dt.date, limit: int = 50) -> list[Declaration]:
    """Declarations with a receipt notice valid on ``on`` whose company, tax code, product,
    brand or QCVN contains ``query``: what anyone may check before buying or selling."""
    query = query.strip()
    if len(query) < 3:
        return []
    rows = (
        Declaration.objects.filter(status=DeclarationStatus.ACCEPTED, accepted_on__lte=on)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
        .filter(
            Q(declarant__name__icontains=query)
            | Q(declarant__tax_code=query)
            | Q(product__icontains=query)
            | Q(brand__icontains=query)
            | Q(qcvn__icontains=query)
            | Q(receipt_number=query)
        )
        .select_related("declarant", "province")
        .order_by("-accepted_on", "-id")
    )
    return list(rows[:limit])


# --- Warnings -------------------------------------------------------------------------------


def warning_list(*, user: User, action: str = Action.VIEW) -> QuerySet[QualityWarning]:
    return QualityWarning.objects.for_user(user, action).select_related("province")


def warning_get_for_user(*, user: User, pk: object, action: str = Action.VIEW) -> QualityWarning:
    return get_for_user_or_404(QualityWarning.objects.all(), user, action, pk=pk)


def warning_public_list(*, on: dt.date) -> QuerySet[QualityWarning]:
    """Warnings published by ``on`` and not withdrawn by then, newest first."""
    return (
        QualityWarning.objects.filter(published_on__isnull=False, published_on__lte=on)
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on))
        .order_by("-published_on", "-id")
    )


def body_base() -> ScopedQuerySet[ConformityBody]:
    """Every body, unscoped: the generic views scope it."""
    return ConformityBody.objects.select_related("province")


def declaration_base() -> ScopedQuerySet[Declaration]:
    return Declaration.objects.select_related("declarant", "province", "body", "lab")


def warning_base() -> ScopedQuerySet[QualityWarning]:
    return QualityWarning.objects.select_related("province")


# --- Quality surveys and testing ------------------------------------------------------------


def survey_plan_base() -> ScopedQuerySet[SurveyPlan]:
    return SurveyPlan.objects.select_related("province")


def survey_plan_get_for_user(*, user: User, pk: object, action: str = Action.VIEW) -> SurveyPlan:
    return get_for_user_or_404(SurveyPlan.objects.all(), user, action, pk=pk)


def sample_base() -> ScopedQuerySet[Sample]:
    return Sample.objects.select_related("plan", "business", "sampler", "warning")


def sample_get_for_user(*, user: User, pk: object, action: str = Action.VIEW) -> Sample:
    return get_for_user_or_404(sample_base(), user, action, pk=pk)


def sample_results(sample: Sample) -> list[LabResult]:
    return list(sample.results.select_related("limit").order_by("limit__code"))


def sample_assignment(sample: Sample) -> LabAssignment | None:
    return LabAssignment.objects.select_related("lab").filter(sample=sample).first()


def lab_choices(*, user: User) -> QuerySet[ConformityBody]:
    """Laboratories an officer may hand a sample to (the service checks scope and validity)."""
    return body_choices(user=user).filter(kind="laboratory")


def approved_plans(*, user: User) -> QuerySet[SurveyPlan]:
    """Plans under which the user may take samples now."""
    return SurveyPlan.objects.for_user(user, Action.CREATE).filter(status="approved")


def plan_group_labels(plan: SurveyPlan) -> list[str]:
    labels = dict(ProductGroup.choices)
    return [str(labels.get(group, group)) for group in plan.product_groups or []]


def plan_samples(*, plan: SurveyPlan, user: User) -> QuerySet[Sample]:
    return (
        Sample.objects.for_user(user, Action.VIEW)
        .filter(plan=plan)
        .select_related("business")
        .order_by("-sampled_on", "-id")
    )


def sample_referral(sample: Sample) -> Any:
    """The inspections module's referral raised from the sample, if any."""
    if not sample.inspection_referral:
        return None
    from tdc.inspections.selectors import referral_for

    return referral_for(f"quality.Sample:{sample.pk}")
