"""Which legal regime governs a product on a day, its class and the measures the class requires.

Two regimes, chosen by date (quality-facts §0): the legacy "nhóm 2" lists (NĐ 132/2008 as
amended, in force until 30/06/2026) and the risk classes of Luật 78/2025, NĐ 37/2026 and
TT 36/2026/TT-BKHCN (from 01/07/2026). Neither the switch date nor any list row is a constant
here: both come from versioned reference data (:class:`RegimePeriod`, :class:`ListEntry`), each
with its legal basis, source and confidence, handed in by the caller.

HS codes are matched by prefix at 8, 6 then 4 digits: a list row for ``8516.60`` covers
``8516.60.10``; the longest prefix in force on the day wins.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from tdc.quality.rules.errors import QualityRuleError


class Regime(StrEnum):
    GROUP2 = "group2"
    RISK_BASED = "risk_based"


class RiskClass(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


#: The lengths at which list rows name HS codes, longest first.
PREFIX_LENGTHS = (8, 6, 4)

_SEPARATORS = re.compile(r"[\s.\-]")


@dataclass(frozen=True)
class RegimePeriod:
    """A span of days governed by one regime."""

    regime: Regime
    effective_from: dt.date
    effective_to: dt.date | None
    legal_basis: str = ""
    label: str = ""

    def covers(self, day: dt.date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


@dataclass(frozen=True)
class ListEntry:
    """One row of a product list: an HS prefix (4, 6 or 8 digits) under a regime, in force
    over a period, with its class (risk-based lists only), measures, QCVN and legal basis."""

    regime: Regime
    hs_prefix: str
    product: str
    effective_from: dt.date
    effective_to: dt.date | None
    risk_class: RiskClass | None = None
    measures: tuple[str, ...] = ()
    qcvn: tuple[str, ...] = ()
    legal_basis: str = ""
    confidence: str = "confirmed"
    source: str = ""
    category: str = ""
    label: str = ""

    def covers(self, day: dt.date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


@dataclass(frozen=True)
class RegimeResult:
    """What governs a product on a day."""

    regime: Regime
    risk_class: RiskClass | None
    measures: tuple[str, ...]
    qcvn: tuple[str, ...]
    legal_basis: str
    product: str = ""
    matched_prefix: str = ""
    confidence: str = "confirmed"
    source: str = ""
    versions: tuple[str, ...] = field(default_factory=tuple)


def normalise_hs(code: object) -> str:
    """The digits of an HS code (``"8516.60.10"`` → ``"85166010"``), or a clear error.

    Accepts 4, 6, 8 or 10 digits with dots, spaces or hyphens between groups.
    """
    if not isinstance(code, str) or not code.strip():
        raise QualityRuleError(
            "hs_code",
            "Give the HS code: 4, 6 or 8 digits, e.g. 8516.60.10.",
            message_vi="Hãy nhập mã HS: 4, 6 hoặc 8 chữ số, ví dụ 8516.60.10.",
            code="required",
        )
    digits = _SEPARATORS.sub("", code.strip())
    if not digits.isascii() or not digits.isdigit() or len(digits) not in (4, 6, 8, 10):
        raise QualityRuleError(
            "hs_code",
            f"“{code}” is not an HS code: write 4, 6 or 8 digits, e.g. 8516.60.10.",
            message_vi=f"“{code}” không phải là mã HS: hãy viết 4, 6 hoặc 8 chữ số, "
            "ví dụ 8516.60.10.",
            code="malformed",
            params={"hs_code": code},
        )
    return digits


def regime_on(day: dt.date, periods: Iterable[RegimePeriod]) -> RegimePeriod:
    """The regime period in force on ``day``."""
    for period in periods:
        if period.covers(day):
            return period
    raise QualityRuleError(
        "date",
        f"No legal regime is recorded for {day:%d/%m/%Y}; ask the administrator to complete "
        "the regime periods.",
        message_vi=f"Chưa có chế độ pháp lý nào được ghi nhận cho ngày {day:%d/%m/%Y}; hãy đề "
        "nghị quản trị hệ thống bổ sung các giai đoạn áp dụng.",
        code="no_regime",
        params={"date": day.isoformat()},
    )


class ProductIndex:
    """The list rows indexed by HS prefix, built once and asked many times.

    ``resolve`` is a few dictionary look-ups, so resolving thousands of codes a second needs
    no database.
    """

    def __init__(self, periods: Sequence[RegimePeriod], entries: Iterable[ListEntry]) -> None:
        self.periods = tuple(sorted(periods, key=lambda p: p.effective_from))
        self._by_prefix: dict[tuple[Regime, str], list[ListEntry]] = {}
        self._by_category: dict[tuple[Regime, str], list[ListEntry]] = {}
        for entry in entries:
            self._by_prefix.setdefault((entry.regime, entry.hs_prefix), []).append(entry)
            if entry.category:
                self._by_category.setdefault((entry.regime, entry.category), []).append(entry)

    def resolve(self, hs_code: object, day: dt.date) -> RegimeResult:
        """Regime, class, measures, QCVN and legal basis of the goods ``hs_code`` on ``day``.

        Under the legacy regime an HS code on no "nhóm 2" list is refused (the module manages
        only listed goods); under the risk-based regime goods on neither the high- nor the
        medium-risk list are low risk (Luật 78/2025), with no measure of this module.
        """
        digits = normalise_hs(hs_code)
        period = regime_on(day, self.periods)
        for length in PREFIX_LENGTHS:
            if len(digits) < length:
                continue
            for entry in self._by_prefix.get((period.regime, digits[:length]), ()):
                if entry.covers(day):
                    return _result(entry, period)
        return _unlisted(period, day, digits, hs_code)

    def resolve_category(self, category: str, day: dt.date) -> RegimeResult:
        """The same answer for a product category named in the lists (e.g. ``helmet``)."""
        period = regime_on(day, self.periods)
        for entry in self._by_category.get((period.regime, category), ()):
            if entry.covers(day):
                return _result(entry, period)
        return _unlisted(period, day, category, category)


def _result(entry: ListEntry, period: RegimePeriod) -> RegimeResult:
    return RegimeResult(
        regime=period.regime,
        risk_class=entry.risk_class if period.regime is Regime.RISK_BASED else None,
        measures=entry.measures,
        qcvn=entry.qcvn,
        legal_basis=entry.legal_basis or period.legal_basis,
        product=entry.product,
        matched_prefix=entry.hs_prefix,
        confidence=entry.confidence,
        source=entry.source,
        versions=tuple(label for label in (period.label, entry.label) if label),
    )


def _unlisted(period: RegimePeriod, day: dt.date, key: str, shown: object) -> RegimeResult:
    if period.regime is Regime.RISK_BASED:
        return RegimeResult(
            regime=period.regime,
            risk_class=RiskClass.LOW,
            measures=(),
            qcvn=(),
            legal_basis=period.legal_basis,
            versions=(period.label,) if period.label else (),
        )
    raise QualityRuleError(
        "hs_code",
        f"“{shown}” is on no list of goods managed on {day:%d/%m/%Y}: check the code against "
        "the lists in force that day.",
        message_vi=f"“{shown}” không thuộc danh mục hàng hóa nào được quản lý vào ngày "
        f"{day:%d/%m/%Y}: hãy đối chiếu mã với các danh mục có hiệu lực ngày đó.",
        code="unlisted",
        params={"hs_code": key, "date": day.isoformat()},
    )
