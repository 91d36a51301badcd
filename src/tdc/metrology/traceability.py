"""Reverse traceability: a standard found out of tolerance, and everything it touched.

A standard S found out of tolerance on day F was last known good at its last in-tolerance
calibration L. Everything measured with S from L's date until S is next calibrated in
tolerance (after F) is suspect — the *affected window* of S. The window propagates **down the
chain**: a standard C calibrated against S (``C.parent == S``) by a calibration made inside S's
window carries S's error from that calibration until C is calibrated again after S's window
closed; and so on for C's own children. Every verification made with any of these standards
inside its window is affected, whichever organisation made it (ISO/IEC 17025 §6.4.9, §7.10;
metrology facts §4.4).

``finding_record`` records the finding (audited, the standard taken out of service);
``affected_verifications`` lists the verifications in the user's jurisdiction; ``finding_act``
is the one audited action that flags the instruments for re-verification (bulk update plus one
audit event per instrument) and notifies their owners, one notification per owner.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.core.audit import audit_bulk, audit_record, snapshot
from tdc.core.exceptions import check_version
from tdc.core.models import AuditAction
from tdc.core.roles import Action
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
    Verification,
    VerificationStandard,
)

#: Event type of the owners' notification (template seeded by migration).
REVERIFICATION_EVENT = "metrology.reverification_required"


@dataclass
class Window:
    """The days during which a standard's values are suspect: ``start`` ≤ day < ``end``."""

    standard: MeasurementStandard
    start: dt.date
    end: dt.date | None
    depth: int = 0
    #: The higher standard that passed the error on (None for the standard found out of tolerance).
    via: MeasurementStandard | None = None
    #: The suspect calibration made against ``via`` inside its window.
    calibration: StandardCalibration | None = None
    children: list[Window] = field(default_factory=list)

    def contains(self, day: dt.date) -> bool:
        return day >= self.start and (self.end is None or day < self.end)

    def q(self) -> Q:
        """Uses of this standard inside the window (a filter on ``VerificationStandard``)."""
        condition = Q(standard_id=self.standard.pk, verification__verified_on__gte=self.start)
        if self.end is not None:
            condition &= Q(verification__verified_on__lt=self.end)
        return condition


# --- the affected windows ---------------------------------------------------------------------


def last_good_calibration_before(
    standard: MeasurementStandard, day: dt.date, *, exclude: int | None = None
) -> StandardCalibration | None:
    """The standard's latest in-tolerance calibration on or before ``day``."""
    qs = StandardCalibration.objects.filter(
        standard=standard, result=CalibrationResult.IN_TOLERANCE, calibrated_on__lte=day
    )
    if exclude:
        qs = qs.exclude(pk=exclude)
    return qs.order_by("-calibrated_on", "-id").first()


def _root_window(finding: OutOfToleranceFinding) -> Window:
    standard = finding.standard
    last_good = finding.last_good_calibration
    start = last_good.calibrated_on if last_good is not None else dt.date.min
    next_good = (
        StandardCalibration.objects.filter(
            standard=standard,
            result=CalibrationResult.IN_TOLERANCE,
            calibrated_on__gt=finding.found_on,
        )
        .order_by("calibrated_on", "id")
        .first()
    )
    return Window(standard, start, next_good.calibrated_on if next_good else None)


def affected_windows(finding: OutOfToleranceFinding) -> list[Window]:
    """The finding's standard and every standard below it whose values it made suspect, each with
    its window (root first, then level by level). Reads one level of the tree per query."""
    root = _root_window(finding)
    windows = [root]
    frontier = [root]
    seen = {root.standard.pk}
    depth = 0
    while frontier:
        depth += 1
        by_parent = {w.standard.pk: w for w in frontier}
        children = [
            c
            for c in MeasurementStandard.objects.filter(
                parent_id__in=list(by_parent)
            ).select_related("holder")
            if c.pk not in seen
        ]
        if not children:
            break
        calibrations: dict[int, list[StandardCalibration]] = defaultdict(list)
        for calibration in StandardCalibration.objects.filter(
            standard_id__in=[c.pk for c in children]
        ).order_by("calibrated_on", "id"):
            calibrations[calibration.standard_id].append(calibration)
        next_frontier: list[Window] = []
        for child in children:
            seen.add(child.pk)
            parent_window = by_parent[child.parent_id]  # type: ignore[index]
            history = calibrations.get(child.pk, [])
            suspect = [c for c in history if parent_window.contains(c.calibrated_on)]
            if not suspect:
                continue
            end: dt.date | None = None
            if parent_window.end is not None:
                later = [c for c in history if c.calibrated_on >= parent_window.end]
                end = later[0].calibrated_on if later else None
            window = Window(
                child,
                suspect[0].calibrated_on,
                end,
                depth=depth,
                via=parent_window.standard,
                calibration=suspect[0],
            )
            parent_window.children.append(window)
            windows.append(window)
            next_frontier.append(window)
        frontier = next_frontier
    return windows


