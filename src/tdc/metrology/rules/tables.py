"""The regulation's numbers, as versioned tables with their legal basis, source and confidence.

Every band and percentage the MPE rules use lives here, never as a constant inside a formula.
A computation picks the version in force on the date it is about (``in_force``) and reports the
version label of every table it used. Source keys ([S9] …) resolve in the project's metrology
facts file (``shared/domain/metrology-facts.md``, "Sources"). Confidence follows that file:
numbers quoted from OIML / EU MID documents were read in third-party reproductions (REPORTED);
anything not checked against a reliable copy is UNCONFIRMED and every result that uses it says so.

``effective_from`` is the edition date of the international document a table comes from; the date
from which a Vietnamese ĐLVN procedure adopted it is not confirmed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from tdc.metrology.rules.values import Confidence, Message, RuleInputError, TableRef

D = Decimal


@dataclass(frozen=True)
class RuleTable[T]:
    """One version of one regulatory table."""

    key: str
    version: str
    effective_from: date
    effective_to: date | None
    legal_basis: str
    source: str
    confidence: Confidence
    data: T
    note: str = ""

    def ref(self) -> TableRef:
        return TableRef(self.key, self.version, self.legal_basis, self.source, self.confidence)

    def covers(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on < self.effective_to)


#: Tables given by the caller for one evaluation (reference data rows), by key (issue 11).
_OVERRIDES: ContextVar[Mapping[str, RuleTable[Any]]] = ContextVar(
    "rule_overrides", default=MappingProxyType({})
)


@contextmanager
def overriding(tables: Mapping[str, RuleTable[Any]] | None) -> Iterator[None]:
    """Within the block, :func:`in_force` answers a table whose key is in ``tables`` with the
    given version: how the numbers marked UNCONFIRMED come from the editable reference data
    (``metrology.RuleSetting``) while the module stays free of any database."""
    token = _OVERRIDES.set(dict(tables or {}))
    try:
        yield
    finally:
        _OVERRIDES.reset(token)


def in_force[T](versions: Sequence[RuleTable[T]], on: date) -> RuleTable[T]:
    """The version of a table in force on ``on`` (a caller's override first, see
    :func:`overriding`); refuses a date before the first version."""
    override = _OVERRIDES.get().get(versions[0].key)
    if override is not None:
        return override
    for table in sorted(versions, key=lambda t: t.effective_from, reverse=True):
        if table.covers(on):
            return table
    first = min(t.effective_from for t in versions)
    raise RuleInputError(
        "date",
        Message(
            vi=f"Không có bảng {versions[0].key} hiệu lực vào ngày {on.isoformat()}: "
            f"chọn ngày từ {first.isoformat()} trở đi.",
            en=f"No {versions[0].key} table is in force on {on.isoformat()}: "
            f"use a date on or after {first.isoformat()}.",
        ),
    )


# --- OIML R 76: non-automatic weighing instruments ----------------------------------------------


@dataclass(frozen=True)
class NawiClassRow:
    """One row of R 76 Table 3: the verification scale interval range and its limits."""

    accuracy_class: str
    e_from_g: Decimal  # smallest e, in grams (inclusive)
    e_to_g: Decimal | None  # largest e, in grams (inclusive); None = no upper limit
    n_min: int
    n_max: int | None  # None = no upper limit
    min_capacity_e: Decimal  # lower limit of Min, in e


@dataclass(frozen=True)
class LoadBand:
    """Loads m with previous band's limit < m ≤ ``upper_e`` (in e) have MPE ``mpe_e`` × e."""

    upper_e: Decimal | None  # None = open-ended
    mpe_e: Decimal


_R76 = "OIML R 76-1:2006 (ĐLVN procedures for scales are built on it)"

