"""Writes of markets, the reference weights and scales they keep, and checks of them
(TT 09/2017)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from tdc.metrology.fields import (
    MARKET_CHECK_EDITABLE,
    MARKET_EDITABLE,
    REFERENCE_WEIGHT_EDITABLE,
)
from tdc.metrology.models import Market, MarketCheck, ReferenceWeight
from tdc.metrology.services.common import (
    check_fields,
    create_audited,
    create_in_scope,
    edit_fields,
    ensure_in_scope,
    save_change,
)

if TYPE_CHECKING:
    from tdc.accounts.models import User


def _prepare_market(market: Market) -> None:
    market.name = " ".join((market.name or "").split())
    if market.commune_id and not market.province_id:
        market.province_id = market.commune.province_id


@transaction.atomic
def market_create(*, by: User, **fields: Any) -> Market:
    """Enter a market in the register."""
    check_fields(fields, MARKET_EDITABLE, "market")
    market = Market(**fields)
    _prepare_market(market)
    return create_in_scope(
        market, by=by, outside=_("This market is outside your jurisdiction; choose your commune.")
    )


@transaction.atomic
def market_update(
    *, market: Market, by: User, expected_version: int | None = None, **fields: Any
) -> Market:
    """Edit a market's entry."""
    locked, before = edit_fields(market, expected_version, fields, MARKET_EDITABLE)
    _prepare_market(locked)
    save_change(locked, by=by, before=before)
    ensure_in_scope(locked, by, "change", _("This market would be outside your jurisdiction."))
    return locked


@transaction.atomic
def reference_weight_add(*, market: Market, by: User, **fields: Any) -> ReferenceWeight:
    """Record a reference weight or scale a market keeps (TT 09/2017)."""
    check_fields(fields, REFERENCE_WEIGHT_EDITABLE, "reference weight")
    return create_audited(ReferenceWeight(market=market, **fields), by=by)


@transaction.atomic
def market_check_record(*, market: Market, by: User, **fields: Any) -> MarketCheck:
    """Record a check of a market's scales and reference weights."""
    check_fields(fields, MARKET_CHECK_EDITABLE, "market check")
    fields.setdefault("officer", by)
    return create_audited(MarketCheck(market=market, **fields), by=by)