def _uses(windows: list[Window]) -> QuerySet[VerificationStandard]:
    condition = Q()
    for window in windows:
        condition |= window.q()
    return VerificationStandard.objects.filter(condition)


def affected_verifications_all(
    finding: OutOfToleranceFinding, windows: list[Window] | None = None
) -> QuerySet[Verification]:
    """Every affected verification, in every jurisdiction (for counts and the finding record)."""
    windows = windows if windows is not None else affected_windows(finding)
    return Verification.objects.filter(pk__in=_uses(windows).values("verification_id"))


def affected_verifications(
    finding: OutOfToleranceFinding,
    *,
    user: Any,
    windows: list[Window] | None = None,
    action: str = Action.VIEW,
) -> QuerySet[Verification]:
    """The affected verifications the user may see, with instrument, owner and organisation,
    oldest first. A provincial officer sees those of every organisation in the province."""
    windows = windows if windows is not None else affected_windows(finding)
    return (
        Verification.objects.for_user(user, action)
        .filter(pk__in=_uses(windows).values("verification_id"))
        .select_related("instrument", "owner", "organisation", "verifier", "commune")
        .order_by("verified_on", "id")
    )


def standards_used(verification_ids: list[int], windows: list[Window]) -> dict[int, list[str]]:
    """For each verification, the affected standards it used (names), for the “via” column."""
    names = {w.standard.pk: str(w.standard) for w in windows}
    used: dict[int, list[str]] = defaultdict(list)
    for verification_id, standard_id in (
        _uses(windows)
        .filter(verification_id__in=verification_ids)
        .values_list("verification_id", "standard_id")
    ):
        used[verification_id].append(names.get(standard_id, str(standard_id)))
    return used


@dataclass
class Impact:
    """What a finding touches, as seen by one user."""

    windows: list[Window]
    visible: int
    total: int
    instruments: int
    owners: int
    organisations: int

    @property
    def outside(self) -> int:
        """Affected verifications outside the user's jurisdiction (shown as a count only)."""
        return max(self.total - self.visible, 0)


def impact(finding: OutOfToleranceFinding, *, user: Any) -> Impact:
    from django.db.models import Count

    windows = affected_windows(finding)
    visible = affected_verifications(finding, user=user, windows=windows).order_by()
    figures = visible.aggregate(
        n=Count("pk"),
        instruments=Count("instrument_id", distinct=True),
        owners=Count("owner_id", distinct=True),
        organisations=Count("organisation_id", distinct=True),
    )
    total = affected_verifications_all(finding, windows).count()
    return Impact(
        windows,
        figures["n"],
        total,
        figures["instruments"],
        figures["owners"],
        figures["organisations"],
    )


# --- the chain as a graph ---------------------------------------------------------------------


def chain_up(standard: MeasurementStandard) -> list[MeasurementStandard]:
    """From the top of the chain (a national standard, ideally) down to ``standard``."""
    from tdc.metrology.selectors import standard_chain

    return list(reversed(standard_chain(standard)))


# --- writes -----------------------------------------------------------------------------------