NAWI_CLASSES: tuple[RuleTable[tuple[NawiClassRow, ...]], ...] = (
    RuleTable(
        key="nawi.classes",
        version="oiml-r76:2006/t3",
        effective_from=date(2006, 1, 1),
        effective_to=None,
        legal_basis=_R76 + ", Table 3",
        source="[S9] facts §2.1",
        confidence=Confidence.REPORTED,
        data=(
            NawiClassRow("I", D("0.001"), None, 50_000, None, D("100")),
            NawiClassRow("II", D("0.001"), D("0.05"), 100, 100_000, D("20")),
            NawiClassRow("II", D("0.1"), None, 5_000, 100_000, D("50")),
            NawiClassRow("III", D("0.1"), D("2"), 100, 10_000, D("20")),
            NawiClassRow("III", D("5"), None, 500, 10_000, D("20")),
            NawiClassRow("IIII", D("5"), None, 100, 1_000, D("10")),
        ),
    ),
)

NAWI_MPE: tuple[RuleTable[Mapping[str, tuple[LoadBand, ...]]], ...] = (
    RuleTable(
        key="nawi.mpe_initial",
        version="oiml-r76:2006/t6",
        effective_from=date(2006, 1, 1),
        effective_to=None,
        legal_basis=_R76 + ", Table 6 (initial verification)",
        source="[S9], [S10] facts §2.1",
        confidence=Confidence.REPORTED,
        note="The UK copy [S10] misprints the class II first band as 20 000 e; R 76 gives 5 000 e.",
        data={
            "I": (
                LoadBand(D("50000"), D("0.5")),
                LoadBand(D("200000"), D("1")),
                LoadBand(None, D("1.5")),
            ),
            "II": (
                LoadBand(D("5000"), D("0.5")),
                LoadBand(D("20000"), D("1")),
                LoadBand(D("100000"), D("1.5")),
            ),
            "III": (
                LoadBand(D("500"), D("0.5")),
                LoadBand(D("2000"), D("1")),
                LoadBand(D("10000"), D("1.5")),
            ),
            "IIII": (
                LoadBand(D("50"), D("0.5")),
                LoadBand(D("200"), D("1")),
                LoadBand(D("1000"), D("1.5")),
            ),
        },
    ),
)

#: Plausibility limit of a scale's reading: above Max + this many e the reading is refused as
#: impossible. No fact supports the value (issue 11): it is editable data.
NAWI_DISPLAY_LIMIT: tuple[RuleTable[Decimal], ...] = (
    RuleTable(
        key="nawi.display_limit",
        version="nawi/display-limit-unconfirmed",
        effective_from=date(2006, 1, 1),
        effective_to=None,
        legal_basis="No text read: a plausibility limit of the reading (Max + 9 e)",
        source="issue 11: no fact supports it",
        confidence=Confidence.UNCONFIRMED,
        data=D("9"),
    ),
)

# --- Factors applied to the initial-verification MPE for instruments in service ----------------

