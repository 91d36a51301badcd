"""Which error limit a verification kind uses on a day (issue 11): read from the
``metrology.VerificationLimit`` reference table, never from a constant."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tdc.core.models import ReferenceConfidence
from tdc.metrology.choices import LimitKind, MpeStage
from tdc.metrology.models import RuleSetting, VerificationLimit
from tdc.metrology.rules import Confidence
from tdc.metrology.rules.tables import EminRule, IecElectricityTable, RuleTable
from tdc.metrology.rules.validity import DESIGNATION_YEARS


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


# --- numbers marked UNCONFIRMED, as data (issue 11) ------------------------------------------


def _decimal(value: Any) -> Decimal:
    return Decimal(str(value))


def _iec(value: Mapping[str, Any]) -> IecElectricityTable:
    return IecElectricityTable(
        lower_from_ib=_decimal(value["lower_from_ib"]),
        transition_ib=_decimal(value["transition_ib"]),
        lower_pct={k: _decimal(v) for k, v in value["lower_pct"].items()},
        upper_pct={k: _decimal(v) for k, v in value["upper_pct"].items()},
    )


def _emin(value: Mapping[str, Any]) -> EminRule:
    return EminRule(threshold_l=_decimal(value["threshold_l"]), factor=_decimal(value["factor"]))


#: How each setting's stored value becomes the data of the rules table it replaces.
_CONVERTERS: Mapping[str, Callable[[Any], Any]] = {
    "fuel_dispenser.emin": _emin,
    "electricity_meter.iec62053_21": _iec,
}

_CONFIDENCE: dict[str, Confidence] = {
    ReferenceConfidence.CONFIRMED: Confidence.CONFIRMED,
    ReferenceConfidence.REPORTED: Confidence.REPORTED,
    ReferenceConfidence.UNCONFIRMED: Confidence.UNCONFIRMED,
}


def rule_settings_on(day: dt.date) -> list[RuleSetting]:
    """The rule settings in force on ``day``, the newest version of each key."""
    rows: dict[str, RuleSetting] = {}
    for row in RuleSetting.objects.in_force_on(day).order_by("key", "effective_from", "id"):
        rows[row.key] = row
    return list(rows.values())


def rule_overrides_on(day: dt.date) -> dict[str, RuleTable[Any]]:
    """The rules tables given by the settings in force on ``day``, for
    ``metrology.rules.evaluate(overrides=…)``. A value that cannot be read is refused with the
    setting named, so that a mistyped correction is found at once."""
    tables: dict[str, RuleTable[Any]] = {}
    for row in rule_settings_on(day):
        convert = _CONVERTERS.get(row.key, _decimal)
        try:
            data = convert(row.value)
        except (KeyError, TypeError, ValueError, ArithmeticError, AttributeError) as exc:
            raise ValidationError(
                _("The rule setting {key} has a value that cannot be read ({problem}).").format(
                    key=row.key, problem=exc
                )
            ) from exc
        tables[row.key] = RuleTable(
            key=row.key,
            version=row.version_label,
            effective_from=row.effective_from,
            effective_to=row.effective_to,
            legal_basis=row.legal_basis,
            source=row.source,
            confidence=_CONFIDENCE.get(row.confidence, Confidence.UNCONFIRMED),
            data=data,
            note=row.notes,
        )
    return tables


def designation_years_on(day: dt.date) -> int:
    """Validity of a designation decision signed on ``day``, in years (setting
    ``designation.years``; the rules module's default when no row is in force)."""
    for row in rule_settings_on(day):
        if row.key == "designation.years":
            return int(_decimal(row.value))
    return DESIGNATION_YEARS
