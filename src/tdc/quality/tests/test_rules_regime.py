"""The regime rules: worked examples either side of 01/07/2026, prefix matching, bad codes, and
hypothesis properties. Pure: the data are built here, not read from the database."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdc.quality.rules import (
    ListEntry,
    ProductIndex,
    QualityRuleError,
    Regime,
    RegimePeriod,
    RiskClass,
    normalise_hs,
)

LAST_LEGACY = dt.date(2026, 6, 30)
FIRST_RISK = dt.date(2026, 7, 1)

PERIODS = [
    RegimePeriod(Regime.GROUP2, dt.date(2008, 12, 27), LAST_LEGACY, "NĐ 132/2008", "p1"),
    RegimePeriod(Regime.RISK_BASED, FIRST_RISK, None, "NĐ 37/2026", "p2"),
]
ENTRIES = [
    ListEntry(
        Regime.GROUP2,
        "8516",
        "Thiết bị điện gia dụng",
        dt.date(2022, 1, 1),
        LAST_LEGACY,
        measures=("declaration_registered_cert", "import_inspection"),
        qcvn=("QCVN 4:2009/BKHCN",),
        legal_basis="QĐ 2711",
        label="g8516",
    ),
    ListEntry(
        Regime.GROUP2,
        "85166010",
        "Nồi cơm điện",
        dt.date(2022, 1, 1),
        LAST_LEGACY,
        measures=("declaration_registered_cert", "import_inspection"),
        qcvn=("QCVN 4:2009/BKHCN",),
        legal_basis="QĐ 2711",
        label="g85166010",
    ),
    ListEntry(
        Regime.RISK_BASED,
        "85166010",
        "Nồi cơm điện",
        FIRST_RISK,
        None,
        risk_class=RiskClass.HIGH,
        measures=("declaration_designated_cert", "import_inspection"),
        qcvn=("QCVN 4:2009/BKHCN",),
        legal_basis="TT 36/2026, Phụ lục I",
        label="r85166010",
    ),
    ListEntry(
        Regime.RISK_BASED,
        "853952",
        "Bóng đèn LED",
        FIRST_RISK,
        None,
        risk_class=RiskClass.MEDIUM,
        measures=("declaration_self_assessment", "declaration_accredited_cert"),
        qcvn=("QCVN 19:2025/BKHCN",),
        legal_basis="TT 36/2026, Phụ lục II",
        label="r853952",
        category="led",
    ),
]
INDEX = ProductIndex(PERIODS, ENTRIES)


def test_it_applies_the_group2_list_on_the_last_legacy_day() -> None:
    result = INDEX.resolve("8516.60.10", LAST_LEGACY)
    assert result.regime is Regime.GROUP2
    assert result.risk_class is None
    assert result.measures == ("declaration_registered_cert", "import_inspection")
    assert result.legal_basis == "QĐ 2711"
    assert result.matched_prefix == "85166010"
    assert result.versions == ("p1", "g85166010")


def test_it_applies_the_risk_classes_from_1_july_2026() -> None:
    result = INDEX.resolve("8516.60.10", FIRST_RISK)
    assert result.regime is Regime.RISK_BASED
    assert result.risk_class is RiskClass.HIGH
    assert result.measures == ("declaration_designated_cert", "import_inspection")
    assert result.legal_basis == "TT 36/2026, Phụ lục I"


def test_it_matches_the_longest_prefix_in_force() -> None:
    # 8516.10 (water heaters) is covered by the 4-digit row; 8516.60.10 by its own 8-digit row.
    assert INDEX.resolve("8516.10.00", LAST_LEGACY).matched_prefix == "8516"
    assert INDEX.resolve("85166010", LAST_LEGACY).matched_prefix == "85166010"
    assert INDEX.resolve("8539.52.90", FIRST_RISK).matched_prefix == "853952"


def test_it_classes_goods_on_no_risk_list_as_low_risk() -> None:
    result = INDEX.resolve("8516.10.00", FIRST_RISK)
    assert (result.regime, result.risk_class, result.measures) == (
        Regime.RISK_BASED,
        RiskClass.LOW,
        (),
    )
    assert result.legal_basis == "NĐ 37/2026"


def test_it_resolves_a_product_category() -> None:
    assert INDEX.resolve_category("led", FIRST_RISK).risk_class is RiskClass.MEDIUM


@pytest.mark.vietnamese
def test_it_refuses_a_code_on_no_legacy_list_in_vietnamese() -> None:
    with pytest.raises(QualityRuleError) as caught:
        INDEX.resolve("0101.21.00", LAST_LEGACY)
    assert caught.value.code == "unlisted"
    assert "không thuộc danh mục" in caught.value.message_vi
    assert "30/06/2026" in caught.value.message_vi


@pytest.mark.vietnamese
@pytest.mark.parametrize("code", ["", "85", "8516.6", "85A6", "８５１６", "851660101", None])
def test_it_refuses_a_malformed_code_in_vietnamese(code: object) -> None:
    with pytest.raises(QualityRuleError) as caught:
        INDEX.resolve(code, FIRST_RISK)
    assert caught.value.field == "hs_code"
    assert "mã HS" in caught.value.message_vi


def test_it_refuses_a_day_no_regime_covers() -> None:
    with pytest.raises(QualityRuleError) as caught:
        INDEX.resolve("8516", dt.date(2000, 1, 1))
    assert caught.value.code == "no_regime"


_DIGITS = st.text(alphabet="0123456789", min_size=8, max_size=8)
_SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
_DAYS = st.dates(min_value=dt.date(2009, 1, 1), max_value=dt.date(2040, 12, 31))


@_SETTINGS
@given(code=_DIGITS, day=_DAYS)
def test_property_the_regime_depends_only_on_the_date(code: str, day: dt.date) -> None:
    try:
        result = INDEX.resolve(code, day)
    except QualityRuleError as exc:
        refused = exc.code
    else:
        refused = ""
    if refused:
        assert day <= LAST_LEGACY
        assert refused == "unlisted"
        return
    assert result.regime is (Regime.GROUP2 if day <= LAST_LEGACY else Regime.RISK_BASED)
    assert (result.risk_class is None) == (result.regime is Regime.GROUP2)


@_SETTINGS
@given(code=_DIGITS, day=_DAYS)
def test_property_separators_do_not_change_the_answer(code: str, day: dt.date) -> None:
    dotted = f"{code[:4]}.{code[4:6]}.{code[6:]}"
    assert normalise_hs(dotted) == code
    try:
        plain = INDEX.resolve(code, day)
    except QualityRuleError:
        with pytest.raises(QualityRuleError, match="hs_code"):
            INDEX.resolve(dotted, day)
        return
    assert INDEX.resolve(dotted, day) == plain


@_SETTINGS
@given(code=_DIGITS, day=st.dates(min_value=FIRST_RISK, max_value=dt.date(2040, 12, 31)))
def test_property_a_match_is_a_prefix_of_the_code(code: str, day: dt.date) -> None:
    result = INDEX.resolve(code, day)
    assert code.startswith(result.matched_prefix)
    if result.matched_prefix:
        assert len(result.matched_prefix) in (4, 6, 8)
        # no longer listed prefix of the code exists in the data
        longer = [
            e.hs_prefix
            for e in ENTRIES
            if e.regime is Regime.RISK_BASED
            and code.startswith(e.hs_prefix)
            and len(e.hs_prefix) > len(result.matched_prefix)
        ]
        assert longer == []