IN_SERVICE_FACTOR: Mapping[str, tuple[RuleTable[Decimal], ...]] = {
    "nawi": (
        RuleTable(
            key="nawi.in_service",
            version="oiml-r76:2006/in-service",
            effective_from=date(2006, 1, 1),
            effective_to=None,
            legal_basis=_R76 + ": MPE in service = 2 × MPE on initial verification",
            source="[S10], [S11] facts §2.1",
            confidence=Confidence.REPORTED,
            data=D("2"),
        ),
    ),
    "water_meter": (
        RuleTable(
            key="water_meter.in_service",
            version="oiml-r49/in-service-unconfirmed",
            effective_from=date(2013, 1, 1),
            effective_to=None,
            legal_basis="OIML R 49 leaves in-service MPE to national rules (often 2 ×); "
            "ĐLVN 17:2017 not read",
            source="facts §2.2, §8 item 8",
            confidence=Confidence.UNCONFIRMED,
            data=D("2"),
        ),
    ),
    "fuel_dispenser": (
        RuleTable(
            key="fuel_dispenser.in_service",
            version="oiml-r117/in-service-unconfirmed",
            effective_from=date(2007, 1, 1),
            effective_to=None,
            legal_basis="OIML R 117 / MID MI-005 give one MPE; a Vietnamese in-service rule "
            "(ĐLVN 10:2017) was not read",
            source="facts §2.3",
            confidence=Confidence.UNCONFIRMED,
            data=D("1"),
        ),
    ),
    "taximeter": (
        RuleTable(
            key="taximeter.in_service",
            version="oiml-r21/in-service-unconfirmed",
            effective_from=date(2007, 1, 1),
            effective_to=None,
            legal_basis="MID MI-007 gives one MPE; the in-vehicle MPE is not confirmed",
            source="facts §2.5, §8 item 8",
            confidence=Confidence.UNCONFIRMED,
            data=D("1"),
        ),
    ),
    "electricity_meter": (
        RuleTable(
            key="electricity_meter.in_service",
            version="electricity/in-service-unconfirmed",
            effective_from=date(2004, 1, 1),
            effective_to=None,
            legal_basis="MPE khi sử dụng trong ĐLVN 07:2012 / ĐLVN 39:2019: chưa đọc văn bản",
            source="facts §2.4, §8 item 8",
            confidence=Confidence.UNCONFIRMED,
            data=D("1"),
        ),
    ),
}

# --- OIML R 49 / ISO 4064: water meters ---------------------------------------------------------


@dataclass(frozen=True)
class WaterMeterLimits:
    """Relative MPE (%) of a water-meter accuracy class by zone and water temperature."""

    lower_pct: Decimal  # Q1 ≤ Q < Q2, any temperature
    upper_pct_cold: Decimal  # Q2 ≤ Q ≤ Q4, water ≤ threshold
    upper_pct_warm: Decimal  # Q2 ≤ Q ≤ Q4, water > threshold


@dataclass(frozen=True)
class WaterMeterTable:
    classes: Mapping[str, WaterMeterLimits]
    temperature_threshold_c: Decimal  # "≤ 30 °C" vs "> 30 °C"
    q2_over_q1: Decimal  # Q2 = 1.6 × Q1
    q4_over_q3: Decimal  # Q4 = 1.25 × Q3
    temperature_range_c: tuple[Decimal, Decimal]  # plausible water temperatures (R 49 T30…T180)


WATER_METER_MPE: tuple[RuleTable[WaterMeterTable], ...] = (
    RuleTable(
        key="water_meter.mpe",
        version="oiml-r49:2013/mpe",
        effective_from=date(2013, 1, 1),
        effective_to=None,
        legal_basis="OIML R 49-1:2013 / ISO 4064-1:2014 (EU MID MI-001); ĐLVN 17:2017",
        source="[S13] facts §2.2",
        confidence=Confidence.REPORTED,
        data=WaterMeterTable(
            classes={
                "1": WaterMeterLimits(D("3"), D("1"), D("2")),
                "2": WaterMeterLimits(D("5"), D("2"), D("3")),
            },
            temperature_threshold_c=D("30"),
            q2_over_q1=D("1.6"),
            q4_over_q3=D("1.25"),
            temperature_range_c=(D("0"), D("180")),
        ),
    ),
)

# --- OIML R 117: fuel and LPG dispensers -------------------------------------------------------


@dataclass(frozen=True)
class SmallQuantityBand:
    """R 117 Table 3 row: quantities V below ``below_l`` get ``multiplier`` × the Table 2 value,
    applied to ``applied_to_l`` litres when set, otherwise to V itself."""

    below_l: Decimal
    multiplier: Decimal
    applied_to_l: Decimal | None


@dataclass(frozen=True)
class DispenserTable:
    line_a_pct: Mapping[str, Decimal]  # complete measuring system
    line_b_pct: Mapping[str, Decimal]  # meter alone
    small_quantities: tuple[SmallQuantityBand, ...]  # ascending; quantities ≥ 2 L use Table 2


