"""Reverse traceability, read: a standard found out of tolerance, and everything it touched.

A standard S found out of tolerance on day F was last known good at its last in-tolerance
calibration L. Everything measured with S from L's date until S is next calibrated in
tolerance (after F) is suspect — the *affected window* of S. The window propagates **down the
chain**: a standard C calibrated against S (``C.parent == S``) by a calibration made inside S's
window carries S's error from that calibration until C is calibrated again after S's window
closed; and so on for C's own children. Every verification made with any of these standards
inside its window is affected, whichever organisation made it (ISO/IEC 17025 §6.4.9, §7.10;
metrology facts §4.4).

``affected_verifications`` lists the verifications in the user's jurisdiction; recording a
finding and acting on it are services (:mod:`tdc.metrology.services.traceability`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet

from tdc.core.roles import Action
from tdc.metrology.choices import CalibrationResult
from tdc.metrology.models import (
    MeasurementStandard,
    OutOfToleranceFinding,
    StandardCalibration,
    Verification,
    VerificationStandard,
)
from tdc.metrology.selectors.register import standard_chain

if TYPE_CHECKING:
    from tdc.core.scoping import ScopedQuerySet


def finding_base() -> ScopedQuerySet[OutOfToleranceFinding]:
    """The queryset every finding screen and endpoint starts from."""
    return OutOfToleranceFinding.objects.select_related(
        "standard", "standard__holder", "calibration", "last_good_calibration", "acted_by"
    )


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
    """What the finding touches: its windows and the affected verifications, instruments,
    owners and organisations in the user's jurisdiction, and the total everywhere."""
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
    return list(reversed(standard_chain(standard)))
