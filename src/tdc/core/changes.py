"""What another person changed on a record: the value object both audit and errors share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class OtherChange:
    """One field another person changed since the editor loaded the record."""

    field: str
    label: str
    value: Any
    by: str
    at: Any
