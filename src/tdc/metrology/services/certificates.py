"""Verification certificates (TT 24/2013 Art. 41): issued with a passed verification, then
revoked, suspended or reinstated with a reason that the public page shows at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.core.audit import snapshot
from tdc.core.models import AuditAction
from tdc.metrology.choices import CertificateStatus, VerificationPlace
from tdc.metrology.models import Certificate, Instrument
from tdc.metrology.services.common import (
    create_audited,
    lock,
    require_reason,
    save_change,
)

if TYPE_CHECKING:
    from tdc.accounts.models import User
    from tdc.metrology.models import InstrumentType, Verification

#: Conclusion printed on a certificate (TT 24/2013 Art. 41).
CONCLUSION_PASSED = "Đạt yêu cầu kỹ thuật đo lường"


def _characteristics(instrument: Instrument) -> str:
    """Range, accuracy class and verification interval, as printed."""
    return ", ".join(
        part
        for part in (
            instrument.measuring_range,
            _("class {cls}").format(cls=instrument.accuracy_class)
            if instrument.accuracy_class
            else "",
            f"e = {instrument.verification_interval.normalize()} {instrument.unit}"
            if instrument.verification_interval is not None
            else "",
        )
        if part
    )


def certificate_issue(
    verification: Verification,
    *,
    instrument: Instrument,
    rule: InstrumentType,
    by: User,
    signatory_name: str,
    signatory_title: str,
) -> Certificate:
    """The certificate of a passed verification, its fields copied from the verification, the
    register and the Group 2 list row in force (within the verification's transaction)."""
    owner = instrument.owner
    place = verification.place_address or (
        instrument.address if verification.place == VerificationPlace.ON_SITE else ""
    )
    certificate = Certificate(
        verification=verification,
        number=verification.certificate_number or "",
        issued_by=verification.organisation,
        issued_on=verification.verified_on,
        instrument_name=rule.name_vi,
        instrument_model=instrument.model_name,
        serial_number=instrument.serial_number,
        manufacturer=instrument.manufacturer,
        manufacturer_country=instrument.manufacturer_country,
        characteristics=_characteristics(instrument)[:255],
        owner_name=owner.name,
        owner_address=owner.address,
        place=place or verification.get_place_display(),
        method=rule.dlvn_procedure,
        conclusion=CONCLUSION_PASSED,
        stamp_serial=verification.stamp_serial,
        valid_until=verification.valid_until,
        verifier_name=verification.verifier.full_name,
        signatory_name=signatory_name,
        signatory_title=signatory_title,
        province_id=verification.province_id,
        commune_id=verification.commune_id,
        owner=owner,
    )
    return create_audited(certificate, by=by)


def _certificate_status_change(
    *, certificate: Certificate, by: User, status: str, reason: str, action: str
) -> Certificate:
    reason = require_reason(reason, _("Say why; the reason is shown on the public page."))
    locked = lock(certificate)
    if locked.status == CertificateStatus.REVOKED:
        raise ValidationError(_("This certificate is revoked; a revocation cannot be undone."))
    if locked.status == status:
        raise ValidationError(
            _("This certificate is already {status}.").format(status=locked.get_status_display())
        )
    before = snapshot(locked)
    locked.status = status
    locked.status_reason = reason[:255]
    locked.status_changed_at = timezone.now()
    return save_change(locked, by=by, before=before, action=action, reason=reason)


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by: User, reason: str) -> Certificate:
    """Revoke a certificate for good (e.g. issued in error, instrument tampered with); the
    public page shows it at once and the instrument falls due again."""
    locked = _certificate_status_change(
        certificate=certificate,
        by=by,
        status=CertificateStatus.REVOKED,
        reason=reason,
        action=AuditAction.REVOKED,
    )
    verification = locked.verification
    instrument = Instrument.objects.select_for_update().get(pk=verification.instrument_id)
    if instrument.next_due_date == verification.valid_until:
        before = snapshot(instrument)
        instrument.next_due_date = timezone.localdate()
        save_change(
            instrument,
            by=by,
            before=before,
            update_fields=["next_due_date"],
            clean=False,
            certificate_revoked=locked.number,
        )
    return locked


@transaction.atomic
def certificate_suspend(*, certificate: Certificate, by: User, reason: str) -> Certificate:
    """Suspend a certificate (e.g. pending an inspection's conclusion), with the reason."""
    return _certificate_status_change(
        certificate=certificate,
        by=by,
        status=CertificateStatus.SUSPENDED,
        reason=reason,
        action=AuditAction.SUSPENDED,
    )


@transaction.atomic
def certificate_reinstate(*, certificate: Certificate, by: User, reason: str) -> Certificate:
    """Lift a suspension; revoked certificates stay revoked."""
    if certificate.status != CertificateStatus.SUSPENDED:
        raise ValidationError(_("Only a suspended certificate can be reinstated."))
    return _certificate_status_change(
        certificate=certificate,
        by=by,
        status=CertificateStatus.VALID,
        reason=reason,
        action=AuditAction.STATUS_CHANGED,
    )
