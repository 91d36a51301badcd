"""Reads of the legal-metrology module: every list and gatekeeper goes through here."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tdc.metrology.models import InstrumentType


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
