"""Reads of the register of businesses under management (selectors of the register page).

A business is under management once the quality records name it: a conformity declaration it
filed, a survey sample taken from it, an import lot it registered or a compliance commitment it
signed. Its page gathers
those records with the inspections of the business, all scoped to the reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from tdc.core.roles import Action
from tdc.quality.choices import VerdictChoice
from tdc.quality.models import ComplianceCommitment, Declaration, ImportRegistration, Sample


def businesses_under_management(user: Any) -> QuerySet[Any]:
    """The user's organisations that quality records name, with their counts."""
    from tdc.registry.selectors import organisation_list

    named = (
        Exists(Declaration.objects.filter(declarant=OuterRef("pk")))
        | Exists(Sample.objects.filter(business=OuterRef("pk")))
        | Exists(ComplianceCommitment.objects.filter(organisation=OuterRef("pk")))
        | Exists(ImportRegistration.objects.filter(importer=OuterRef("pk")))
    )
    return (
        organisation_list(user=user)
        .filter(named)
        .annotate(
            declarations=Count("quality_declarations", distinct=True),
            samples=Count("quality_samples", distinct=True),
            failing=Count(
                "quality_samples",
                filter=Q(quality_samples__verdict=VerdictChoice.NON_CONFORMING),
                distinct=True,
            ),
            commitments=Count("quality_commitments", distinct=True),
            imports=Count("quality_import_registrations", distinct=True),
        )
        .select_related("commune")
        .order_by("name")
    )


@dataclass(frozen=True)
class ManagedProduct:
    """A managed product the business makes, imports or trades, and where we know it from."""

    product: str
    qcvn: str
    source: str


@dataclass
class BusinessProfile:
    """One business's page in the register."""

    products: list[ManagedProduct]
    declarations: list[Declaration]
    samples: list[Sample]
    imports: list[ImportRegistration]
    commitments: list[ComplianceCommitment]
    inspections: list[Any]


def business_profile(user: Any, organisation: Any) -> BusinessProfile:
    """Everything the register knows of ``organisation`` that ``user`` may see."""
    declarations = list(
        Declaration.objects.for_user(user, Action.VIEW)
        .filter(declarant=organisation)
        .order_by("-declared_on", "-id")
    )
    samples = list(
        Sample.objects.for_user(user, Action.VIEW)
        .filter(business=organisation)
        .order_by("-sampled_on", "-id")
    )
    commitments = list(
        ComplianceCommitment.objects.for_user(user, Action.VIEW).filter(organisation=organisation)
    )
    imports = list(
        ImportRegistration.objects.for_user(user, Action.VIEW)
        .filter(importer=organisation)
        .order_by("-registered_on", "-id")[:100]
    )
    from tdc.inspections.selectors import inspections_of_organisation

    inspections = inspections_of_organisation(user=user, organisation=organisation)
    seen: dict[tuple[str, str], ManagedProduct] = {}
    for d in declarations:
        key = (d.product.strip().lower(), d.qcvn)
        seen.setdefault(key, ManagedProduct(d.product, d.qcvn, str(Declaration._meta.verbose_name)))
    for s in samples:
        key = (s.product.strip().lower(), s.qcvn)
        seen.setdefault(key, ManagedProduct(s.product, s.qcvn, str(Sample._meta.verbose_name)))
    for lot in imports:
        key = (lot.product.strip().lower(), lot.qcvn)
        seen.setdefault(
            key, ManagedProduct(lot.product, lot.qcvn, str(ImportRegistration._meta.verbose_name))
        )
    return BusinessProfile(
        products=sorted(seen.values(), key=lambda p: p.product.lower()),
        declarations=declarations,
        samples=samples,
        imports=imports,
        commitments=commitments,
        inspections=inspections,
    )
