"""Which error limit a verification kind uses on a day (issue 11): read from the
``metrology.VerificationLimit`` reference table, never from a constant."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tdc.core.models import ReferenceConfidence
from tdc.metrology.choices import LimitKind, MpeStage
from tdc.metrology.models import VerificationLimit


@dataclass(frozen=True)
class LimitDecision:
    """The limit a verdict used and why: the row (``None`` when no row covered the case and the
    default applied), the stage it gives and whether the choice is confirmed."""

    kind: str
    stage: str
    row: VerificationLimit | None
    confidence: str
    why: str

    @property
    def unconfirmed(self) -> bool:
        return self.confidence == ReferenceConfidence.UNCONFIRMED

    @property
    def label(self) -> str:
        return self.row.version_label if self.row is not None else "default-initial"

    @property
    def basis(self) -> str:
        """One line for the verification, the certificate and the calculator."""
        text = f"{MpeStage(self.stage).label} — {self.why}"
        if self.unconfirmed:
            text += " " + _("(UNCONFIRMED: check the procedure before relying on it)")
        return text[:255]


def verification_limit_on(
    scheme: str, kind: str, day: dt.date, type_code: str = ""
) -> LimitDecision:
    """The limit that ``kind`` of verification (or an inspection in use) applies to instruments
    of ``scheme`` (and ``type_code``) on ``day``.

    A row for the type wins over the scheme's row. When no row covers the case, every
    verification kind uses the initial limits (an inspection in use, the in-service limits) and
    the decision is marked unconfirmed.
    """
    rows = list(
        VerificationLimit.objects.in_force_on(day)
        .filter(scheme=scheme, verification_kind=kind, type_code__in={"", type_code})
        .order_by("-effective_from", "-id")
    )
    rows.sort(key=lambda r: r.type_code == "", reverse=False)
    if rows:
        row = rows[0]
        why = row.legal_basis or str(row)
        return LimitDecision(kind, row.stage, row, row.confidence, why)
    stage = MpeStage.IN_SERVICE if kind == LimitKind.IN_USE_INSPECTION else MpeStage.INITIAL
    return LimitDecision(
        kind,
        stage,
        None,
        ReferenceConfidence.UNCONFIRMED,
        _(
            "No limit row covers this kind of verification on that day: the initial-verification "
            "limits apply by default."
        )
        if stage == MpeStage.INITIAL
        else _("No limit row covers this inspection on that day: the in-service limits apply."),
    )
