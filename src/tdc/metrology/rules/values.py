"""Value types of the MPE rules: test points, results, reasons, table provenance, input errors."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

#: A scheme parameter as callers pass it: a number or a code such as a unit or a zone.
ParamValue = Decimal | str


class Stage(StrEnum):
    """When the instrument is examined: initial verification or in service (periodic)."""

    INITIAL = "initial"
    IN_SERVICE = "in_service"


class Confidence(StrEnum):
    """How well a table's numbers were checked against the legal or normative text."""

    CONFIRMED = "CONFIRMED"  # read in a transcription of the legal text itself
    REPORTED = "REPORTED"  # read in a secondary source or third-party reproduction
    UNCONFIRMED = "UNCONFIRMED"  # not checked against a reliable copy: check before relying on it


@dataclass(frozen=True)
class Message:
    """A sentence in Vietnamese and in English."""

    vi: str
    en: str

    def in_language(self, language: str | None) -> str:
        """The sentence in ``language`` (a language code): English for ``en…``, else
        Vietnamese."""
        return self.en if (language or "vi").startswith("en") else self.vi


@dataclass(frozen=True)
class Reason:
    """Why a verdict is what it is, or a caveat about the tables used, in both languages."""

    code: str
    vi: str
    en: str


class RuleInputError(ValueError):
    """The inputs cannot be evaluated; ``field`` names the input and the message says what to do."""

    def __init__(self, field: str, message: Message) -> None:
        super().__init__(f"{field}: {message.en}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Point:
    """One test point: the conventional true value from the standard and the instrument's reading.

    ``conditions`` overrides scheme parameters for this point only (for example the flow rate
    ``q`` of a water-meter point, or the ``quantity`` a taximeter point measures).
    """

    reference: Decimal
    indication: Decimal
    conditions: Mapping[str, ParamValue] = field(default_factory=dict)


@dataclass(frozen=True)
class TableRef:
    """Provenance of one versioned table a computation used."""

    key: str
    version: str
    legal_basis: str
    source: str
    confidence: Confidence


@dataclass(frozen=True)
class PointResult:
    """The verdict at one test point; ``error`` = indication − reference, in the points' unit."""

    reference: Decimal
    indication: Decimal
    error: Decimal
    mpe: Decimal
    passed: bool
    #: Short description of the band or zone that set the MPE (e.g. "500e < m ≤ 2000e").
    band: str


@dataclass(frozen=True)
class Evaluation:
    """The outcome of evaluating a set of test points under one scheme and accuracy class."""

    scheme: str
    accuracy_class: str
    stage: Stage
    points: tuple[PointResult, ...]
    passed: bool
    reasons: tuple[Reason, ...]
    #: Caveats that do not change the verdict (unconfirmed tables, defaults applied).
    notices: tuple[Reason, ...]
    tables: tuple[TableRef, ...]

    @property
    def rules_version(self) -> str:
        """Version labels of every table used, joined with "+" (recorded with the verdict)."""
        return "+".join(sorted({table.version for table in self.tables}))
