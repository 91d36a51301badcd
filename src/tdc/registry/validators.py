"""Validation of identifiers used by organisations."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_exceptions
from stdnum.vn import mst

MESSAGES = {
    "length": _(
        "A tax code has 10 digits, or 13 for a branch (e.g. 0312345678-001); check the number."
    ),
    "checksum": _(
        "This tax code fails its check digit: it was probably mistyped. Compare it with the "
        "business registration certificate."
    ),
    "format": _("A tax code contains only digits (and one dash before a branch suffix)."),
}


def normalise_tax_code(value: str) -> str:
    """Validate a Vietnamese tax code (MST) and return it as ``0123456789`` or ``0123456789-001``.

    Raises a ValidationError whose message says what to check.
    """
    try:
        compact = mst.validate(value)
    except stdnum_exceptions.InvalidLength as exc:
        raise ValidationError(MESSAGES["length"], code="tax_code_length") from exc
    except stdnum_exceptions.InvalidChecksum as exc:
        raise ValidationError(MESSAGES["checksum"], code="tax_code_checksum") from exc
    except stdnum_exceptions.ValidationError as exc:
        raise ValidationError(MESSAGES["format"], code="tax_code_format") from exc
    return compact if len(compact) == 10 else f"{compact[:10]}-{compact[10:]}"


def tax_code_from_cell(value: object) -> str:
    """A tax code read from a spreadsheet cell: a number cell loses the leading zero of codes
    such as 0312345678 (9 or 12 digits left), which is put back before validating."""
    raw = ("" if value is None else str(value)).strip().replace(" ", "")
    if raw.endswith(".0") and raw[:-2].isdigit():  # a float cell
        raw = raw[:-2]
    if raw.isdigit() and len(raw) in {9, 12}:
        raw = "0" + raw
    return normalise_tax_code(raw)
