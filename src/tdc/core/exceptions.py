"""Domain errors services raise; views and the API turn them into messages."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tdc.core.changes import OtherChange

__all__ = ["ConcurrentEditError", "OtherChange", "check_version"]


class ConcurrentEditError(ValidationError):
    """The record changed since the editor loaded it; ``changes`` says what the others did."""

    def __init__(self, *, current_version: int, changes: Sequence[OtherChange] = ()) -> None:
        super().__init__(
            _(
                "Someone else changed this record while you were editing it (now at version "
                "%(version)s). Reload the page, check their changes and apply yours again."
            ),
            code="conflict",
            params={"version": current_version},
        )
        self.current_version = current_version
        self.changes = list(changes)


def check_version(obj: object, expected: int | None) -> None:
    """Raise :class:`ConcurrentEditError` when ``expected`` is given and differs."""
    current = getattr(obj, "version", None)
    if expected is not None and current is not None and int(expected) != int(current):
        from tdc.core.audit import changes_since

        raise ConcurrentEditError(
            current_version=int(current),
            changes=changes_since(obj, int(expected)),  # type: ignore[arg-type]
        )
