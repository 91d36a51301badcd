"""Writes of measurement standards and their calibrations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from tdc.core.audit import audit_record
from tdc.core.models import AuditAction
from tdc.metrology.fields import CALIBRATION_ENTRY, STANDARD_EDITABLE
from tdc.metrology.models import MeasurementStandard, StandardCalibration
from tdc.metrology.services.common import (
    check_fields,
    create_audited,
    create_in_scope,
    edit_fields,
    ensure_in_scope,
    save_change,
    status_action,
)

if TYPE_CHECKING:
    from tdc.accounts.models import User


def _outside() -> str:
    return _("The holder is outside your jurisdiction; choose your own.")


@transaction.atomic
def standard_create(*, by: User, **fields: Any) -> MeasurementStandard:
    """Enter a measurement standard (national, main or working) in the register."""
    check_fields(fields, STANDARD_EDITABLE, "standard")
    return create_in_scope(MeasurementStandard(**fields), by=by, outside=_outside())


@transaction.atomic
def standard_update(
    *,
    standard: MeasurementStandard,
    by: User,
    expected_version: int | None = None,
    **fields: Any,
) -> MeasurementStandard:
    """Edit a standard's entry, its place in the chain or its status."""
    locked, before = edit_fields(standard, expected_version, fields, STANDARD_EDITABLE)
    save_change(locked, by=by, before=before, action=status_action(before, locked))
    ensure_in_scope(locked, by, "change", _outside())
    return locked


@transaction.atomic
def standard_calibration_record(
    *, standard: MeasurementStandard, by: User, **fields: Any
) -> StandardCalibration:
    """Record a calibration of a standard (laboratory, certificate, dates, result)."""
    check_fields(fields, CALIBRATION_ENTRY, "calibration")
    calibration = StandardCalibration(standard=standard, **fields)
    calibration.certificate_number = (calibration.certificate_number or "").strip()
    create_audited(calibration, by=by)
    audit_record(
        actor=by,
        obj=standard,
        action=AuditAction.UPDATED,
        before=None,
        details={
            "calibration": calibration.certificate_number,
            "result": calibration.result,
            "valid_until": calibration.valid_until.isoformat(),
        },
    )
    return calibration
