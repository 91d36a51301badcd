"""Reads of verifications: the screens' and endpoints' querysets, the organisations a user
records verifications for and the instruments they may pick."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet

from tdc.core.roles import Action, Role
from tdc.metrology.models import (
    Certificate,
    Designation,
    Instrument,
    Verification,
    VerificationPoint,
    VerificationStandard,
)
from tdc.registry.choices import OrganisationKind
from tdc.registry.selectors import organisation_all, organisation_of_kinds

if TYPE_CHECKING:
    from tdc.core.scoping import ScopedQuerySet
    from tdc.registry.models import Organisation


def verification_base() -> ScopedQuerySet[Verification]:
    """The queryset every verification screen and endpoint starts from."""
    return Verification.objects.select_related(
        "instrument", "organisation", "verifier", "owner", "province", "commune"
    )


def verification_detail_base() -> ScopedQuerySet[Verification]:
    return verification_base().prefetch_related(
        Prefetch("points", queryset=VerificationPoint.objects.order_by("position", "id")),
        Prefetch(
            "standard_uses",
            queryset=VerificationStandard.objects.select_related("standard", "calibration"),
        ),
    )


def verification_certificate(verification: Verification) -> Certificate | None:
    return Certificate.objects.filter(verification=verification).first()


def verification_organisations(user: Any) -> QuerySet[Organisation]:
    """Organisations the user may record verifications for: their own, or (administrators)
    every verification organisation."""
    if getattr(user, "role", None) == Role.SYSTEM_ADMIN:
        return organisation_of_kinds(OrganisationKind.VERIFICATION_ORG)
    return organisation_all().filter(pk=getattr(user, "organisation_id", None) or 0)


def verification_instruments(
    user: Any, type_code: str = "", serial: str = ""
) -> QuerySet[Instrument]:
    """Instruments a verifier may pick: by type and serial, in the provinces their
    organisations are designated for (registers of other owners are otherwise not visible)."""
    provinces = Designation.objects.filter(
        organisation__in=verification_organisations(user)
    ).values("provinces")
    return (
        Instrument.objects.select_related("owner", "commune")
        .filter(archived_at__isnull=True, province__in=provinces)
        .filter(serial_number__istartswith=serial.strip())
        .filter(**({"type_code": type_code} if type_code else {}))
        .order_by("serial_number", "id")
    )


def verification_instrument_get(user: Any, pk: int) -> Instrument | None:
    """The instrument chosen on the verification form: one the verifier may pick, or one the
    user sees in the register."""
    return (
        verification_instruments(user).filter(pk=pk).first()
        or Instrument.objects.for_user(user, Action.VIEW).filter(pk=pk).first()
    )
