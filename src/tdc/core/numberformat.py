"""Number formats of gap-free series: which placeholders they may use, and rendering.

Pure functions (no models), so the model field can validate with them and
``tdc.core.numbering`` can render with them.
"""

from __future__ import annotations

import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: Placeholders a format may use.
PLACEHOLDERS = frozenset({"seq", "year", "yy", "issuer"})

MESSAGES = {
    "syntax": _(
        "The number format cannot be read: {error}. Write placeholders in braces, e.g. "
        "{{seq:05d}}/{{year}}/GCN-{{issuer}}."
    ),
    "unknown": _(
        "The number format uses {names}, which is not a placeholder. Use only {{seq}}, {{year}}, "
        "{{yy}} and {{issuer}}."
    ),
    "missing_seq": _(
        "The number format must contain {{seq}} (the running number), e.g. {{seq:05d}}."
    ),
    "missing_year": _(
        "The number format must contain {{year}} or {{yy}}: numbers restart every year, so "
        "without the year two documents would carry the same number."
    ),
    "missing_issuer": _(
        "The number format must contain {{issuer}}: every issuer counts separately, so without "
        "it two issuers would give the same number."
    ),
    "render": _(
        "The number format does not work with real values ({error}). Check the format "
        "specifications, e.g. {{seq:05d}} for a zero-padded number."
    ),
}


def _fields(fmt: str) -> set[str]:
    names: set[str] = set()
    for _literal, field, spec, _conversion in string.Formatter().parse(fmt):
        if field is None:
            continue
        names.add(field)
        if spec:
            names |= _fields(spec)
    return names


def render_number(fmt: str, *, seq: int, year: int, issuer: str) -> str:
    """The document number for ``seq`` in ``year`` from ``issuer``."""
    return fmt.format(seq=seq, year=year, yy=f"{year % 100:02d}", issuer=issuer)


def validate_number_format(fmt: str) -> None:
    """Reject a format that cannot produce distinct numbers, with a message saying what to fix."""
    try:
        names = _fields(fmt)
    except ValueError as exc:
        raise ValidationError(MESSAGES["syntax"].format(error=exc), code="syntax") from exc
    unknown = sorted(names - PLACEHOLDERS)
    if unknown:
        shown = ", ".join("{" + name + "}" for name in unknown)
        raise ValidationError(MESSAGES["unknown"].format(names=shown), code="unknown")
    if "seq" not in names:
        raise ValidationError(MESSAGES["missing_seq"].format(), code="missing_seq")
    if not names & {"year", "yy"}:
        raise ValidationError(MESSAGES["missing_year"].format(), code="missing_year")
    if "issuer" not in names:
        raise ValidationError(MESSAGES["missing_issuer"].format(), code="missing_issuer")
    try:
        render_number(fmt, seq=1, year=2026, issuer="X")
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise ValidationError(MESSAGES["render"].format(error=exc), code="render") from exc
