"""Inspections of businesses by other agencies, recorded for de-confliction."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from tdc.inspections.models import ExternalInspection
from tdc.inspections.services._common import record_create, record_update

if TYPE_CHECKING:
    from tdc.accounts.models import User


@transaction.atomic
def external_inspection_create(*, by: User, **fields: Any) -> ExternalInspection:
    """Record another agency's inspection of a business."""
    return record_create(
        ExternalInspection, by=by, fields=fields, allowed=ExternalInspection.EDIT_FIELDS
    )


@transaction.atomic
def external_inspection_update(
    *, row: ExternalInspection, by: User, expected_version: int | None = None, **fields: Any
) -> ExternalInspection:
    """Correct the record of another agency's inspection."""
    return record_update(
        ExternalInspection.objects.select_for_update().get(pk=row.pk),
        by=by,
        fields=fields,
        allowed=ExternalInspection.EDIT_FIELDS,
        expected_version=expected_version,
    )
