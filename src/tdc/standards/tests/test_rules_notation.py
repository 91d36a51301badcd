"""The notation parser: the real-world spellings of quality-facts §4.1 and properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdc.standards.rules import NotationError, canonical, compact_key, parse

EXAMPLES = [
    ("TCVN 6776:2005", "TCVN 6776:2005"),
    ("tcvn 6776 : 2005", "TCVN 6776:2005"),
    ("TCVN ISO 9001:2015", "TCVN ISO 9001:2015"),
    ("TCVN ISO/IEC 17025:2017", "TCVN ISO/IEC 17025:2017"),
    ("QCVN 1:2022/BKHCN", "QCVN 1:2022/BKHCN"),
    ("QCVN 03:2019/BKHCN", "QCVN 3:2019/BKHCN"),
    ("QCVN 01 : 2015/BCT", "QCVN 1:2015/BCT"),
    ("QCVN 01-189:2019/BNNPTNT", "QCVN 01-189:2019/BNNPTNT"),
    ("QCVN 08-MT:2015/BTNMT", "QCVN 08-MT:2015/BTNMT"),
    ("TCVN 5699-2-3:2017 (IEC 60335-2-3:2015)", "TCVN 5699-2-3:2017 (IEC 60335-2-3:2015)"),
    (
        "TCVN 5699 – 2 – 3 : 2017 ( IEC 60335-2-3 : 2015 )",
        "TCVN 5699-2-3:2017 (IEC 60335-2-3:2015)",
    ),
    ("TCVN ISO 22301:2018 (ISO 22301:2012)", "TCVN ISO 22301:2018 (ISO 22301:2012)"),
    ("Sửa đổi 1:2016 QCVN 4:2009/BKHCN", "Sửa đổi 1:2016 QCVN 4:2009/BKHCN"),
    ("SỬA ĐỔI 1:2016 QCVN 04:2009/BKHCN", "Sửa đổi 1:2016 QCVN 4:2009/BKHCN"),
    ("QCĐP 01:2020/TN", "QCĐP 1:2020/TN"),
    ("QCDP 1:2020/TN", "QCĐP 1:2020/TN"),
    ("ISO 9001:2015", "ISO 9001:2015"),
    ("iso/iec 17025:2017", "ISO/IEC 17025:2017"),
    ("ASTM D4052-22", "ASTM D4052-22"),
    ("ASTM D 86-07", "ASTM D86-07"),
    ("CODEX STAN 192-1995", "CXS 192-1995"),
]


@pytest.mark.parametrize(("written", "expected"), EXAMPLES)
def test_it_normalises_every_real_world_spelling(written: str, expected: str) -> None:
    assert canonical(written) == expected


def test_it_reads_the_parts_of_a_sector_prefixed_regulation() -> None:
    parsed = parse("QCVN 01-189:2019/BNNPTNT")
    assert (parsed.kind, parsed.number, parsed.year, parsed.authority) == (
        "QCVN",
        "01-189",
        2019,
        "BNNPTNT",
    )


def test_it_reads_an_adoption_and_keys_it_without_the_adopted_document() -> None:
    parsed = parse("TCVN 7570:2006 (ISO 1035:2012)")
    assert parsed.adopted is not None and parsed.adopted.canonical == "ISO 1035:2012"
    assert parsed.key == "TCVN 7570:2006"


def test_it_reads_an_amendment_and_its_base() -> None:
    parsed = parse("Sửa đổi 1:2016 QCVN 4:2009/BKHCN")
    assert (parsed.amendment, parsed.amendment_year) == (1, 2016)
    assert parsed.base.canonical == "QCVN 4:2009/BKHCN"


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("", "Chưa nhập"),
        ("QCVN 4:2009", "cơ quan ban hành"),
        ("QCVN 4/BKHCN", "năm ban hành"),
        ("TCVN 6776:2005/BKHCN", "không ghi cơ quan"),
        ("TCVN abc", "Không đọc được số hiệu"),
        ("TCVN 6776:1800", "Năm ban hành 1800"),
        ("hello world", "tiêu chuẩn quốc tế"),
    ],
)
def test_it_refuses_unreadable_numbers_in_vietnamese(written: str, words: str) -> None:
    with pytest.raises(NotationError) as exc:
        parse(written)
    assert words in exc.value.message_vi


def test_it_keys_loosely_written_numbers() -> None:
    assert compact_key("qcvn4 2009") in compact_key("QCVN 4:2009/BKHCN")
    assert compact_key("tcvn 5699 2 3") in compact_key("TCVN 5699-2-3:2017")


_NATIONAL = st.builds(
    lambda kind, number, parts, year, authority: (
        f"{kind} {number}{''.join(f'-{p}' for p in parts)}:{year}"
        + (f"/{authority}" if kind == "QCVN" else "")
    ),
    st.sampled_from(["TCVN", "QCVN", "TCVN ISO"]),
    st.integers(min_value=1, max_value=99999).map(str),
    st.lists(st.integers(min_value=1, max_value=20).map(str), max_size=3),
    st.integers(min_value=1950, max_value=2100),
    st.sampled_from(["BKHCN", "BCT", "BYT", "BNNPTNT", "BTTTT"]),
)
_SPACING = st.sampled_from(["", " ", "  "])


@given(_NATIONAL, _SPACING, st.booleans(), st.booleans())
def test_it_formats_a_canonical_form_whatever_the_spelling(
    text: str, space: str, lower: bool, zero: bool
) -> None:
    written = text.replace(":", f"{space}:{space}").replace("/", f"{space}/{space}")
    if zero:
        head, rest = (
            written.split(" ", 1)
            if not written.startswith("TCVN ISO")
            else ("TCVN ISO", written[9:])
        )
        written = f"{head} 0{rest.lstrip()}"
    if lower:
        written = written.lower()
    once = canonical(written)
    assert canonical(once) == once  # idempotent on the canonical form
    assert canonical(text) == once  # one document whatever the spelling


@given(_NATIONAL)
def test_it_parses_the_canonical_form_back_to_the_same_parts(text: str) -> None:
    parsed = parse(text)
    assert parse(parsed.canonical) == parsed
