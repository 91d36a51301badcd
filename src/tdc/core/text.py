"""Text helpers shared by every app."""

from __future__ import annotations

import re
import unicodedata

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

#: Said of a text made only of accents, control characters or spaces.
BLANK_TEXT_MESSAGE = _(
    "This text has no letters or digits (only accents, spaces or control characters); type it "
    "again."
)

_SPACES = re.compile(r"\s+")


#: Combining marks of the Basic Multilingual Plane to delete, and đ/Đ to fold, for str.translate.
_FOLD_TABLE: dict[int, str | None] = {
    **dict.fromkeys((cp for cp in range(0x10000) if unicodedata.category(chr(cp)) == "Mn"), None),
    ord("đ"): "d",
    ord("Đ"): "D",
}


def vn_fold(text: str | None) -> str:
    """Diacritic-insensitive, case-insensitive form of Vietnamese text for search.

    Strips combining marks, maps đ/Đ to d, casefolds and collapses whitespace:
    ``vn_fold("Phường Đống Đa")`` → ``"phuong dong da"``.
    """
    if not text:
        return ""
    if text.isascii():
        return _SPACES.sub(" ", text.casefold()).strip()
    stripped = unicodedata.normalize("NFD", text).translate(_FOLD_TABLE)
    if not stripped.isascii() and max(stripped) > "\uffff":  # marks beyond the BMP: rare
        stripped = "".join(ch for ch in stripped if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.casefold()).strip()


def nfc(text: str) -> str:
    """Text in Unicode normal form C: one spelling for ``Số`` whether it was typed composed
    (NFC) or decomposed (NFD, as some phones and macOS send it), so that uniqueness and search
    see one value."""
    return unicodedata.normalize("NFC", text)


#: Character categories that carry no visible text of their own: combining marks, control and
#: format characters, separators.
_INVISIBLE = frozenset({"Mn", "Mc", "Me", "Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"})


def is_blank_text(text: str) -> bool:
    """True when ``text`` has no letter, digit or symbol: only marks, controls or spaces."""
    if text[:1].isalnum():  # the common case: a text that starts with a letter or digit
        return False
    return all(unicodedata.category(ch) in _INVISIBLE for ch in text)


def nfc_deep(value: object) -> object:
    """``value`` with every string inside (dict keys and values, list items) in NFC."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        return {nfc_deep(k): nfc_deep(v) for k, v in value.items()}
    if isinstance(value, list):
        return [nfc_deep(v) for v in value]
    return value


def nfc_query_dict(data: QueryDict) -> QueryDict:
    """A copy of form data with every value in NFC (one spelling of Vietnamese text)."""
    result = QueryDict(mutable=True)
    for key, values in data.lists():
        result.setlist(nfc(key), [nfc(v) if isinstance(v, str) else v for v in values])
    result._mutable = False
    return result
