"""Text helpers shared by every app."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def vn_fold(text: str | None) -> str:
    """Diacritic-insensitive, case-insensitive form of Vietnamese text for search.

    Strips combining marks, maps đ/Đ to d, casefolds and collapses whitespace:
    ``vn_fold("Phường Đống Đa")`` → ``"phuong dong da"``.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped.casefold()).strip()