DISPENSER_MPE: tuple[RuleTable[DispenserTable], ...] = (
    RuleTable(
        key="fuel_dispenser.mpe",
        version="oiml-r117:2007/t2-t3",
        effective_from=date(2007, 1, 1),
        effective_to=None,
        legal_basis="OIML R 117-1:2007 Tables 2 and 3 (EU MID MI-005); ĐLVN 10:2017",
        source="[S14] facts §2.3",
        confidence=Confidence.REPORTED,
        note="Fuel dispensers are normally class 0.5 and LPG dispensers class 1.0 (UNCONFIRMED).",
        data=DispenserTable(
            line_a_pct={
                "0.3": D("0.3"),
                "0.5": D("0.5"),
                "1.0": D("1.0"),
                "1.5": D("1.5"),
                "2.5": D("2.5"),
            },
            line_b_pct={
                "0.3": D("0.2"),
                "0.5": D("0.3"),
                "1.0": D("0.6"),
                "1.5": D("1.0"),
                "2.5": D("1.5"),
            },
            small_quantities=(
                SmallQuantityBand(D("0.1"), D("4"), D("0.1")),
                SmallQuantityBand(D("0.2"), D("4"), None),
                SmallQuantityBand(D("0.4"), D("2"), D("0.4")),
                SmallQuantityBand(D("1"), D("2"), None),
                SmallQuantityBand(D("2"), D("1"), D("2")),
            ),
        ),
    ),
)


@dataclass(frozen=True)
class EminRule:
    """Minimum specified quantity deviation: for MMQ ≥ ``threshold_l``, Emin = factor × MMQ × A %;
    below it, Emin = factor × the Table 3 value (line A) at the MMQ."""

    threshold_l: Decimal
    factor: Decimal


DISPENSER_EMIN: tuple[RuleTable[EminRule], ...] = (
    RuleTable(
        key="fuel_dispenser.emin",
        version="oiml-r117:2007/emin-unconfirmed",
        effective_from=date(2007, 1, 1),
        effective_to=None,
        legal_basis="OIML R 117-1:2007 2.3–2.4 (EU MID MI-005 2.3–2.4)",
        source="[S14] facts §2.3 (the excerpt was cut off)",
        confidence=Confidence.UNCONFIRMED,
        data=EminRule(threshold_l=D("2"), factor=D("2")),
    ),
)

# --- OIML R 21 / MID MI-007: taximeters -------------------------------------------------------


@dataclass(frozen=True)
class TaximeterLimit:
    """MPE of one quantity a taximeter measures: ± ``pct`` %, but never less than the minimum."""

    pct: Decimal
    #: Minimum MPE in ``base_unit``; None = the least significant digit of the fare display.
    minimum: Decimal | None
    base_unit: str
    units: Mapping[str, Decimal]  # accepted units → size in base_unit


TAXIMETER_MPE: tuple[RuleTable[Mapping[str, TaximeterLimit]], ...] = (
    RuleTable(
        key="taximeter.mpe",
        version="oiml-r21:2007/mi007",
        effective_from=date(2007, 1, 1),
        effective_to=None,
        legal_basis="OIML R 21:2007 / EU MID MI-007 (taximeter alone)",
        source="[S16] facts §2.5",
        confidence=Confidence.REPORTED,
        data={
            "time": TaximeterLimit(D("0.1"), D("0.2"), "s", {"s": D("1"), "min": D("60")}),
            "distance": TaximeterLimit(D("0.2"), D("4"), "m", {"m": D("1"), "km": D("1000")}),
            "fare": TaximeterLimit(D("0.1"), None, "VND", {"VND": D("1")}),
        },
    ),
)

# --- Electricity meters ------------------------------------------------------------------------


@dataclass(frozen=True)
class TemperatureBand:
    """Temperature ranges (inclusive, °C) sharing one pair of MPEs; the first match wins."""

    ranges: tuple[tuple[Decimal, Decimal], ...]
    lower_pct: Mapping[str, Decimal]  # lower current range, by class
    upper_pct: Mapping[str, Decimal]  # upper current range, by class


