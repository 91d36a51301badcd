"""Quality warnings: drafted by the province's staff (from a survey finding or a national or
foreign source), published for the public page, the Atom feed and the API, withdrawn."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdc.core.audit import audit_record, save_changes, snapshot
from tdc.core.exceptions import check_version
from tdc.core.models import AuditAction
from tdc.quality.models import QualityWarning

if TYPE_CHECKING:
    from tdc.accounts.models import User
    from tdc.places.models import Province

_EDITABLE = frozenset(QualityWarning.FIELDS)


def _gtin_ok(gtin: str) -> bool:
    """A GTIN-8/12/13/14 with a right check digit (GS1)."""
    if not gtin.isdigit() or len(gtin) not in (8, 12, 13, 14):
        return False
    digits = [int(c) for c in gtin]
    body, check = digits[:-1], digits[-1]
    total = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def _validate(warning: QualityWarning) -> None:
    if warning.gtin and not _gtin_ok(warning.gtin):
        raise ValidationError(
            {
                "gtin": _(
                    "This is not a valid GTIN: 8, 12, 13 or 14 digits with a right check digit."
                )
            }
        )


@transaction.atomic
def warning_create(*, by: User, province: Province, **values: Any) -> QualityWarning:
    unknown = set(values) - _EDITABLE
    if unknown:
        raise TypeError(f"not fields of a warning: {sorted(unknown)}")
    warning = QualityWarning(province=province, created_by=by, modified_by=by, **values)
    warning.full_clean()
    _validate(warning)
    warning.save()
    audit_record(actor=by, obj=warning, action=AuditAction.CREATED)
    return warning


@transaction.atomic
def warning_update(
    *, warning: QualityWarning, by: User, expected_version: int | None = None, **values: Any
) -> QualityWarning:
    unknown = set(values) - _EDITABLE
    if unknown:
        raise TypeError(f"not fields of a warning: {sorted(unknown)}")
    obj = QualityWarning.objects.select_for_update().get(pk=warning.pk)
    check_version(obj, expected_version)
    before = snapshot(obj)
    for name, value in values.items():
        setattr(obj, name, value)
    obj.full_clean()
    _validate(obj)
    if save_changes(obj, by=by, before=before):
        audit_record(actor=by, obj=obj, action=AuditAction.UPDATED, before=before)
    return obj


@transaction.atomic
def warning_publish(*, warning: QualityWarning, by: User, on: dt.date) -> QualityWarning:
    """Publish the warning from ``on``: it appears on the public page, the feed and the API."""
    obj = QualityWarning.objects.select_for_update().get(pk=warning.pk)
    if obj.published_on is not None:
        raise ValidationError(_("This warning is already published."))
    before = snapshot(obj)
    obj.published_on = on
    save_changes(obj, by=by, before=before)
    audit_record(
        actor=by, obj=obj, action=AuditAction.UPDATED, before=before, details={"published": True}
    )
    return obj


@transaction.atomic
def warning_withdraw(*, warning: QualityWarning, by: User, on: dt.date) -> QualityWarning:
    obj = QualityWarning.objects.select_for_update().get(pk=warning.pk)
    if obj.published_on is None or obj.withdrawn_on is not None:
        raise ValidationError(_("Only a published warning can be withdrawn."))
    if on < obj.published_on:
        raise ValidationError({"on": _("A warning cannot be withdrawn before it was published.")})
    before = snapshot(obj)
    obj.withdrawn_on = on
    save_changes(obj, by=by, before=before)
    audit_record(actor=by, obj=obj, action=AuditAction.UPDATED, before=before)
    return obj
