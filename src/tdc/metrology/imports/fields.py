"""Cell parsers shared by the metrology import types (Vietnamese messages that say what to
write)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tdc.core.imports import as_text
from tdc.core.plausibility import check_date
from tdc.registry.validators import tax_code_from_cell


def _tax_code(value: Any) -> str:
    return tax_code_from_cell(as_text(value))


def _decimal(value: Any) -> Decimal:
    raw = as_text(value).replace(" ", "").replace(",", ".")
    try:
        result = Decimal(raw)
    except InvalidOperation as exc:
        raise ValidationError(_("Write a number, e.g. 0.5 or 1500.")) from exc
    if not result.is_finite() or result < 0:
        raise ValidationError(_("Write a positive number, e.g. 0.5 or 1500."))
    if result >= _DECIMAL_LIMIT or result.as_tuple().exponent < -6:  # type: ignore[operator]
        raise ValidationError(
            _("Write a number below 100,000,000,000,000 with at most 6 decimals.")
        )
    return result


#: The instrument's decimal fields hold 20 digits, 6 of them decimals.
_DECIMAL_LIMIT = Decimal(10) ** 14


def _coordinate(limit: int) -> Any:
    def parse(value: Any) -> Decimal:
        raw = as_text(value).replace(",", ".")
        try:
            result = Decimal(raw)
        except InvalidOperation as exc:
            raise ValidationError(_("Write decimal degrees, e.g. 11.3101.")) from exc
        if not result.is_finite() or abs(result) > limit:
            raise ValidationError(
                _("Write decimal degrees between -{limit} and {limit}.").format(limit=limit)
            )
        return result.quantize(Decimal("0.000001"))

    return parse


def _year(value: Any) -> int:
    raw = as_text(value)
    if not raw.isdigit() or not 1900 <= int(raw) <= 2100:
        raise ValidationError(_("Write the year with four digits, e.g. 2021."))
    return int(raw)


def _date(value: Any) -> dt.date:
    """A date cell (ISO or dd/mm/yyyy), within the plausible window of today."""
    day = _calendar_date(value)
    problem = check_date(day)
    if problem:
        raise ValidationError(problem)
    return day


def _calendar_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = as_text(value)
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(raw, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise ValidationError(_("Write the date as dd/mm/yyyy, e.g. 15/04/2026."))
