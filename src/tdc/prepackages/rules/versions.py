"""Versions of the prepackage quantity rules, read from the data files in ``data/``.

Each file is one version: the tolerable-deficiency table T for every quantity kind and the
sampling plan, with its effective date, legal basis, source and confidence. The files are
checked when first read (bands ascending, plan rows contiguous from one unit to the largest lot),
so a typing error in the data stops the program instead of producing a wrong decision.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

from tdc.prepackages.rules.errors import RuleInputError
from tdc.prepackages.rules.units import QuantityKind


class Confidence(StrEnum):
    """How far the numbers of a version were checked (as in the project's facts file)."""

    CONFIRMED = "confirmed"
    REPORTED = "reported"
    UNCONFIRMED = "unconfirmed"


@dataclass(frozen=True)
class Band:
    """One row of the T table: up to ``up_to`` (inclusive; None = no limit), a percentage or an
    absolute amount in the base unit."""

    up_to: Decimal | None
    percent: Decimal | None
    absolute: Decimal | None


@dataclass(frozen=True)
class DeficiencyRule:
    """The tolerable-deficiency rule for one quantity kind, in its base unit."""

    kind: QuantityKind
    base_unit: str
    max_nominal: Decimal
    rounding_step: Decimal
    bands: tuple[Band, ...]
    note: str


@dataclass(frozen=True)
class PlanRow:
    """Lots of ``lot_min``–``lot_max`` units: sample ``sample_size`` (None = every unit), allow
    ``t1_allowed`` units below Qmin, correct the mean with ``correction_factor`` (λ)."""

    lot_min: int
    lot_max: int
    sample_size: int | None
    t1_allowed: int
    correction_factor: Decimal | None
    note: str


@dataclass(frozen=True)
class RulesVersion:
    """One version of the quantity rules, as one data file describes it."""

    id: str
    title_vi: str
    title_en: str
    effective_from: date
    effective_to: date | None
    legal_basis: str
    source: str
    confidence: Confidence
    notes: str
    max_lot_size: int
    deficiency: dict[QuantityKind, DeficiencyRule]
    sampling_plan: tuple[PlanRow, ...]


class RulesDataError(RuntimeError):
    """A rules data file is malformed; the message names the file and the entry."""


def _decimal(value: Any, where: str) -> Decimal:
    if not isinstance(value, str):
        raise RulesDataError(f"{where}: write numbers as strings, got {value!r}")
    number = Decimal(value)
    if not number.is_finite() or number < 0:
        raise RulesDataError(f"{where}: {value!r} is not a non-negative number")
    return number


def _optional_decimal(value: Any, where: str) -> Decimal | None:
    return None if value is None else _decimal(value, where)


def _band(raw: dict[str, Any], where: str) -> Band:
    percent = _optional_decimal(raw.get("percent"), f"{where}.percent")
    absolute = _optional_decimal(raw.get("absolute"), f"{where}.absolute")
    if (percent is None) == (absolute is None):
        raise RulesDataError(f"{where}: give either 'percent' or 'absolute'")
    return Band(_optional_decimal(raw.get("up_to"), f"{where}.up_to"), percent, absolute)


def _deficiency(kind: QuantityKind, raw: dict[str, Any], where: str) -> DeficiencyRule:
    rounding = raw["rounding"]
    if rounding.get("mode") != "up":
        raise RulesDataError(f"{where}.rounding: only mode 'up' is implemented")
    bands = tuple(_band(b, f"{where}.bands[{i}]") for i, b in enumerate(raw["bands"]))
    max_nominal = _decimal(raw["max_nominal"], f"{where}.max_nominal")
    limits = [b.up_to for b in bands[:-1]]
    if any(limit is None for limit in limits) or not bands:
        raise RulesDataError(f"{where}.bands: only the last band may be open-ended")
    bounded = [limit for limit in limits if limit is not None]
    if bounded != sorted(set(bounded)) or (bounded and bounded[-1] >= max_nominal):
        raise RulesDataError(f"{where}.bands: limits must ascend and stay below max_nominal")
    step = _decimal(rounding["step"], f"{where}.rounding.step")
    if step <= 0:
        raise RulesDataError(f"{where}.rounding.step must be positive")
    return DeficiencyRule(kind, raw["base_unit"], max_nominal, step, bands, raw.get("note", ""))


def _plan(raw: list[dict[str, Any]], max_lot: int, where: str) -> tuple[PlanRow, ...]:
    rows = []
    expected_min = 1
    for i, row in enumerate(raw):
        here = f"{where}[{i}]"
        lot_min, lot_max = int(row["lot_min"]), int(row["lot_max"])
        sample = row["sample_size"]
        factor = _optional_decimal(row["correction_factor"], f"{here}.correction_factor")
        if lot_min != expected_min or lot_max < lot_min:
            raise RulesDataError(f"{here}: rows must run on from lot size {expected_min}")
        if sample is not None and (int(sample) < 2 or factor is None):
            raise RulesDataError(f"{here}: a sampled row needs n ≥ 2 and a correction factor")
        rows.append(
            PlanRow(
                lot_min=lot_min,
                lot_max=lot_max,
                sample_size=None if sample is None else int(sample),
                t1_allowed=int(row["t1_allowed"]),
                correction_factor=factor,
                note=row.get("note", ""),
            )
        )
        expected_min = lot_max + 1
    if expected_min != max_lot + 1:
        raise RulesDataError(f"{where}: rows must end at max_lot_size {max_lot}")
    return tuple(rows)


def parse_version(raw: dict[str, Any], where: str = "<data>") -> RulesVersion:
    """A ``RulesVersion`` from the decoded JSON of one data file (checked)."""
    try:
        max_lot = int(raw["max_lot_size"])
        deficiency = {
            kind: _deficiency(
                kind, raw["tolerable_deficiency"][kind.value], f"{where}.{kind.value}"
            )
            for kind in QuantityKind
        }
        return RulesVersion(
            id=str(raw["id"]),
            title_vi=str(raw["title"]["vi"]),
            title_en=str(raw["title"]["en"]),
            effective_from=date.fromisoformat(raw["effective_from"]),
            effective_to=(
                date.fromisoformat(raw["effective_to"]) if raw.get("effective_to") else None
            ),
            legal_basis=str(raw["legal_basis"]),
            source=str(raw["source"]),
            confidence=Confidence(raw["confidence"]),
            notes=str(raw.get("notes", "")),
            max_lot_size=max_lot,
            deficiency=deficiency,
            sampling_plan=_plan(raw["sampling_plan"], max_lot, f"{where}.sampling_plan"),
        )
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        raise RulesDataError(f"{where}: {exc!r}") from exc


@cache
def all_versions() -> dict[str, RulesVersion]:
    """Every version shipped in ``data/``, by id, oldest effective date first."""
    folder = resources.files("tdc.prepackages.rules").joinpath("data")
    versions: list[RulesVersion] = []
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if not entry.name.endswith(".json"):
            continue
        version = parse_version(json.loads(entry.read_text(encoding="utf-8")), entry.name)
        if f"{version.id}.json" != entry.name:
            raise RulesDataError(f"{entry.name}: the file name must be the version id")
        versions.append(version)
    versions.sort(key=lambda v: (v.effective_from, v.id))
    return {version.id: version for version in versions}


def get_version(version_id: str) -> RulesVersion:
    """The version with this id; raises ``RuleInputError`` naming the known ones."""
    versions = all_versions()
    try:
        return versions[version_id]
    except KeyError:
        known = ", ".join(versions)
        raise RuleInputError(
            "rules_version",
            f"Unknown rules version {version_id!r}: use one of {known}.",
            message_vi=f"Không có phiên bản quy tắc {version_id!r}: dùng một trong {known}.",
            code="unknown_version",
            params={"version": version_id, "known": known},
        ) from None
