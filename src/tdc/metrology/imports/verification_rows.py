"""The rules of one row of the verifications import (a verification organisation's history, a
legacy register), shared by the generic import type and the COPY fast path.

Each row is one verification: the instrument (by type + manufacturer + serial, or by owner tax
code + serial), the verification organisation (tax code), the verifier (card number), date,
kind, result, certificate number and valid-until date. Every reference is resolved from
lookups loaded once per file (no query per row).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdc.core.imports import Column, RowContext, choice, text
from tdc.core.roles import ROLE_JURISDICTION, Jurisdiction
from tdc.metrology.choices import VerificationKind, VerificationPlace, VerificationResult
from tdc.metrology.imports.fields import _date, _tax_code
from tdc.metrology.models import Instrument, Verification, Verifier
from tdc.registry.selectors import organisation_ids_by_tax_code

RULES_VERSION = "import"


def _memo(parser: Any) -> Any:
    """A parser that remembers its answers: a file repeats the same dates, kinds, results and
    organisation tax codes on many rows, so each distinct cell is parsed (and checked) once."""
    remember = functools.lru_cache(maxsize=65536)(parser)

    def parse(value: Any) -> Any:
        return remember(value) if isinstance(value, str) else parser(value)

    return parse


KIND_SYNONYMS = {
    "ban đầu": VerificationKind.INITIAL,
    "lần đầu": VerificationKind.INITIAL,
    "định kỳ": VerificationKind.PERIODIC,
    "sau sửa chữa": VerificationKind.AFTER_REPAIR,
    "đối chứng": VerificationKind.CROSS_CHECK,
}
RESULT_SYNONYMS = {
    "đạt": VerificationResult.PASSED,
    "không đạt": VerificationResult.FAILED,
    "pass": VerificationResult.PASSED,
    "fail": VerificationResult.FAILED,
}

COLUMNS = (
    Column(
        "type_code",
        "Mã loại phương tiện đo",
        "Instrument type code",
        parser=text(64),
        help=gettext_lazy("With manufacturer and serial; or give the owner tax code instead"),
    ),
    Column("manufacturer", "Nhà sản xuất", "Manufacturer", parser=text(150)),
    Column(
        "owner_tax_code",
        "Mã số thuế chủ sở hữu",
        "Owner tax code",
        parser=_tax_code,
        help=gettext_lazy("With the serial, when type and manufacturer are not given"),
    ),
    Column("serial_number", "Số sản xuất", "Serial number", required=True, parser=text(64)),
    Column(
        "organisation_tax_code",
        "Mã số thuế tổ chức kiểm định",
        "Verification organisation tax code",
        required=True,
        parser=_memo(_tax_code),
    ),
    Column("verifier", "Số hiệu kiểm định viên", "Verifier number", required=True, parser=text(32)),
    Column(
        "verified_on",
        "Ngày kiểm định",
        "Verification date",
        required=True,
        parser=_memo(_date),
        default=None,
    ),
    Column(
        "kind",
        "Hình thức kiểm định",
        "Kind",
        required=True,
        parser=_memo(choice(VerificationKind.choices, KIND_SYNONYMS)),
    ),
    Column(
        "result",
        "Kết quả",
        "Result",
        required=True,
        parser=_memo(choice(VerificationResult.choices, RESULT_SYNONYMS)),
    ),
    Column("certificate_number", "Số giấy chứng nhận", "Certificate number", parser=text(64)),
    Column(
        "valid_until",
        "Hiệu lực đến",
        "Valid until",
        parser=_memo(_date),
        default=None,
        help=gettext_lazy("Required for a passed verification; empty for a failed one"),
    ),
)


@dataclass
class _Instrument:
    pk: int
    type_code: str
    province_id: str
    commune_id: str | None
    owner_id: int


class VerificationRowChecker:
    """The rules of one verification row, against lookups loaded once for the whole file."""

    def __init__(self, *, user: Any, today: dt.date | None = None) -> None:
        self.user = user
        self.today = today or timezone.localdate()

    def prepare(self) -> None:
        self.by_identity: dict[tuple[str, str, str], _Instrument] = {}
        self.by_owner_serial: dict[tuple[int, str], list[_Instrument]] = {}
        for pk, type_code, manufacturer, serial, province, commune, owner in (
            Instrument.objects.filter(archived_at__isnull=True)
            .values_list(
                "pk",
                "type_code",
                "manufacturer",
                "serial_number",
                "province_id",
                "commune_id",
                "owner_id",
            )
            .iterator(chunk_size=20000)
        ):
            item = _Instrument(pk, type_code, province, commune, owner)
            self.by_identity[(type_code, manufacturer, serial)] = item
            self.by_owner_serial.setdefault((owner, serial), []).append(item)
        self.organisations: dict[str, int] = {
            tax: pk for tax, pk in organisation_ids_by_tax_code().items() if tax
        }
        self.verifiers: dict[str, tuple[int, int, dt.date, dt.date]] = {
            card: (pk, org, start, end)
            for card, pk, org, start, end in Verifier.objects.values_list(
                "card_number", "pk", "organisation_id", "valid_from", "valid_to"
            )
        }
        level = ROLE_JURISDICTION.get(getattr(self.user, "role", "") or "")
        self.only_organisation: int | None = (
            getattr(self.user, "organisation_id", None)
            if level == Jurisdiction.ORGANISATION
            else None
        )
        self.seen_certificates: dict[tuple[int, str], int] = {}
        self.seen_rows: dict[tuple[int, dt.date, str], int] = {}
        self.existing_certificates: set[tuple[int, str]] = {
            (organisation, number)
            for organisation, number in Verification.objects.filter(
                certificate_number__isnull=False
            ).values_list("organisation_id", "certificate_number")
            if number
        }

    def check(self, values: dict[str, Any], row: RowContext) -> None:
        self._instrument(values, row)
        self._organisation(values, row)
        self._dates(values, row)
        self._certificate(values, row)

    def _instrument(self, values: dict[str, Any], row: RowContext) -> None:
        serial = values["serial_number"]
        if not serial:
            return
        found: _Instrument | None = None
        if values["type_code"] or values["manufacturer"]:
            key = (values["type_code"], " ".join(values["manufacturer"].split()), serial)
            found = self.by_identity.get(key)
            if found is None:
                row.error(
                    "serial_number",
                    _(
                        "No instrument {type} of {manufacturer} with serial {serial} is in the "
                        "register; register it first (or import instruments), then its "
                        "verifications."
                    ).format(type=key[0], manufacturer=key[1], serial=serial),
                )
                return
        elif values["owner_tax_code"]:
            owner = self.organisations.get(values["owner_tax_code"])
            matches = self.by_owner_serial.get((owner, serial), []) if owner else []
            if len(matches) != 1:
                row.error(
                    "serial_number",
                    _(
                        "The owner {tax} has no instrument with serial {serial}; check the serial "
                        "or give the type and manufacturer."
                    ).format(tax=values["owner_tax_code"], serial=serial)
                    if not matches
                    else _(
                        "The owner {tax} has several instruments with serial {serial}; give the "
                        "type and manufacturer to say which."
                    ).format(tax=values["owner_tax_code"], serial=serial),
                )
                return
            found = matches[0]
        else:
            row.error(
                "type_code",
                _("Give the type and manufacturer, or the owner tax code, with the serial."),
            )
            return
        values["instrument"] = found

    def _organisation(self, values: dict[str, Any], row: RowContext) -> None:
        tax = values["organisation_tax_code"]
        if not tax or row.has_error("organisation_tax_code"):
            return
        organisation = self.organisations.get(tax)
        if organisation is None:
            row.error(
                "organisation_tax_code",
                _("No organisation has the tax code {code}; register it first.").format(code=tax),
            )
            return
        if self.only_organisation is not None and organisation != self.only_organisation:
            row.error(
                "organisation_tax_code",
                _("You may import only your own organisation's verifications."),
            )
            return
        values["organisation_id"] = organisation
        card = values["verifier"]
        verifier = self.verifiers.get(card) if card else None
        if card and verifier is None:
            row.error(
                "verifier",
                _("No verifier has the number {card}; check the card number.").format(card=card),
            )
        elif verifier is not None:
            if verifier[1] != organisation:
                row.error(
                    "verifier",
                    _("Verifier {card} does not belong to this organisation.").format(card=card),
                )
            elif values["verified_on"] and not verifier[2] <= values["verified_on"] <= verifier[3]:
                row.error(
                    "verifier",
                    _(
                        "Verifier {card} was not certified on that date (valid {start} – {end})."
                    ).format(
                        card=card,
                        start=verifier[2].strftime("%d/%m/%Y"),
                        end=verifier[3].strftime("%d/%m/%Y"),
                    ),
                )
            values["verifier_id"] = verifier[0]

    def _dates(self, values: dict[str, Any], row: RowContext) -> None:
        day, until = values["verified_on"], values["valid_until"]
        if day is None:
            return
        if day > self.today:
            row.error("verified_on", _("The verification date is in the future; correct it."))
        passed = values["result"] == VerificationResult.PASSED
        if passed and until is None and not row.has_error("valid_until"):
            row.error(
                "valid_until",
                _("Write the valid-until date of a passed verification (from its certificate)."),
            )
        if not passed and until is not None:
            row.error("valid_until", _("A failed verification carries no validity; leave empty."))
        if until is not None and until <= day:
            row.error("valid_until", _("The validity must end after the verification date."))
        instrument = values.get("instrument")
        if instrument is not None and values["kind"]:
            key = (instrument.pk, day, values["kind"])
            if key in self.seen_rows:
                row.error(
                    None,
                    _("The same verification is already in row {row}; keep one.").format(
                        row=self.seen_rows[key]
                    ),
                )
            else:
                self.seen_rows[key] = row.number

    def _certificate(self, values: dict[str, Any], row: RowContext) -> None:
        number, organisation = values["certificate_number"], values.get("organisation_id")
        if not number or organisation is None:
            return
        key = (organisation, number)
        if key in self.existing_certificates:
            row.error(
                "certificate_number",
                _("Certificate {number} of this organisation is already recorded.").format(
                    number=number
                ),
            )
        elif key in self.seen_certificates:
            row.error(
                "certificate_number",
                _("Certificate {number} is already in row {row}.").format(
                    number=number, row=self.seen_certificates[key]
                ),
            )
        else:
            self.seen_certificates[key] = row.number


def verification_row(values: dict[str, Any], user: Any) -> Verification:
    """The verification a checked row records (written in bulk by the import)."""
    instrument: _Instrument = values["instrument"]
    return Verification(
        instrument_id=instrument.pk,
        kind=values["kind"],
        verified_on=values["verified_on"],
        organisation_id=values["organisation_id"],
        verifier_id=values["verifier_id"],
        place=VerificationPlace.ON_SITE,
        result=values["result"],
        rules_version=RULES_VERSION,
        certificate_number=values["certificate_number"] or None,
        valid_until=values["valid_until"],
        type_code=instrument.type_code,
        province_id=instrument.province_id,
        commune_id=instrument.commune_id,
        owner_id=instrument.owner_id,
        created_by=user,
        modified_by=user,
    )
