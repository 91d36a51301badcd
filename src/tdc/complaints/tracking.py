"""Tracking codes a reporter reads aloud or types on a phone: ``PA-7K3M-Q9XT``.

Pure functions. Eight characters from an alphabet without look-alikes (no 0/O, 1/I/L, U),
drawn with :mod:`secrets`: 30^8 ≈ 6.6·10^11 codes, so a code cannot be guessed at the public
rate limit.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX = "PA"
_LENGTH = 8
_PATTERN = re.compile(rf"^{PREFIX}-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}$")


def new_code() -> str:
    """A fresh random tracking code."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(_LENGTH))
    return f"{PREFIX}-{chars[:4]}-{chars[4:]}"


def normalise_code(value: str) -> str | None:
    """The canonical form of a typed code (any case, spaces or dashes), or ``None``."""
    compact = re.sub(r"[\s\-_.]", "", (value or "").upper())
    if compact.startswith(PREFIX):
        compact = compact[len(PREFIX) :]
    if len(compact) != _LENGTH:
        return None
    code = f"{PREFIX}-{compact[:4]}-{compact[4:]}"
    return code if _PATTERN.match(code) else None
