"""Field work: opening an inspection, the checklist, position, photos, instruments checked,
signatures of the record (Mẫu 5. BBKT) and the notices that follow it (Mẫu 6, 7, 8)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.attachments.services import UploadRefused, attachment_add, max_bytes, upload_check
from tdc.core.audit import audit_record, snapshot
from tdc.core.calendar import add_working_days
from tdc.core.models import AuditAction
from tdc.core.numbering import allocate_number
from tdc.inspections import sources
from tdc.inspections.choices import (
    Answer,
    InspectionStatus,
    NoticeKind,
    PlanStatus,
    SignatureRole,
    TeamRole,
)
from tdc.inspections.models import (
    Campaign,
    ChecklistAnswer,
    ChecklistItem,
    Inspection,
    InspectionNotice,
    InspectionTeamMember,
    InstrumentCheck,
)
from tdc.inspections.services._common import (
    DECISION_SERIES,
    NOTICE_SERIES,
    RECORD_SERIES,
    issuer,
    record_update,
    save_checked,
)

if TYPE_CHECKING:
    from tdc.accounts.models import User
    from tdc.attachments.models import Attachment
    from tdc.registry.models import Organisation

#: TT 28/2013 as amended by TT 10/2022: suspension notice within 3 working days of the record.
SUSPENSION_WORKING_DAYS = 3
IMAGE_KINDS = ["jpeg", "png", "webp"]


@transaction.atomic
def inspection_create(
    *,
    by: User,
    organisation: Organisation,
    area: str,
    inspected_on: dt.date,
    decision_date: dt.date | None = None,
    campaign: Campaign | None = None,
    address: str = "",
    team: Iterable[tuple[User, str]] = (),
) -> Inspection:
    """Open an inspection under a new decision number; the place comes from the organisation."""
    if campaign is not None and campaign.plan.status != PlanStatus.APPROVED:
        raise ValidationError(
            {"campaign": _("The campaign's plan is not approved yet; ask a leader to approve it.")}
        )
    decision_date = decision_date or inspected_on
    inspection = Inspection(
        decision_number=allocate_number(
            series=DECISION_SERIES, issuer=issuer(organisation.province_id), on=decision_date
        ),
        decision_date=decision_date,
        campaign=campaign,
        organisation=organisation,
        area=area,
        province_id=organisation.province_id,
        commune_id=organisation.commune_id,
        address=address or organisation.address,
        inspected_on=inspected_on,
    )
    save_checked(inspection, by, creating=True)
    members = list(team) or [(by, TeamRole.HEAD)]
    for user, role in members:
        InspectionTeamMember.objects.create(inspection=inspection, user=user, role=role)
    audit_record(
        actor=by,
        obj=inspection,
        action=AuditAction.CREATED,
        details={"team": [f"{u} ({r})" for u, r in members]},
    )
    return inspection


def _draft(inspection: Inspection) -> Inspection:
    """The inspection, locked, while its record is not signed yet."""
    locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if locked.status != InspectionStatus.DRAFT:
        raise ValidationError(
            _("The record of this inspection is signed; it can no longer be changed.")
        )
    return locked


@transaction.atomic
def inspection_update(
    *, inspection: Inspection, by: User, expected_version: int | None = None, **fields: Any
) -> Inspection:
    """Change what the record says (place, date, representative, findings, conclusion)."""
    return record_update(
        _draft(inspection),
        by=by,
        fields=fields,
        allowed=Inspection.EDIT_FIELDS,
        expected_version=expected_version,
    )


@transaction.atomic
def answer_save(
    *, inspection: Inspection, by: User, item_code: str, answer: str, note: str = ""
) -> ChecklistAnswer:
    """Save (or change) the answer to one checklist item; safe to send twice."""
    locked = _draft(inspection)
    if answer not in Answer.values:
        raise ValidationError({"answer": _("Answer compliant, non-compliant or not applicable.")})
    item = (
        ChecklistItem.objects.in_force_on(locked.inspected_on)
        .filter(code=item_code, area=locked.area)
        .order_by("-effective_from")
        .first()
    )
    if item is None:
        raise ValidationError(
            {
                "item": _(
                    "“{code}” is not on this inspection's checklist; reload the page."
                ).format(code=item_code)
            }
        )
    if answer == Answer.NON_COMPLIANT and not note.strip():
        raise ValidationError({"note": _("Describe what is not compliant.")})
    row, _created = ChecklistAnswer.objects.update_or_create(
        inspection=locked,
        item=item,
        defaults={"answer": answer, "note": note.strip(), "answered_by": by},
    )
    audit_record(
        actor=by,
        obj=locked,
        details={"answer": {"item": item.code, "answer": answer, "note": note.strip()}},
    )
    return row


@transaction.atomic
def position_save(
    *,
    inspection: Inspection,
    by: User,
    latitude: Decimal,
    longitude: Decimal,
    accuracy: Decimal | None = None,
) -> Inspection:
    """Record where the team stood (browser geolocation)."""
    locked = _draft(inspection)
    before = snapshot(locked)
    locked.latitude = Decimal(latitude).quantize(Decimal("0.000001"))
    locked.longitude = Decimal(longitude).quantize(Decimal("0.000001"))
    locked.position_accuracy = (
        Decimal(accuracy).quantize(Decimal("0.1")) if accuracy is not None else None
    )
    save_checked(locked, by)
    audit_record(actor=by, obj=locked, before=before, details={"position": "recorded"})
    return locked


def _refuse_non_image(uploaded_file: File) -> None:
    try:
        upload_check(uploaded_file, allowed=IMAGE_KINDS)
    except UploadRefused as refused:
        raise ValidationError(
            {
                "file": _(
                    "Only photos are accepted here (JPEG, PNG or WebP, up to {limit} MB); "
                    "take the photo again or choose an image file."
                ).format(limit=max_bytes() // (1024 * 1024))
            },
            code=refused.code,
        ) from None


@transaction.atomic
def photo_add(
    *, inspection: Inspection, by: User, uploaded_file: File, description: str = ""
) -> Attachment:
    """Attach a photo taken in the field (images only)."""
    _refuse_non_image(uploaded_file)
    return attachment_add(
        parent=inspection,
        by=by,
        uploaded_file=uploaded_file,
        description=description or _("Photo from the field"),
    )


def _finalise_record(locked: Inspection) -> None:
    """Both have signed: the record gets its number, and when something was found
    non-compliant, the deadline of the suspension notice."""
    today = timezone.localdate()
    locked.record_signed_at = timezone.now()
    locked.record_number = allocate_number(
        series=RECORD_SERIES, issuer=issuer(locked.province_id), on=today
    )
    locked.status = InspectionStatus.RECORDED
    if locked.answers.filter(answer=Answer.NON_COMPLIANT).exists() or locked.violations.exists():
        locked.suspension_due = add_working_days(today, SUSPENSION_WORKING_DAYS)


@transaction.atomic
def signature_add(*, inspection: Inspection, by: User, role: str, png: bytes) -> Inspection:
    """Store a signature drawn on screen; when both parties have signed, the record is final.

    The record then gets its number, and when something was found non-compliant, the deadline
    of the suspension notice (3 working days).
    """
    if role not in SignatureRole.values:
        raise ValidationError({"role": _("Say who signs: the inspected party or the team head.")})
    if not png.startswith(b"\x89PNG"):
        raise ValidationError(
            {"signature": _("The signature is empty or not a PNG image; sign again.")}
        )
    locked = _draft(inspection)
    if (
        role == SignatureRole.TEAM_HEAD
        and not locked.team.filter(user=by, role=TeamRole.HEAD).exists()
    ):
        raise PermissionDenied(_("Only the head of the inspection team signs as the head."))
    if not locked.answers.exists():
        raise ValidationError(_("Answer the checklist before the record is signed."))
    upload = SimpleUploadedFile(f"signature-{role}.png", png, content_type="image/png")
    attachment = photo_add(
        inspection=locked, by=by, uploaded_file=upload, description=str(SignatureRole(role).label)
    )
    before = snapshot(locked)
    if role == SignatureRole.INSPECTED_PARTY:
        locked.party_signature = attachment
    else:
        locked.head_signature = attachment
    if locked.party_signature_id and locked.head_signature_id:
        _finalise_record(locked)
    save_checked(locked, by)
    audit_record(
        actor=by,
        obj=locked,
        action=AuditAction.STATUS_CHANGED if locked.record_signed_at else AuditAction.UPDATED,
        before=before,
        details={"signed_by": role},
    )
    return locked


@transaction.atomic
def instrument_check_add(
    *,
    inspection: Inspection,
    by: User,
    instrument_id: int | None = None,
    description: str = "",
    serial_number: str = "",
    stamp_valid: bool | None = None,
    seals_intact: bool | None = None,
    note: str = "",
) -> InstrumentCheck:
    """Record an instrument looked at; register facts (certificate, stamp) are read and copied."""
    locked = _draft(inspection)
    check = InstrumentCheck(
        inspection=locked,
        description=description,
        serial_number=serial_number,
        stamp_valid=stamp_valid,
        seals_intact=seals_intact,
        note=note,
    )
    if instrument_id:
        facts = sources.instrument_facts(
            int(instrument_id), organisation_id=locked.organisation_id, on=locked.inspected_on
        )
        if facts is None:
            raise ValidationError(
                {
                    "instrument_id": _(
                        "This instrument is not registered to the inspected organisation."
                    )
                }
            )
        check.instrument_id = facts.instrument_id
        check.description = description or facts.description
        check.serial_number = facts.serial_number
        check.certificate_number = facts.certificate_number
        check.certificate_valid_until = facts.certificate_valid_until
        check.stamp_serial = facts.stamp_serial
        if stamp_valid is None:
            check.stamp_valid = facts.stamp_valid
    if not check.description:
        raise ValidationError(
            {"description": _("Name the instrument or choose it from the register.")}
        )
    check.full_clean()
    check.save()
    audit_record(actor=by, obj=locked, details={"instrument_checked": str(check)})
    return check


@transaction.atomic
def notice_issue(
    *,
    inspection: Inspection,
    by: User,
    kind: str,
    issued_on: dt.date,
    seal_numbers: str = "",
    note: str = "",
) -> InspectionNotice:
    """Issue a numbered suspension, resumption or sealing document after the signed record."""
    locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if not locked.record_signed:
        raise ValidationError(
            _("The inspection record must be signed before this document is issued.")
        )
    if kind not in NoticeKind.values:
        raise ValidationError({"kind": _("Choose suspension, resumption or sealing.")})
    if (
        kind == NoticeKind.RESUMPTION
        and not locked.notices.filter(kind=NoticeKind.SUSPENSION).exists()
    ):
        raise ValidationError(_("Resumption follows a suspension notice; issue that first."))
    if kind == NoticeKind.SEALING and not seal_numbers.strip():
        raise ValidationError({"seal_numbers": _("Give the numbers of the seal stickers used.")})
    notice = InspectionNotice(
        inspection=locked,
        kind=kind,
        number=allocate_number(
            series=NOTICE_SERIES[NoticeKind(kind)], issuer=issuer(locked.province_id), on=issued_on
        ),
        issued_on=issued_on,
        seal_numbers=seal_numbers.strip(),
        note=note,
    )
    save_checked(notice, by, creating=True)
    audit_record(actor=by, obj=locked, details={"notice_issued": f"{kind} {notice.number}"})
    return notice
