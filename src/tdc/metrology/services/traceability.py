"""Reverse traceability, written: record that a standard was found out of tolerance, and act on
it (what it affects is read by :mod:`tdc.metrology.selectors.traceability`).

``finding_record`` records the finding (audited, the standard taken out of service);
``finding_act`` is the one audited action that flags the instruments for re-verification (bulk
update plus one audit event per instrument) and notifies their owners, one notification per
owner.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.selectors import business_accounts_by_organisation
from tdc.core.audit import audit_bulk, snapshot
from tdc.core.models import AuditAction
from tdc.metrology.choices import (
    CalibrationResult,
    FindingStatus,
    ReverificationReason,
    StandardStatus,
)
from tdc.metrology.models import (
    Instrument,
    MeasurementStandard,
    OutOfToleranceFinding,
    StandardCalibration,
)
from tdc.metrology.selectors.traceability import (
    affected_verifications,
    affected_verifications_all,
    affected_windows,
    last_good_calibration_before,
)
from tdc.metrology.services.common import (
    audit_created,
    date_text,
    lock,
    lock_for_edit,
    save_change,
    save_new,
)
from tdc.notifications.services import notify

if TYPE_CHECKING:
    from tdc.accounts.models import User

#: Event type of the owners' notification (template seeded by migration).
REVERIFICATION_EVENT = "metrology.reverification_required"


def _finding_errors(
    standard: MeasurementStandard,
    found_on: dt.date,
    calibration: StandardCalibration | None,
    last_good_calibration: StandardCalibration | None,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if found_on > timezone.localdate():
        errors["found_on"] = _("The finding date is in the future; enter the day it was found.")
    for name, cal in (
        ("calibration", calibration),
        ("last_good_calibration", last_good_calibration),
    ):
        if cal is not None and cal.standard_id != standard.pk:
            errors[name] = _("Choose a calibration of this standard.")
    if last_good_calibration is not None and not errors:
        if last_good_calibration.result != CalibrationResult.IN_TOLERANCE:
            errors["last_good_calibration"] = _(
                "This calibration found the standard out of tolerance; choose the last one that "
                "found it in tolerance."
            )
        elif last_good_calibration.calibrated_on > found_on:
            errors["last_good_calibration"] = _(
                "This calibration is later than the finding; choose one made before it."
            )
    return errors


def _take_out_of_service(
    standard: MeasurementStandard, finding: OutOfToleranceFinding, by: User
) -> None:
    locked = lock(standard)
    before = snapshot(locked)
    locked.status = StandardStatus.OUT_OF_SERVICE
    locked.status_reason = _("Found out of tolerance on {day} (finding #{id}).").format(
        day=date_text(finding.found_on), id=finding.pk
    )[:255]
    save_change(
        locked,
        by=by,
        before=before,
        action=AuditAction.STATUS_CHANGED,
        clean=False,
        finding=finding.pk,
    )


@transaction.atomic
def finding_record(
    *,
    standard: MeasurementStandard,
    by: User,
    found_on: dt.date,
    calibration: StandardCalibration | None = None,
    last_good_calibration: StandardCalibration | None = None,
    notes: str = "",
    take_out_of_service: bool = True,
) -> OutOfToleranceFinding:
    """Record that ``standard`` was found out of tolerance on ``found_on``.

    Without ``last_good_calibration`` the standard's latest in-tolerance calibration before the
    finding is used; when it has none, every verification made with it is affected. The
    standard is taken out of service (quarantined) unless told otherwise.
    """
    errors = _finding_errors(standard, found_on, calibration, last_good_calibration)
    if errors:
        raise ValidationError(errors)
    if last_good_calibration is None:
        last_good_calibration = last_good_calibration_before(
            standard, found_on, exclude=calibration.pk if calibration else None
        )
    finding = OutOfToleranceFinding(
        standard=standard,
        found_on=found_on,
        calibration=calibration,
        last_good_calibration=last_good_calibration,
        notes=notes.strip(),
    )
    save_new(finding, by=by)
    finding.affected_count = affected_verifications_all(finding).count()
    finding.save(update_fields=["affected_count"])
    audit_created(
        finding,
        by=by,
        standard=standard.pk,
        found_on=found_on.isoformat(),
        window_from=(
            last_good_calibration.calibrated_on.isoformat() if last_good_calibration else None
        ),
        affected_verifications=finding.affected_count,
    )
    if take_out_of_service and standard.status == StandardStatus.IN_USE:
        _take_out_of_service(standard, finding, by)
    return finding


@dataclass
class ActOutcome:
    """What acting on a finding did: the instruments flagged, those already flagged, the owners
    told and those without an account (to be told by letter)."""

    finding: OutOfToleranceFinding
    flagged: list[Instrument]
    already_flagged: int
    owners_notified: int
    owners_without_account: list[str]
    notifications: int


def finding_note(finding: OutOfToleranceFinding) -> str:
    """The note on each instrument the finding flags."""
    return _("Finding #{id}: standard {standard} out of tolerance on {day}").format(
        id=finding.pk, standard=finding.standard, day=date_text(finding.found_on)
    )[:255]


def _refuse_closed(finding: OutOfToleranceFinding) -> None:
    if finding.status == FindingStatus.OPEN:
        return
    raise ValidationError(
        _(
            "This finding has already been acted on ({when}); the instruments are flagged "
            "and the owners notified. Open the instruments list filtered on re-verification "
            "to follow up."
        ).format(when=timezone.localtime(finding.acted_at).strftime("%d/%m/%Y %H:%M"))
        if finding.acted_at
        else _("This finding is closed; nothing more to do.")
    )


def _flag(
    finding: OutOfToleranceFinding, instrument_ids: set[int], by: User, now: dt.datetime
) -> tuple[list[Instrument], int]:
    """Flag the instruments for re-verification (one bulk update, one audit event each); those
    already flagged by this finding are counted, not flagged again."""
    instruments = (
        Instrument.objects.select_for_update()
        .filter(pk__in=instrument_ids, archived_at__isnull=True)
        .select_related("owner")
        .order_by("owner_id", "id")
    )
    note = finding_note(finding)
    flagged: list[Instrument] = []
    already = 0
    for instrument in instruments:
        if instrument.needs_reverification and instrument.reverification_note == note:
            already += 1
            continue
        instrument.needs_reverification = True
        instrument.reverification_reason = ReverificationReason.STANDARD_OUT_OF_TOLERANCE
        instrument.reverification_note = note
        instrument.version += 1
        instrument.modified_by = by
        instrument.modified_at = now
        flagged.append(instrument)
    Instrument.objects.bulk_update(
        flagged,
        [
            "needs_reverification",
            "reverification_reason",
            "reverification_note",
            "version",
            "modified_by",
            "modified_at",
        ],
        batch_size=1000,
    )
    audit_bulk(
        actor=by,
        objs=flagged,
        action=AuditAction.UPDATED,
        details={
            "reverification": ReverificationReason.STANDARD_OUT_OF_TOLERANCE,
            "finding": finding.pk,
            "standard": finding.standard_id,
        },
    )
    return flagged, already


def _notify_owners(
    finding: OutOfToleranceFinding, per_owner: dict[int, list[Instrument]]
) -> tuple[int, list[str]]:
    """One notification per owner listing its flagged instruments; the notifications sent and
    the owners with no account."""
    accounts = business_accounts_by_organisation(per_owner)
    sent = 0
    without: list[str] = []
    for owner_id, items in per_owner.items():
        recipients = accounts.get(owner_id, [])
        if not recipients:
            without.append(items[0].owner.name)
            continue
        sent += len(
            notify(
                recipients=recipients,
                event_type=REVERIFICATION_EVENT,
                context={
                    "owner": items[0].owner.name,
                    "standard": str(finding.standard),
                    "found_on": date_text(finding.found_on),
                    "finding": finding.pk,
                    "count": len(items),
                    "instruments": [
                        f"{i.type_code} {i.manufacturer} {i.serial_number}" for i in items
                    ],
                },
                link="/metrology/instruments/?needs_reverification=true",
            )
        )
    return sent, without


@transaction.atomic
def finding_act(
    *, finding: OutOfToleranceFinding, by: User, expected_version: int | None = None
) -> ActOutcome:
    """The one action on a finding: flag every affected instrument in the actor's jurisdiction
    for re-verification (reason and finding reference; one audit event per instrument) and
    notify each owner once, listing its instruments."""
    locked, before = lock_for_edit(finding, expected_version, "standard")
    _refuse_closed(locked)
    windows = affected_windows(locked)
    verifications = affected_verifications(locked, user=by, windows=windows)
    now = timezone.now()
    flagged, already = _flag(
        locked, set(verifications.values_list("instrument_id", flat=True)), by, now
    )
    per_owner: dict[int, list[Instrument]] = defaultdict(list)
    for instrument in flagged:
        per_owner[instrument.owner_id].append(instrument)
    sent, without = _notify_owners(locked, per_owner)
    locked.status = FindingStatus.ACTED
    locked.acted_by = by
    locked.acted_at = now
    locked.affected_count = affected_verifications_all(locked, windows).count()
    save_change(
        locked,
        by=by,
        before=before,
        action=AuditAction.STATUS_CHANGED,
        clean=False,
        instruments_flagged=len(flagged),
        already_flagged=already,
        owners=len(per_owner),
        owners_notified=len(per_owner) - len(without),
        owners_without_account=without,
        notifications=sent,
    )
    return ActOutcome(locked, flagged, already, len(per_owner) - len(without), without, sent)
