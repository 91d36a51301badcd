"""Target referrals: another module proposes a business as an inspection target because of a
finding (e.g. a non-conforming survey sample); the referral raises the business's risk score."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdc.core.audit import audit_record
from tdc.core.models import AuditAction
from tdc.inspections.models import TargetReferral

if TYPE_CHECKING:
    from tdc.accounts.models import User
    from tdc.registry.models import Organisation


@transaction.atomic
def referral_raise(
    *,
    organisation: Organisation,
    by: User,
    source: str,
    source_label: str,
    reason: str,
    raised_on: dt.date,
) -> TargetReferral:
    """Propose ``organisation`` as a target because of the finding ``source`` (``app.Model:pk``);
    one referral per finding, so calling again returns the first."""
    existing = TargetReferral.objects.filter(source=source).first()
    if existing is not None:
        return existing
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the business should be inspected.")})
    referral = TargetReferral(
        organisation=organisation,
        source=source,
        source_label=source_label[:255],
        reason=reason.strip(),
        raised_on=raised_on,
    )
    referral.full_clean()
    referral.save()
    audit_record(
        actor=by,
        obj=referral,
        action=AuditAction.CREATED,
        details={"source": source, "organisation": organisation.pk},
    )
    return referral
