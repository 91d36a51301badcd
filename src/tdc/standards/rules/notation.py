"""The notation of standards and technical regulations (quality-facts §4.1).

``parse`` reads every real-world spelling of a designation into its parts and ``Designation.
canonical`` writes the one canonical form, so that ``QCVN 03:2019/BKHCN``, ``QCVN 3 : 2019 /
BKHCN`` and ``qcvn 3:2019/bkhcn`` are one document:

- TCVN: ``TCVN 6776:2005``; multi-part ``TCVN 5699-2-3:2017``; an adoption of an international
  standard adds it in brackets: ``TCVN 5699-2-3:2017 (IEC 60335-2-3:2015)``; management-system
  adoptions keep the prefix: ``TCVN ISO 9001:2015`` (TT 11/2021/TT-BKHCN Art. 8).
- QCVN: number, year and the issuing ministry: ``QCVN 1:2022/BKHCN``; sector prefixes are kept
  with a two-digit head as the ministries write them (``QCVN 01-189:2019/BNNPTNT``, ``QCVN
  08-MT:2015/BTNMT``; ``QCVN 1-189`` is the same document), a lone number loses its leading
  zeros (``QCVN 03:2019/BKHCN`` → ``QCVN 3:2019/BKHCN``). Local regulations: ``QCĐP``.
- Amendments: ``Sửa đổi 1:2016 QCVN 4:2009/BKHCN``.
- International: ``ISO 9001:2015``, ``ISO/IEC 17025:2017``, ``IEC 60335-1:2010``,
  ``ASTM D4052-22``, ``CXS 192-1995`` (Codex).

Pure: no Django. Errors carry a Vietnamese message (``NotationError.message_vi``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

#: Kinds of national documents, longest spelling first (the regex tries them in order).
NATIONAL_KINDS = ("TCVN ISO/IEC", "TCVN ISO", "TCVN", "QCVN", "QCĐP", "TCCS")
#: Kinds of international and foreign documents a national one may adopt.
INTERNATIONAL_KINDS = ("ISO/IEC", "ISO", "IEC", "EN", "ASTM", "CXS")
#: Kinds whose designation carries the issuing authority after a slash.
WITH_AUTHORITY = frozenset({"QCVN", "QCĐP", "TCCS"})

_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
_SPACES = re.compile(r"\s+")
_AMENDMENT = re.compile(
    r"^(?:SỬA ĐỔI|SUA DOI|SỬA ĐỔI BỔ SUNG|SĐ|SD|AMD\.?|AMENDMENT)\s*(?P<no>\d{1,2})"
    r"(?:\s*:\s*(?P<year>\d{4}))?\s+(?P<rest>.+)$"
)
_NUMBER = r"(?P<number>\d+[A-Z]?(?:\s*-\s*(?:\d+[A-Z]?|[A-Z]{1,4}))*)"
_NATIONAL = re.compile(
    r"^(?P<kind>TCVN\s*ISO\s*/\s*IEC|TCVN\s*ISO|TCVN|QCVN|QCĐP|QCDP|TCCS)\s*"
    + _NUMBER
    + r"\s*(?::\s*(?P<year>\d{4}))?"
    r"\s*(?:/\s*(?P<authority>[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*))?"
    r"\s*(?:\((?P<adopted>[^()]*)\))?$"
)
_INTERNATIONAL = re.compile(
    r"^(?P<kind>ISO\s*/\s*IEC|ISO|IEC|EN|ASTM|CXS|CODEX\s+STAN|CAC/RCP)\s*"
    r"(?P<number>[A-Z]?\s*\d+(?:\s*-\s*\d+)*)"
    r"\s*(?:(?P<sep>[:-])\s*(?P<year>\d{2}|\d{4}))?$"
)

_KIND_SPELLINGS = {
    "TCVNISO/IEC": "TCVN ISO/IEC",
    "TCVNISO": "TCVN ISO",
    "QCDP": "QCĐP",
    "ISO/IEC": "ISO/IEC",
    "CODEXSTAN": "CXS",
    "CAC/RCP": "CXS",
}


class NotationError(ValueError):
    """A designation the parser cannot read; ``message_vi`` says why and what to write."""

    def __init__(self, text: str, message_vi: str, *, code: str = "invalid") -> None:
        super().__init__(f"{text!r}: {message_vi}")
        self.text = text
        self.message_vi = message_vi
        self.code = code


@dataclass(frozen=True)
class Designation:
    """A document's designation in parts; ``canonical`` is its one spelling."""

    kind: str
    number: str
    year: int | None = None
    authority: str = ""
    #: ``Sửa đổi <amendment>:<amendment_year> <base>`` when this is an amendment.
    amendment: int | None = None
    amendment_year: int | None = None
    #: The international document an adoption names in brackets.
    adopted: Designation | None = None

    @property
    def is_national(self) -> bool:
        return self.kind in NATIONAL_KINDS

    @property
    def base(self) -> Designation:
        """The amended document (itself when this is no amendment)."""
        return replace(self, amendment=None, amendment_year=None)

    @property
    def canonical(self) -> str:
        if self.amendment is not None:
            year = f":{self.amendment_year}" if self.amendment_year else ""
            return f"Sửa đổi {self.amendment}{year} {self.base.canonical}"
        if self.kind == "ASTM":
            year = f"-{self.year % 100:02d}" if self.year else ""
            return f"ASTM {self.number}{year}"
        if self.kind == "CXS":
            return f"CXS {self.number}" + (f"-{self.year}" if self.year else "")
        text = f"{self.kind} {self.number}" + (f":{self.year}" if self.year else "")
        if self.authority:
            text += f"/{self.authority}"
        if self.adopted is not None:
            text += f" ({self.adopted.canonical})"
        return text

    @property
    def key(self) -> str:
        """What identifies the document whatever the spelling: the canonical form without the
        adopted document (``TCVN 7570:2006 (ISO …)`` is ``TCVN 7570:2006``)."""
        return replace(self, adopted=None).canonical


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_DASHES).replace("\u00a0", " ")
    return _SPACES.sub(" ", text).strip().upper()


