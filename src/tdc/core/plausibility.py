"""Plausible values, checked on every regulated record whichever door it came in by (form, API,
service; imports check the same bounds in their parsers).

Every record (``AuditedModel.clean_fields``) gets the generic checks: dates within a window of
today (``TDC_PLAUSIBLE_PAST_YEARS`` back, ``TDC_PLAUSIBLE_FUTURE_YEARS`` ahead), finite numbers
of bounded magnitude, lists of at most ``TDC_PLAUSIBLE_MAX_ITEMS`` items. A model adds what only
it knows in a class attribute ``plausible = Plausible(...)``: quantities that must be positive,
dates that cannot lie in the future (an inspection, a verification), and pairs of dates in order
(valid from … valid to). The messages say, in Vietnamese, what the bound is and what to do.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

#: The largest magnitude a float field takes (bigger is a typing slip or an overflow probe).
MAX_FLOAT = 1e12


@dataclass(frozen=True)
class Plausible:
    """What a model declares beyond the generic checks (field names)."""

    positive: tuple[str, ...] = ()
    not_negative: tuple[str, ...] = ()
    not_in_future: tuple[str, ...] = ()
    #: (earlier, later): the later date may not fall before the earlier one.
    ordered: tuple[tuple[str, str], ...] = ()
    max_items: dict[str, int] = field(default_factory=dict)


def _years(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def date_window(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The earliest and latest plausible dates today."""
    today = today or timezone.localdate()
    past = _years("TDC_PLAUSIBLE_PAST_YEARS", 80)
    future = _years("TDC_PLAUSIBLE_FUTURE_YEARS", 50)
    return (
        today.replace(year=max(dt.MINYEAR, today.year - past), day=min(today.day, 28)),
        today.replace(year=min(dt.MAXYEAR, today.year + future), day=min(today.day, 28)),
    )


def max_items() -> int:
    return int(getattr(settings, "TDC_PLAUSIBLE_MAX_ITEMS", 1000))


def check_date(value: dt.date, *, not_in_future: bool = False) -> str | None:
    """Why ``value`` is implausible, or None."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    earliest, latest = date_window()
    today = timezone.localdate()
    if not_in_future and value > today:
        return _("This date is in the future ({day}); enter the day it actually happened.").format(
            day=date_format(value, "d/m/Y")
        )
    if not earliest <= value <= latest:
        return _(
            "{day} is not a plausible date: enter a date between {earliest} and {latest}."
        ).format(
            day=date_format(value, "d/m/Y"),
            earliest=date_format(earliest, "d/m/Y"),
            latest=date_format(latest, "d/m/Y"),
        )
    return None


def check_number(value: Any) -> str | None:
    """Why a float or decimal is implausible (not finite, or beyond any real magnitude)."""
    if isinstance(value, float) and (not math.isfinite(value) or abs(value) > MAX_FLOAT):
        return _("This number is not plausible: enter a value below {limit}.").format(
            limit=f"{MAX_FLOAT:,.0f}".replace(",", ".")
        )
    if isinstance(value, decimal.Decimal) and not value.is_finite():
        return _("Enter a number (not infinity or “NaN”).")
    return None


def check_record(obj: models.Model, exclude: Any = None) -> dict[str, list[str]]:
    """The implausible values of ``obj``, by field name."""
    errors: dict[str, list[str]] = {}
    declared: Plausible = getattr(type(obj), "plausible", None) or Plausible()
    limit = max_items()
    for model_field in obj._meta.concrete_fields:
        if exclude and model_field.name in exclude:
            continue
        value = getattr(obj, model_field.attname, None)
        if value is None:
            continue
        problem = _field_problem(model_field, value, declared, limit)
        if problem:
            errors.setdefault(model_field.name, []).append(problem)
    for earlier, later in declared.ordered:
        first, second = getattr(obj, earlier, None), getattr(obj, later, None)
        if first is not None and second is not None and second < first:
            label = getattr(obj._meta.get_field(earlier), "verbose_name", earlier)
            errors.setdefault(later, []).append(
                _("This date falls before “{field}” ({day}); correct one of them.").format(
                    field=label, day=date_format(first, "d/m/Y")
                )
            )
    return errors


def _field_problem(model_field: Any, value: Any, declared: Plausible, limit: int) -> str | None:
    name = model_field.name
    if isinstance(model_field, models.DateField) and isinstance(value, dt.date):
        return check_date(value, not_in_future=name in declared.not_in_future)
    if isinstance(model_field, models.FloatField | models.DecimalField | models.IntegerField):
        problem = check_number(value)
        if problem is None and _is_number(value):
            if name in declared.positive and value <= 0:
                problem = _("Enter a value greater than zero.")
            elif name in declared.not_negative and value < 0:
                problem = _("Enter zero or a positive value.")
        return problem
    if isinstance(model_field, models.JSONField) and isinstance(value, list | dict):
        most = declared.max_items.get(name, limit)
        if len(value) > most:
            return _("This list has {count} items; at most {limit} are accepted.").format(
                count=len(value), limit=most
            )
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) or (
        isinstance(value, decimal.Decimal) and value.is_finite()
    )