@dataclass(frozen=True)
class MidElectricityTable:
    """MID MI-003 Table 2: lower range Imin ≤ I < Itr, upper range Itr ≤ I ≤ Imax."""

    bands: tuple[TemperatureBand, ...]
    reference_temperature_c: Decimal


@dataclass(frozen=True)
class IecElectricityTable:
    """IEC 62053-21 basic error limits at unity power factor, currents in multiples of Ib:
    lower range ``lower_from_ib`` × Ib ≤ I < ``transition_ib`` × Ib, upper range up to Imax."""

    lower_from_ib: Decimal
    transition_ib: Decimal
    lower_pct: Mapping[str, Decimal]
    upper_pct: Mapping[str, Decimal]


ELECTRICITY_MID: tuple[RuleTable[MidElectricityTable], ...] = (
    RuleTable(
        key="electricity_meter.mid",
        version="mid-mi003:2014/t2",
        effective_from=date(2014, 4, 20),
        effective_to=None,
        legal_basis="EU MID 2014/32/EU Annex V (MI-003) Table 2, classes A/B/C, balanced load",
        source="[S15] facts §2.4 (current-range labels inferred from the layout)",
        confidence=Confidence.REPORTED,
        data=MidElectricityTable(
            bands=(
                TemperatureBand(
                    ranges=((D("5"), D("30")),),
                    lower_pct={"A": D("3.5"), "B": D("2"), "C": D("1")},
                    upper_pct={"A": D("3.5"), "B": D("2"), "C": D("0.7")},
                ),
                TemperatureBand(
                    ranges=((D("-10"), D("5")), (D("30"), D("40"))),
                    lower_pct={"A": D("5"), "B": D("2.5"), "C": D("1.3")},
                    upper_pct={"A": D("4.5"), "B": D("2.5"), "C": D("1")},
                ),
                TemperatureBand(
                    ranges=((D("-25"), D("-10")), (D("40"), D("55"))),
                    lower_pct={"A": D("7"), "B": D("3.5"), "C": D("1.7")},
                    upper_pct={"A": D("7"), "B": D("3.5"), "C": D("1.3")},
                ),
                TemperatureBand(
                    ranges=((D("-40"), D("-25")), (D("55"), D("70"))),
                    lower_pct={"A": D("9"), "B": D("4"), "C": D("2")},
                    upper_pct={"A": D("9"), "B": D("4"), "C": D("1.5")},
                ),
            ),
            reference_temperature_c=D("23"),
        ),
    ),
)

ELECTRICITY_IEC: tuple[RuleTable[IecElectricityTable], ...] = (
    RuleTable(
        key="electricity_meter.iec62053_21",
        version="iec62053-21:2003/unconfirmed",
        effective_from=date(2003, 1, 1),
        effective_to=None,
        legal_basis="IEC 62053-21:2003 basic error limits, direct connection, PF = 1",
        source="facts §2.4 (from memory of the 2003 edition; the 2020 edition differs)",
        confidence=Confidence.UNCONFIRMED,
        data=IecElectricityTable(
            lower_from_ib=D("0.05"),
            transition_ib=D("0.1"),
            lower_pct={"1": D("1.5"), "2": D("2.5")},
            upper_pct={"1": D("1.0"), "2": D("2.0")},
        ),
    ),
)

#: Every table, for the documentation page and for checks that each one carries provenance.
ALL_TABLES: tuple[RuleTable[Any], ...] = (
    *NAWI_CLASSES,
    *NAWI_MPE,
    *NAWI_DISPLAY_LIMIT,
    *(table for versions in IN_SERVICE_FACTOR.values() for table in versions),
    *WATER_METER_MPE,
    *DISPENSER_MPE,
    *DISPENSER_EMIN,
    *TAXIMETER_MPE,
    *ELECTRICITY_MID,
    *ELECTRICITY_IEC,
)