@transaction.atomic
def finding_record(
    *,
    standard: MeasurementStandard,
    by: Any,
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
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if found_on > today:
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
        created_by=by,
        modified_by=by,
    )
    finding.full_clean()
    finding.save()
    finding.affected_count = affected_verifications_all(finding).count()
    finding.save(update_fields=["affected_count"])
    audit_record(
        actor=by,
        obj=finding,
        action=AuditAction.CREATED,
        details={
            "standard": standard.pk,
            "found_on": found_on.isoformat(),
            "window_from": (
                last_good_calibration.calibrated_on.isoformat() if last_good_calibration else None
            ),
            "affected_verifications": finding.affected_count,
        },
    )
    if take_out_of_service and standard.status == StandardStatus.IN_USE:
        locked = MeasurementStandard.objects.select_for_update().get(pk=standard.pk)
        before = snapshot(locked)
        locked.status = StandardStatus.OUT_OF_SERVICE
        locked.status_reason = _("Found out of tolerance on {day} (finding #{id}).").format(
            day=found_on.strftime("%d/%m/%Y"), id=finding.pk
        )[:255]
        locked.version += 1
        locked.modified_by = by
        locked.save()
        audit_record(
            actor=by,
            obj=locked,
            action=AuditAction.STATUS_CHANGED,
            before=before,
            details={"finding": finding.pk},
        )
    return finding


@dataclass
class ActOutcome:
    finding: OutOfToleranceFinding
    flagged: list[Instrument]
    already_flagged: int
    owners_notified: int
    owners_without_account: list[str]
    notifications: int


def finding_note(finding: OutOfToleranceFinding) -> str:
    return _("Finding #{id}: standard {standard} out of tolerance on {day}").format(
        id=finding.pk, standard=finding.standard, day=finding.found_on.strftime("%d/%m/%Y")
    )[:255]


@transaction.atomic
def finding_act(
    *, finding: OutOfToleranceFinding, by: Any, expected_version: int | None = None
) -> ActOutcome:
    """The one action on a finding: flag every affected instrument in the actor's jurisdiction
    for re-verification (reason and finding reference; one audit event per instrument) and
    notify each owner once, listing its instruments."""
    from tdc.accounts.selectors import business_accounts_by_organisation
    from tdc.notifications.services import notify

    locked = (
        OutOfToleranceFinding.objects.select_for_update()
        .select_related("standard")
        .get(pk=finding.pk)
    )
    check_version(locked, expected_version)
    if locked.status != FindingStatus.OPEN:
        raise ValidationError(
            _(
                "This finding has already been acted on ({when}); the instruments are flagged "
                "and the owners notified. Open the instruments list filtered on re-verification "
                "to follow up."
            ).format(when=timezone.localtime(locked.acted_at).strftime("%d/%m/%Y %H:%M"))
            if locked.acted_at
            else _("This finding is closed; nothing more to do.")
        )
    windows = affected_windows(locked)
    verifications = affected_verifications(locked, user=by, windows=windows)
    instrument_ids = set(verifications.values_list("instrument_id", flat=True))
    instruments = list(
        Instrument.objects.select_for_update()
        .filter(pk__in=instrument_ids, archived_at__isnull=True)
        .select_related("owner")
        .order_by("owner_id", "id")
    )
    note = finding_note(locked)
    now = timezone.now()
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
            "finding": locked.pk,
            "standard": locked.standard_id,
        },
    )
    per_owner: dict[int, list[Instrument]] = defaultdict(list)
    for instrument in flagged:
        per_owner[instrument.owner_id].append(instrument)
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
                    "standard": str(locked.standard),
                    "found_on": locked.found_on.strftime("%d/%m/%Y"),
                    "finding": locked.pk,
                    "count": len(items),
                    "instruments": [
                        f"{i.type_code} {i.manufacturer} {i.serial_number}" for i in items
                    ],
                },
                link="/metrology/instruments/?needs_reverification=true",
            )
        )
    before = snapshot(locked)
    locked.status = FindingStatus.ACTED
    locked.acted_by = by
    locked.acted_at = now
    locked.affected_count = affected_verifications_all(locked, windows).count()
    locked.version += 1
    locked.modified_by = by
    locked.save()
    audit_record(
        actor=by,
        obj=locked,
        action=AuditAction.STATUS_CHANGED,
        before=before,
        details={
            "instruments_flagged": len(flagged),
            "already_flagged": already,
            "owners": len(per_owner),
            "owners_notified": len(per_owner) - len(without),
            "owners_without_account": without,
            "notifications": sent,
        },
    )
    return ActOutcome(locked, flagged, already, len(per_owner) - len(without), without, sent)
