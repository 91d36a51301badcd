"""Readings of a quantity inspection's sample, saved one at a time as the inspector enters them
(so that nothing entered is lost), corrected or removed while the inspection is a draft."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.core.audit import audit_record
from tdc.core.models import AuditAction
from tdc.prepackages.choices import TareMethodChoice
from tdc.prepackages.models import QuantityInspection, QuantityMeasurement
from tdc.prepackages.rules import plain
from tdc.prepackages.rules.evaluation import ABSURD_FACTOR, ABSURD_GROSS_FACTOR
from tdc.prepackages.services.inspections import require_draft

if TYPE_CHECKING:
    from tdc.accounts.models import User


def _parse_reading(raw: object, *, field: str) -> Decimal:
    text = str(raw).strip().replace(",", ".") if raw is not None else ""
    if not text:
        raise ValidationError({field: _("Enter the reading: a number such as 498.6.")})
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValidationError(
            {
                field: _("“{value}” is not a number: enter the reading such as 498.6.").format(
                    value=raw
                )
            }
        ) from exc
    if not value.is_finite():
        raise ValidationError({field: _("Enter the reading as a plain number.")})
    return value


def _check_reading_range(insp: QuantityInspection, value: Decimal, *, field: str) -> None:
    if value < 0:
        raise ValidationError(
            {
                field: _(
                    "A reading cannot be negative ({value}): enter the quantity shown by the "
                    "balance or the measure, in {unit}."
                ).format(value=plain(value), unit=insp.unit)
            }
        )
    factor = ABSURD_FACTOR if insp.tare_method == TareMethodChoice.NET else ABSURD_GROSS_FACTOR
    upper = Decimal(insp.nominal_quantity) * factor
    if value > upper:
        raise ValidationError(
            {
                field: _(
                    "{value} {unit} is more than {upper} {unit} for a package of {qn} {unit}: "
                    "check the unit and the decimal point."
                ).format(
                    value=plain(value),
                    unit=insp.unit,
                    upper=plain(upper),
                    qn=plain(Decimal(insp.nominal_quantity)),
                )
            }
        )
    if value.as_tuple().exponent < -9:  # type: ignore[operator]
        raise ValidationError({field: _("Write the reading with at most 9 decimal places.")})


@transaction.atomic
def measurement_record(
    *,
    inspection: QuantityInspection,
    position: int,
    value: object,
    by: User,
    tare: object = None,
) -> QuantityMeasurement:
    """Save the reading of sample unit ``position`` (1…n) at once, so that nothing entered is
    lost; entering it again corrects it (audited with the old value)."""
    insp = QuantityInspection.objects.select_for_update().get(pk=inspection.pk)
    require_draft(insp)
    if not isinstance(position, int) or not 1 <= position <= insp.sample_size:
        raise ValidationError(
            {
                "position": _("The sample has units 1 to {n}: choose one of those numbers.").format(
                    n=insp.sample_size
                )
            }
        )
    number = _parse_reading(value, field="value")
    _check_reading_range(insp, number, field="value")
    tare_number = None
    if insp.tare_method == TareMethodChoice.INDIVIDUAL:
        if tare in (None, ""):
            raise ValidationError({"tare": _("Enter this unit's tare (its empty package).")})
        tare_number = _parse_reading(tare, field="tare")
        _check_reading_range(insp, tare_number, field="tare")
    existing = QuantityMeasurement.objects.filter(inspection=insp, position=position).first()
    old = None if existing is None else plain(existing.value)
    if existing is None:
        measurement = QuantityMeasurement(
            inspection=insp,
            position=position,
            unit_position=insp.sample_positions[position - 1],
            value=number,
            tare=tare_number,
            entered_by=by,
        )
    else:
        measurement = existing
        measurement.value = number
        measurement.tare = tare_number
        measurement.entered_by = by
    measurement.full_clean()
    measurement.save()
    QuantityInspection.objects.filter(pk=insp.pk).update(modified_at=timezone.now(), modified_by=by)
    details: dict[str, Any] = {"position": position, "value": plain(number)}
    if old is not None:
        details["previous"] = old
    if tare_number is not None:
        details["tare"] = plain(tare_number)
    audit_record(
        actor=by,
        obj=insp,
        action=AuditAction.UPDATED,
        details={"measurement": details},
    )
    return measurement


@transaction.atomic
def measurement_remove(*, inspection: QuantityInspection, position: int, by: User) -> None:
    """Delete a mistaken reading of a draft (audited with its value)."""
    insp = QuantityInspection.objects.select_for_update().get(pk=inspection.pk)
    require_draft(insp)
    measurement = QuantityMeasurement.objects.filter(inspection=insp, position=position).first()
    if measurement is None:
        return
    value = plain(measurement.value)
    measurement.delete()
    audit_record(
        actor=by,
        obj=insp,
        action=AuditAction.UPDATED,
        details={"measurement_removed": {"position": position, "value": value}},
    )
