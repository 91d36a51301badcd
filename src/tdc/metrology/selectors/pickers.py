"""Searchable pickers of metrology (``tdc.core.pickers``): instrument types by their
Vietnamese name, verifiers and measurement standards within the user's scope."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.core.modules import PickerOption
from tdc.core.pickers import rank
from tdc.metrology.models import InstrumentType, MeasurementStandard, Verifier

#: How many scoped verifiers or standards are searched by folded name (an organisation has tens;
#: a province a few hundred).
_SEARCHED = 5000


def _only(options: list[PickerOption], ids: list[str] | None) -> list[PickerOption]:
    return [o for o in options if o.id in set(ids)] if ids else options


def instrument_type_picker(
    *, user: Any, query: str, ids: list[str] | None, limit: int, params: Mapping[str, str]
) -> list[PickerOption]:
    """Group 2 instrument types by Vietnamese name (``"xang"`` finds "Cột đo xăng dầu"), the
    row in force today for each code (the latest for codes no longer on the list); the value is
    the type's code. Reference data: the same for everyone."""
    today = timezone.localdate()
    latest: dict[str, InstrumentType] = {}
    for row in InstrumentType.objects.order_by("effective_from", "id").only(
        "code", "item_no", "name_vi", "effective_from", "effective_to"
    ):
        if row.effective_from <= today or row.code not in latest:
            latest[row.code] = row
    options = [
        PickerOption(code, row.name_vi, _("Item {number}").format(number=row.item_no))
        if row.item_no
        else PickerOption(code, row.name_vi)
        for code, row in latest.items()
    ]
    return rank(_only(options, ids), query, limit)


def verifier_picker(
    *, user: Any, query: str, ids: list[str] | None, limit: int, params: Mapping[str, str]
) -> list[PickerOption]:
    """Verifiers the user may see, by name or card number, with their organisation."""
    qs = Verifier.objects.for_user(user).select_related("organisation")
    if ids:
        qs = qs.filter(pk__in=[i for i in ids if i.isdigit()])
    rows = qs.only("pk", "full_name", "card_number", "organisation__name")[:_SEARCHED]
    options = [
        PickerOption(
            str(v.pk), v.full_name, " · ".join(p for p in (v.card_number, v.organisation.name) if p)
        )
        for v in rows
    ]
    return rank(options, query, limit)


def standard_picker(
    *, user: Any, query: str, ids: list[str] | None, limit: int, params: Mapping[str, str]
) -> list[PickerOption]:
    """Measurement standards the user may see, by name or identifier, with their holder."""
    qs = MeasurementStandard.objects.for_user(user).select_related("holder")
    if ids:
        qs = qs.filter(pk__in=[i for i in ids if i.isdigit()])
    rows = qs.only("pk", "name", "identifier", "quantity", "holder__name")[:_SEARCHED]
    options = [
        PickerOption(str(s.pk), s.name, " · ".join(p for p in (s.identifier, s.holder.name) if p))
        for s in rows
    ]
    return rank(options, query, limit)
