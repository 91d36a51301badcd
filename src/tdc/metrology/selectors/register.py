"""Reads of the register: the Group 2 list, instruments, designations, verifiers, standards and
markets; every list and gatekeeper goes through here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tdc.core.filters import folded_search
from tdc.core.modules import SearchResult
from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet, get_for_user_or_404
from tdc.metrology.models import (
    Designation,
    Instrument,
    InstrumentType,
    Market,
    MarketCheck,
    MeasurementStandard,
    ReferenceWeight,
    StandardCalibration,
    Verification,
    Verifier,
)


def instrument_type_rule_on(code: str, day: dt.date) -> InstrumentType:
    """The Group 2 list row for ``code`` in force on ``day`` (control measures and cycle).

    A verification uses the row in force on its own date and records the row's
    ``version_label``. Raises ``ValidationError`` when the type is not on the list that day.
    """
    row = (
        InstrumentType.objects.in_force_on(day)
        .filter(code=code)
        .order_by("-effective_from", "-id")
        .first()
    )
    if row is None:
        raise ValidationError(
            _(
                "Instrument type “{code}” is not on the Group 2 list in force on {day}; choose a "
                "type from that list or check the date."
            ).format(code=code, day=day.strftime("%d/%m/%Y"))
        )
    return row


def instrument_types_in_force(day: dt.date) -> list[InstrumentType]:
    """The Group 2 list as in force on ``day``, by item number."""
    return list(InstrumentType.objects.in_force_on(day).order_by("code"))


def instrument_type_names(day: dt.date | None = None) -> dict[str, str]:
    """Code → Vietnamese name, from the row in force on ``day`` (today by default), falling back
    to the latest row for codes no longer on the list."""
    names: dict[str, str] = {}
    for row in InstrumentType.objects.order_by("effective_from", "id").only(
        "code", "name_vi", "effective_from", "effective_to"
    ):
        if day is None or row.effective_from <= day or row.code not in names:
            names[row.code] = row.name_vi
    return names


# --- register screens and endpoints: one base queryset each, scoped per user ------------------


def instrument_base() -> ScopedQuerySet[Instrument]:
    """The queryset every instrument screen and endpoint starts from."""
    return Instrument.objects.select_related("owner", "province", "commune")


def instrument_current() -> ScopedQuerySet[Instrument]:
    """Instruments in the register (those archived as entered by mistake left out)."""
    return instrument_base().filter(archived_at__isnull=True)


def instrument_list(*, user: Any, action: str = Action.VIEW) -> QuerySet[Instrument]:
    """The instruments the user may ``action``."""
    return instrument_current().for_user(user, action)


def instrument_get_for_user(*, user: Any, pk: int, action: str = Action.VIEW) -> Instrument:
    return get_for_user_or_404(instrument_base(), user, action, pk=pk)


def instrument_search(*, user: Any, query: str, limit: int) -> list[SearchResult]:
    """Instruments the user may see whose type, maker, model, serial or address has every word."""
    rows = folded_search(instrument_list(user=user), query).order_by("serial_number")[:limit]
    names = instrument_type_names()
    return [
        SearchResult(
            title=f"{names.get(row.type_code, row.type_code)} · {row.serial_number}",
            url=row.get_absolute_url(),
            detail=" · ".join(
                p for p in (row.manufacturer, row.owner.name if row.owner else "") if p
            ),
        )
        for row in rows
    ]


def instrument_verifications(instrument: Instrument) -> QuerySet[Verification]:
    """Verification history on the instrument page, newest first."""
    return instrument.verifications.select_related("organisation", "verifier").order_by(
        "-verified_on", "-id"
    )


def designation_base() -> ScopedQuerySet[Designation]:
    return Designation.objects.select_related("organisation").prefetch_related(
        "instrument_types", "provinces"
    )


def type_codes_of(record: Designation | Verifier) -> list[str]:
    """The instrument types a designation covers or a verifier is certified for, sorted (read
    from the prefetched rows)."""
    return sorted(t.type_code for t in record.instrument_types.all())


def verifier_base() -> ScopedQuerySet[Verifier]:
    return Verifier.objects.select_related("organisation", "designation").prefetch_related(
        "instrument_types"
    )


def standard_base() -> ScopedQuerySet[MeasurementStandard]:
    return MeasurementStandard.objects.select_related("holder", "parent")


def standard_chain(standard: MeasurementStandard) -> list[MeasurementStandard]:
    """The traceability chain from ``standard`` up to the top (a national standard, ideally).

    Read without scoping: the higher standards are held by other organisations, and the chain
    shows only their identity and latest calibration.
    """
    chain = [standard]
    seen = {standard.pk}
    node = standard.parent_id
    while node is not None and node not in seen:
        parent = MeasurementStandard.objects.select_related("holder").get(pk=node)
        chain.append(parent)
        seen.add(parent.pk)
        node = parent.parent_id
    return chain


def standard_latest_calibrations(
    standards: list[MeasurementStandard],
) -> dict[int, StandardCalibration]:
    latest: dict[int, StandardCalibration] = {}
    for calibration in StandardCalibration.objects.filter(
        standard__in=[s.pk for s in standards]
    ).order_by("standard_id", "-calibrated_on", "-id"):
        latest.setdefault(calibration.standard_id, calibration)
    return latest


def market_base() -> ScopedQuerySet[Market]:
    return Market.objects.select_related("province", "commune", "management_board")


def market_weights(market: Market) -> QuerySet[ReferenceWeight]:
    """The reference weights and scales a market keeps."""
    return ReferenceWeight.objects.filter(market=market)


def market_checks(market: Market) -> QuerySet[MarketCheck]:
    """The checks of a market, newest first, with their officers."""
    return MarketCheck.objects.filter(market=market).select_related("officer")
