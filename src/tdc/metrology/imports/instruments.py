"""Importing instruments from a spreadsheet: a fuel retailer's dispensers, a utility's meters.

References are resolved by natural key from lookups loaded once per file: the owner by tax
code (within the importer's jurisdiction), the type by its code on the Group 2 list, the place
by commune code. An instrument already in the register (same type, manufacturer and serial) is
reported with the existing record.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdc.core.imports import Column, ImportType, RowContext, code, register_import, text
from tdc.core.roles import ROLE_JURISDICTION, Jurisdiction
from tdc.metrology.imports.fields import _coordinate, _date, _decimal, _tax_code, _year
from tdc.metrology.models import Instrument, InstrumentType
from tdc.metrology.services import instrument_search_text
from tdc.places.selectors import commune_provinces
from tdc.registry.selectors import organisation_ids_by_tax_code, organisation_list


def _max(field: str) -> int | None:
    return Instrument._meta.get_field(field).max_length  # type: ignore[union-attr]


@register_import
class InstrumentImport(ImportType):
    """Measuring instruments, one per row, unique per type, manufacturer and serial."""

    slug = "instruments"
    title = gettext_lazy("measuring instruments")
    model = Instrument
    list_url_name = "metrology:instrument_list"
    columns = (
        Column(
            "owner_tax_code",
            "Mã số thuế chủ sở hữu",
            "Owner tax code",
            required=True,
            parser=_tax_code,
            help=gettext_lazy("Tax code of an organisation already in the register"),
        ),
        Column(
            "type_code",
            "Mã loại phương tiện đo",
            "Instrument type code",
            required=True,
            parser=text(64),
            help=gettext_lazy("Code from the Group 2 list, e.g. fuel-dispenser"),
        ),
        Column(
            "manufacturer",
            "Nhà sản xuất",
            "Manufacturer",
            required=True,
            parser=text(_max("manufacturer")),
        ),
        Column(
            "serial_number",
            "Số sản xuất",
            "Serial number",
            required=True,
            parser=text(_max("serial_number")),
        ),
        Column("model_name", "Kiểu", "Model", parser=text(_max("model_name"))),
        Column(
            "manufacturer_country",
            "Nước sản xuất",
            "Country of manufacture",
            parser=text(_max("manufacturer_country")),
        ),
        Column(
            "manufactured_year", "Năm sản xuất", "Year of manufacture", parser=_year, default=None
        ),
        Column(
            "type_approval_number",
            "Số quyết định phê duyệt mẫu",
            "Type-approval decision number",
            parser=text(_max("type_approval_number")),
        ),
        Column(
            "type_approval_valid_to",
            "Phê duyệt mẫu hiệu lực đến",
            "Type approval valid to",
            parser=_date,
            default=None,
        ),
        Column("accuracy_class", "Cấp chính xác", "Accuracy class", parser=text(16)),
        Column("measuring_range", "Phạm vi đo", "Measuring range", parser=text(100)),
        Column("max_capacity", "Max", "Max", parser=_decimal, default=None),
        Column("min_capacity", "Min", "Min", parser=_decimal, default=None),
        Column("verification_interval", "e", "e", parser=_decimal, default=None),
        Column("scale_interval", "d", "d", parser=_decimal, default=None),
        Column("unit", "Đơn vị đo", "Unit", parser=text(16)),
        Column(
            "commune",
            "Mã xã",
            "Commune code",
            required=True,
            parser=code(5),
            help=gettext_lazy("Code of the commune since 1 July 2025 where the instrument is used"),
        ),
        Column("address", "Địa chỉ lắp đặt", "Address where used", parser=text(255)),
        Column("latitude", "Vĩ độ", "Latitude", parser=_coordinate(90), default=None),
        Column("longitude", "Kinh độ", "Longitude", parser=_coordinate(180), default=None),
    )

    def prepare(self) -> None:
        self.owners: dict[str, tuple[int, str]] = {
            tax: (pk, name)
            for tax, pk, name in organisation_list(user=self.user)
            .filter(tax_code__isnull=False)
            .values_list("tax_code", "pk", "name")
            if tax
        }
        self.known_owner_tax_codes: set[str] = {
            tax for tax in organisation_ids_by_tax_code() if tax
        }
        self.type_codes: set[str] = set(InstrumentType.objects.values_list("code", flat=True))
        self.communes: dict[str, str] = commune_provinces()
        self.seen: dict[tuple[str, str, str], int] = {}
        level = ROLE_JURISDICTION.get(getattr(self.user, "role", "") or "")
        self.only_province = (
            getattr(self.user, "province_id", None) if level == Jurisdiction.PROVINCE else None
        )
        self.only_commune = (
            getattr(self.user, "commune_id", None) if level == Jurisdiction.COMMUNE else None
        )

    def clean_row(self, values: dict[str, Any], row: RowContext) -> None:
        self._owner(values, row)
        if values["type_code"] and values["type_code"] not in self.type_codes:
            row.error(
                "type_code",
                _(
                    "“{code}” is not a type on the Group 2 list; use a code from the list "
                    "(see the template's guide), e.g. fuel-dispenser."
                ).format(code=values["type_code"]),
            )
        self._place(values, row)
        min_, max_ = values["min_capacity"], values["max_capacity"]
        if min_ is not None and max_ is not None and min_ > max_:
            row.error("min_capacity", _("Min must not exceed Max; correct one of them."))
        if (values["latitude"] is None) != (values["longitude"] is None):
            row.error("longitude", _("Give both latitude and longitude, or neither."))
        if not row.has_error("serial_number"):
            self._duplicate(values, row)

    def _owner(self, values: dict[str, Any], row: RowContext) -> None:
        tax = values["owner_tax_code"]
        if not tax or row.has_error("owner_tax_code"):
            return
        if tax in self.owners:
            values["owner_id"] = self.owners[tax][0]
        elif tax in self.known_owner_tax_codes:
            row.error(
                "owner_tax_code",
                _(
                    "The organisation with tax code {code} is outside your jurisdiction; you "
                    "may import instruments only for owners you manage."
                ).format(code=tax),
            )
        else:
            row.error(
                "owner_tax_code",
                _(
                    "No organisation has the tax code {code}; register the owner first (or "
                    "import organisations), then import its instruments."
                ).format(code=tax),
            )

    def _place(self, values: dict[str, Any], row: RowContext) -> None:
        commune = values["commune"]
        if not commune or row.has_error("commune"):
            return
        province = self.communes.get(commune)
        if province is None:
            row.error(
                "commune",
                _(
                    "No commune has the code {code}; use the code of a commune since 1 July 2025."
                ).format(code=commune),
            )
            return
        values["province"] = province
        if self.only_province and province != self.only_province:
            row.error(
                "commune",
                _(
                    "This commune is outside your province ({code}); remove the row or ask "
                    "that province's officers to import it."
                ).format(code=self.only_province),
            )
        if self.only_commune and commune != self.only_commune:
            row.error(
                "commune",
                _("You may import instruments only in your commune ({code}).").format(
                    code=self.only_commune
                ),
            )

    def _duplicate(self, values: dict[str, Any], row: RowContext) -> None:
        key = (
            values["type_code"],
            " ".join(values["manufacturer"].split()),
            values["serial_number"].strip(),
        )
        if not all(key):
            return
        if key in self.seen:
            row.error(
                "serial_number",
                _(
                    "This instrument is already in row {row} of this file; keep one row per "
                    "instrument."
                ).format(row=self.seen[key]),
            )
            return
        self.seen[key] = row.number

    def clean_rows(self, rows: Sequence[tuple[dict[str, Any], RowContext]]) -> None:
        """Instruments already registered, looked up for a block of rows in one query."""
        keys = {
            id(row): (
                values["type_code"],
                " ".join(values["manufacturer"].split()),
                values["serial_number"].strip(),
            )
            for values, row in rows
            if not row.has_error("serial_number")
        }
        wanted = {key for key in keys.values() if all(key)}
        if not wanted:
            return
        existing = {
            (type_code, manufacturer, serial): (pk, owner)
            for type_code, manufacturer, serial, pk, owner in Instrument.objects.filter(
                serial_number__in={key[2] for key in wanted}
            ).values_list("type_code", "manufacturer", "serial_number", "pk", "owner__name")
        }
        for _values, row in rows:
            key = keys.get(id(row))
            found = existing.get(key) if key else None
            if found is None or key is None:
                continue
            row.error(
                "serial_number",
                _(
                    "Serial number {serial} of {manufacturer} ({type}) is already registered as "
                    "instrument #{id}, owned by {owner}; remove this row or edit that record."
                ).format(
                    serial=key[2], manufacturer=key[1], type=key[0], id=found[0], owner=found[1]
                ),
            )

    def build(self, values: dict[str, Any]) -> Instrument:
        instrument = Instrument(
            owner_id=values["owner_id"],
            type_code=values["type_code"],
            manufacturer=" ".join(values["manufacturer"].split()),
            manufacturer_country=values["manufacturer_country"],
            model_name=values["model_name"],
            serial_number=values["serial_number"].strip(),
            manufactured_year=values["manufactured_year"],
            type_approval_number=values["type_approval_number"],
            type_approval_valid_to=values["type_approval_valid_to"],
            accuracy_class=values["accuracy_class"],
            measuring_range=values["measuring_range"],
            max_capacity=values["max_capacity"],
            min_capacity=values["min_capacity"],
            verification_interval=values["verification_interval"],
            scale_interval=values["scale_interval"],
            unit=values["unit"],
            province_id=values["province"],
            commune_id=values["commune"],
            address=values["address"],
            latitude=values["latitude"],
            longitude=values["longitude"],
            created_by=self.user,
            modified_by=self.user,
        )
        instrument.search_text = instrument_search_text(instrument)
        return instrument
