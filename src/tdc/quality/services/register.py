"""The register of businesses under management: compliance commitments."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.core.audit import audit_record
from tdc.core.models import AuditAction
from tdc.quality.models import ComplianceCommitment

if TYPE_CHECKING:
    from tdc.accounts.models import User
    from tdc.registry.models import Organisation


@transaction.atomic
def commitment_record(
    *,
    by: User,
    organisation: Organisation,
    signed_on: dt.date,
    signed_by_name: str,
    products: str,
    valid_until: dt.date | None = None,
    notes: str = "",
) -> ComplianceCommitment:
    """Record a commitment the business signed; in the province of the business."""
    errors: dict[str, str] = {}
    if signed_on > timezone.localdate():
        errors["signed_on"] = _("The signing date is in the future; enter the day it was signed.")
    if valid_until is not None and valid_until < signed_on:
        errors["valid_until"] = _("The commitment cannot end before it was signed.")
    if not organisation.province_id:
        errors["organisation"] = _("This business has no province in the register; add it first.")
    if errors:
        raise ValidationError(errors)
    commitment = ComplianceCommitment(
        organisation=organisation,
        province_id=organisation.province_id,
        signed_on=signed_on,
        signed_by_name=signed_by_name.strip(),
        products=products.strip(),
        valid_until=valid_until,
        notes=notes,
        created_by=by,
        modified_by=by,
    )
    commitment.full_clean()
    commitment.save()
    audit_record(actor=by, obj=commitment, action=AuditAction.CREATED)
    return commitment