def _tight(part: str) -> str:
    return re.sub(r"\s+", "", part)


def _national_number(kind: str, number: str) -> str:
    parts = number.split("-")
    head = parts[0].lstrip("0") or "0"
    if kind in WITH_AUTHORITY and len(parts) > 1 and head.isdigit():
        head = head.zfill(2)  # sector-prefixed numbers are written 01-189, 08-MT
    return "-".join([head, *parts[1:]])


def _year(raw: str | None, text: str) -> int | None:
    if raw is None:
        return None
    value = int(raw)
    if len(raw) == 2:
        value += 2000 if value <= 50 else 1900
    if not 1950 <= value <= 2100:
        raise NotationError(
            text,
            f"Năm ban hành {raw} không hợp lệ: ghi năm bằng 4 chữ số, từ 1950 đến 2100.",
            code="year",
        )
    return value


def _international(text: str, cleaned: str) -> Designation:
    match = _INTERNATIONAL.match(cleaned)
    if match is None:
        raise NotationError(
            text,
            "Không đọc được số hiệu tiêu chuẩn quốc tế; ghi như “ISO 9001:2015”, "
            "“IEC 60335-1:2010”, “ASTM D4052-22” hoặc “CXS 192-1995”.",
            code="international",
        )
    kind = _tight(match["kind"])
    kind = _KIND_SPELLINGS.get(kind, kind)
    number = _tight(match["number"])
    raw_year = match["year"]
    if raw_year and len(raw_year) == 2 and kind != "ASTM":
        raise NotationError(text, "Năm ban hành phải có 4 chữ số.", code="year")
    return Designation(kind=kind, number=number, year=_year(raw_year, text))


def parse(text: str) -> Designation:
    """The parts of a designation written any usual way; :class:`NotationError` otherwise."""
    cleaned = _clean(text or "")
    if not cleaned:
        raise NotationError(text, "Chưa nhập số hiệu tiêu chuẩn hoặc quy chuẩn.", code="empty")
    amendment = _AMENDMENT.match(cleaned)
    if amendment is not None:
        base = parse(amendment["rest"])
        if base.amendment is not None:
            raise NotationError(text, "Một sửa đổi không thể sửa đổi một sửa đổi khác.")
        return replace(
            base,
            amendment=int(amendment["no"]),
            amendment_year=_year(amendment["year"], text),
        )
    match = _NATIONAL.match(cleaned)
    if match is None:
        if cleaned.startswith(("TCVN", "QCVN", "QCĐP", "QCDP", "TCCS")):
            raise NotationError(
                text,
                "Không đọc được số hiệu; ghi như “TCVN 6776:2005”, “TCVN ISO 9001:2015”, "
                "“QCVN 1:2022/BKHCN” hoặc “QCVN 01-189:2019/BNNPTNT”.",
            )
        return _international(text, cleaned)
    return _national(text, match)


def _national(text: str, match: re.Match[str]) -> Designation:
    kind = _KIND_SPELLINGS.get(_tight(match["kind"]), _tight(match["kind"]))
    number = _national_number(kind, _tight(match["number"]))
    year = _year(match["year"], text)
    authority = (match["authority"] or "").strip()
    if kind in WITH_AUTHORITY:
        if year is None:
            raise NotationError(
                text,
                f"Số hiệu {kind} phải có năm ban hành, ví dụ “{kind} 1:2022/BKHCN”.",
                code="year",
            )
        if not authority and kind != "TCCS":
            raise NotationError(
                text,
                f"Số hiệu {kind} phải ghi cơ quan ban hành sau dấu “/”, ví dụ “/BKHCN”.",
                code="authority",
            )
    elif authority:
        raise NotationError(
            text,
            f"Số hiệu {kind} không ghi cơ quan ban hành sau dấu “/”.",
            code="authority",
        )
    adopted = None
    if match["adopted"] is not None:
        if kind in WITH_AUTHORITY:
            raise NotationError(text, "Chỉ tiêu chuẩn quốc gia mới ghi tiêu chuẩn được chấp nhận.")
        adopted = _international(text, _clean(match["adopted"]))
    return Designation(kind=kind, number=number, year=year, authority=authority, adopted=adopted)


def canonical(text: str) -> str:
    """The canonical spelling of a designation (:class:`NotationError` if unreadable)."""
    return parse(text).canonical


def compact_key(text: str) -> str:
    """Letters and digits only, lower case and without marks: the key of the tolerant number
    search (``qcvn4 2009`` finds ``QCVN 4:2009/BKHCN``, ``tcvn 5699 2 3`` finds
    ``TCVN 5699-2-3:2017``)."""
    folded = unicodedata.normalize("NFD", text or "").replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in folded.casefold() if ch.isascii() and ch.isalnum())
