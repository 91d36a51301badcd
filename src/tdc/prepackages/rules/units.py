"""Legal units of the quantity of a prepackage, their kind and their factor to the table's unit."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from tdc.prepackages.rules.errors import RuleInputError


class QuantityKind(StrEnum):
    """What the nominal quantity measures; each kind has its own tolerable-deficiency rule."""

    MASS = "mass"
    VOLUME = "volume"
    LENGTH = "length"
    AREA = "area"
    COUNT = "count"


@dataclass(frozen=True)
class Unit:
    """A unit symbol, its kind and how many base units (g, mL, m, m2, pcs) one of it makes."""

    symbol: str
    kind: QuantityKind
    factor: Decimal


_UNITS: tuple[Unit, ...] = (
    Unit("mg", QuantityKind.MASS, Decimal("0.001")),
    Unit("g", QuantityKind.MASS, Decimal(1)),
    Unit("kg", QuantityKind.MASS, Decimal(1000)),
    Unit("mL", QuantityKind.VOLUME, Decimal(1)),
    Unit("cL", QuantityKind.VOLUME, Decimal(10)),
    Unit("L", QuantityKind.VOLUME, Decimal(1000)),
    Unit("mm", QuantityKind.LENGTH, Decimal("0.001")),
    Unit("cm", QuantityKind.LENGTH, Decimal("0.01")),
    Unit("m", QuantityKind.LENGTH, Decimal(1)),
    Unit("cm2", QuantityKind.AREA, Decimal("0.0001")),
    Unit("dm2", QuantityKind.AREA, Decimal("0.01")),
    Unit("m2", QuantityKind.AREA, Decimal(1)),
    Unit("pcs", QuantityKind.COUNT, Decimal(1)),
)
UNITS: dict[str, Unit] = {unit.symbol: unit for unit in _UNITS}

#: Other spellings accepted for the same unit (labels write "ml" and "l", TT 21/2014 Art. 8).
ALIASES: dict[str, str] = {
    "ml": "mL",
    "cl": "cL",
    "l": "L",
    "cm²": "cm2",
    "dm²": "dm2",
    "m²": "m2",
    "cái": "pcs",
}

#: Every spelling a caller may send, canonical symbols first.
ACCEPTED_UNITS: tuple[str, ...] = tuple(UNITS) + tuple(ALIASES)


def resolve_unit(symbol: str, kind: QuantityKind | None = None) -> Unit:
    """The unit for ``symbol``; raises ``RuleInputError`` if unknown or not of ``kind``."""
    unit = UNITS.get(ALIASES.get(symbol, symbol))
    if unit is None:
        accepted = ", ".join(UNITS)
        raise RuleInputError(
            "unit",
            f"Unknown unit {symbol!r}: use one of {accepted}.",
            message_vi=f"Đơn vị {symbol!r} không hợp lệ: dùng một trong các đơn vị {accepted}.",
            code="unknown_unit",
            params={"unit": symbol, "accepted": accepted},
        )
    if kind is not None and unit.kind != kind:
        fitting = ", ".join(u.symbol for u in _UNITS if u.kind == kind)
        raise RuleInputError(
            "unit",
            f"The unit {unit.symbol} measures {unit.kind.value}, not {kind.value}: "
            f"use one of {fitting}, or correct the quantity kind.",
            message_vi=(
                f"Đơn vị {unit.symbol} không dùng để đo {_KIND_VI[kind]}: dùng một trong các "
                f"đơn vị {fitting}, hoặc sửa loại đại lượng."
            ),
            code="unit_kind_mismatch",
            params={"unit": unit.symbol, "kind": kind.value, "accepted": fitting},
        )
    return unit


_KIND_VI: dict[QuantityKind, str] = {
    QuantityKind.MASS: "khối lượng",
    QuantityKind.VOLUME: "thể tích",
    QuantityKind.LENGTH: "chiều dài",
    QuantityKind.AREA: "diện tích",
    QuantityKind.COUNT: "số đếm",
}
