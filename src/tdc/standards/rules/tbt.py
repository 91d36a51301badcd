"""WTO TBT notifications (quality-facts §4.2–4.3): the document symbol and HS codes as ePing and
the WTO write them, and which exporters a notification concerns.

- Symbol: ``G/TBT/N/<member>/<number>`` with an optional ``/Add.<n>``, ``/Rev.<n>`` or
  ``/Corr.<n>`` (several may follow each other, e.g. ``G/TBT/N/USA/1234/Add.1``); the member is
  the WTO's three-letter code (``VNM``, ``USA``, ``EU``…, ``EU`` being the one two-letter code).
- HS codes: 2 to 10 digits, written with or without dots (``8516.60``, ``851660``).
- An exporter is concerned when one of its HS codes and one of the notification's share a prefix
  (a 4-digit heading matches every subheading under it, and the other way round).

Pure: no Django. Errors carry a Vietnamese message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_SYMBOL = re.compile(
    r"^G/TBT/N/(?P<member>[A-Z]{2,3})/(?P<number>\d{1,5})"
    r"(?P<suffix>(?:/(?:ADD|REV|CORR)\.\d{1,3})*)$"
)
_HS = re.compile(r"^\d{2,10}$")


class TbtError(ValueError):
    def __init__(self, text: str, message_vi: str, *, field: str) -> None:
        super().__init__(f"{text!r}: {message_vi}")
        self.text = text
        self.message_vi = message_vi
        self.field = field


def normalise_symbol(text: str) -> str:
    """``g/tbt/n/vnm/123/add.1`` → ``G/TBT/N/VNM/123/Add.1``; :class:`TbtError` otherwise."""
    cleaned = re.sub(r"\s+", "", text or "").upper()
    match = _SYMBOL.match(cleaned)
    if match is None:
        raise TbtError(
            text,
            "Ký hiệu thông báo không đúng mẫu của WTO; ghi như “G/TBT/N/VNM/123” hoặc "
            "“G/TBT/N/USA/1234/Add.1”.",
            field="symbol",
        )
    suffix = match["suffix"].replace("ADD.", "Add.").replace("REV.", "Rev.")
    suffix = suffix.replace("CORR.", "Corr.")
    return f"G/TBT/N/{match['member']}/{int(match['number'])}{suffix}"


def normalise_hs(text: str) -> str:
    """An HS code as digits only (2 to 10); :class:`TbtError` otherwise."""
    digits = re.sub(r"[\s.]", "", text or "")
    if not _HS.match(digits) or len(digits) % 2:
        raise TbtError(
            text,
            f"Mã HS “{text}” không hợp lệ: ghi 2, 4, 6, 8 hoặc 10 chữ số, ví dụ 8516.60.",
            field="hs_codes",
        )
    return digits


def hs_list(texts: Iterable[str]) -> list[str]:
    """Every code normalised, sorted, without repeats."""
    return sorted({normalise_hs(t) for t in texts if t and t.strip()})


def hs_overlap(notified: Iterable[str], exported: Iterable[str]) -> list[str]:
    """The notification's codes that concern an exporter of ``exported`` codes."""
    mine = list(exported)
    return sorted({n for n in notified for e in mine if n.startswith(e) or e.startswith(n)})
