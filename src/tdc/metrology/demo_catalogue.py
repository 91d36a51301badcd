"""The demo province's Group 2 instruments: the common types, who owns them, how many, what
is marked on them, which standard verifies them, how often they fail, and which verification
organisation verifies them (shared by :mod:`tdc.metrology.demo` and
:mod:`tdc.metrology.demo_history`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal as D
from typing import Any

from tdc.metrology.models import MeasurementStandard, StampBatch, StandardCalibration, Verifier


@dataclass(frozen=True)
class Kind:
    """One common Group 2 type of the demo: who owns it, how many in one province, what is
    marked on it, which standard verifies it and how often it fails."""

    code: str
    owners: str
    count: int
    makers: tuple[tuple[str, str, str], ...]  # (manufacturer, country, model)
    quantity: str
    failure_rate: float
    accuracy_class: str = ""
    measuring_range: str = ""
    unit: str = ""
    max_capacity: D | None = None
    min_capacity: D | None = None
    e: D | None = None
    at_laboratory: float = 0.0


KINDS: tuple[Kind, ...] = (
    Kind(
        "cold-water-meter-mechanical",
        "water",
        7300,
        (
            ("Zenner", "Đức", "MTKD-N"),
            ("Asahi", "Thái Lan", "GMK"),
            ("Minh Hòa", "Việt Nam", "MH-15"),
        ),
        "water",
        0.04,
        "R100",
        "Q3 = 2,5 m³/h",
        "m³",
        at_laboratory=1.0,
    ),
    Kind(
        "electricity-meter-1p-electronic",
        "power",
        7300,
        (
            ("EMIC", "Việt Nam", "CE-18G"),
            ("Gelex", "Việt Nam", "DT01P"),
            ("Landis+Gyr", "Thụy Sĩ", "E350"),
        ),
        "electric_energy",
        0.02,
        "1",
        "5(60) A, 220 V",
        "kWh",
        at_laboratory=1.0,
    ),
    Kind(
        "electricity-meter-3p-electronic",
        "power",
        900,
        (("EMIC", "Việt Nam", "ME-41"), ("Elster", "Đức", "A1700")),
        "electric_energy",
        0.03,
        "0.5S",
        "3×5(6) A, 3×230/400 V",
        "kWh",
        at_laboratory=1.0,
    ),
    Kind(
        "fuel-dispenser",
        "fuel",
        600,
        (
            ("Tatsuno", "Nhật Bản", "SUNNY"),
            ("Tokheim", "Pháp", "Quantium 310"),
            ("Tominco", "Việt Nam", "TMC-02"),
        ),
        "volume",
        0.05,
        "0.5",
        "5–50 L/min",
        "L",
    ),
    Kind(
        "platform-counter-scale",
        "trader",
        2100,
        (
            ("Nhơn Hòa", "Việt Nam", "CĐH-30"),
            ("Yamato", "Nhật Bản", "D-30"),
            ("Vibra", "Nhật Bản", "SJ-30"),
        ),
        "mass",
        0.08,
        "III",
        "0,2–30 kg",
        "kg",
        D("30"),
        D("0.2"),
        D("0.01"),
        at_laboratory=0.4,
    ),
    Kind(
        "dial-spring-scale",
        "trader",
        900,
        (("Nhơn Hòa", "Việt Nam", "NHS-60"),),
        "mass",
        0.1,
        "IIII",
        "2–60 kg",
        "kg",
        D("60"),
        D("2"),
        D("0.2"),
        at_laboratory=0.4,
    ),
    Kind(
        "taximeter",
        "taxi",
        350,
        (("Vinasun", "Việt Nam", "VT-2020"), ("Centrodyne", "Hoa Kỳ", "Silver")),
        "length",
        0.06,
        "",
        "0–9999 km",
        "km",
    ),
    Kind(
        "blood-pressure-meter",
        "hospital",
        300,
        (("Omron", "Nhật Bản", "HEM-7120"), ("ALPK2", "Nhật Bản", "500V")),
        "pressure",
        0.07,
        "",
        "0–300 mmHg",
        "mmHg",
        at_laboratory=0.5,
    ),
    Kind(
        "road-weighbridge",
        "weighbridge",
        70,
        (("Mettler Toledo", "Hoa Kỳ", "PIT-80"), ("Keli", "Trung Quốc", "SCS-100")),
        "mass",
        0.05,
        "III",
        "400–80 000 kg",
        "kg",
        D("80000"),
        D("400"),
        D("20"),
    ),
    Kind(
        "crane-scale",
        "weighbridge",
        40,
        (("OCS", "Trung Quốc", "OCS-5T"),),
        "mass",
        0.05,
        "III",
        "20–5 000 kg",
        "kg",
        D("5000"),
        D("20"),
        D("2"),
    ),
    Kind(
        "analytical-balance",
        "lab",
        60,
        (("Sartorius", "Đức", "Quintix 224"), ("Ohaus", "Hoa Kỳ", "PX224")),
        "mass",
        0.03,
        "I",
        "0,01–220 g",
        "g",
        D("220"),
        D("0.01"),
        D("0.001"),
        at_laboratory=1.0,
    ),
)
KIND_BY_CODE = {k.code: k for k in KINDS}
#: Vietnamese names of the quantities of the standards.
QUANTITIES = {
    "water": "lưu lượng nước",
    "electric_energy": "điện năng",
    "volume": "dung tích",
    "mass": "khối lượng",
    "length": "độ dài và thời gian",
    "pressure": "áp suất",
}
#: Which verification organisation (by its place in ``organisations["verification"]``)
#: verifies which types, with the share of its instruments: the provincial centre verifies
#: nearly everything, the companies take water and power meters.
VERIFIERS_OF: dict[str, tuple[tuple[int, float], ...]] = {
    "cold-water-meter-mechanical": ((1, 0.7), (0, 0.3)),
    "electricity-meter-1p-electronic": ((2, 0.8), (0, 0.2)),
    "electricity-meter-3p-electronic": ((2, 0.6), (0, 0.4)),
    "fuel-dispenser": ((0, 0.8), (3, 0.2)),
    "platform-counter-scale": ((0, 0.85), (3, 0.15)),
    "dial-spring-scale": ((0, 1.0),),
    "taximeter": ((0, 0.7), (3, 0.3)),
    "blood-pressure-meter": ((0, 1.0),),
    "road-weighbridge": ((0, 0.5), (3, 0.5)),
    "crane-scale": ((0, 1.0),),
    "analytical-balance": ((0, 1.0),),
}


@dataclass
class Verifying:
    """A verification organisation ready to verify: its verifiers, its working standards (by
    quantity) with their calibrations (oldest first) and its sticker batch."""

    organisation: Any
    verifiers: list[Verifier] = field(default_factory=list)
    standards: dict[str, MeasurementStandard] = field(default_factory=dict)
    calibrations: dict[int, list[StandardCalibration]] = field(default_factory=dict)
    batch: StampBatch | None = None
    types: set[str] = field(default_factory=set)
