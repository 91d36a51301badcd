"""Importing import-inspection lots from a spreadsheet (one registration per row).

Each row goes through the same in-memory checks as a registration on screen
(``services.imports.classify``): the regime and class of the registration date, the lot against
its certificate, the deadlines and the inspection level. The importer is found by tax code within
the user's jurisdiction, the certifying body by its registration number; every problem is
reported on its row and column, and a file with any error imports nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdc.core.imports import Column, ImportType, RowContext, as_text, choice, register_import, text
from tdc.core.numbering import allocate_number
from tdc.quality.choices import CertificateKind
from tdc.quality.models import ConformityBody, ImportRegistration
from tdc.quality.services.imports import REGISTRATION_SERIES, classify
from tdc.registry.selectors import organisation_list
from tdc.registry.validators import tax_code_from_cell


def _max(field: str) -> int | None:
    return ImportRegistration._meta.get_field(field).max_length  # type: ignore[union-attr]


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = as_text(value)
    parts = raw.split("/")
    try:
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            return dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
        return dt.date.fromisoformat(raw)
    except ValueError:
        pass
    raise ValidationError(_("Write the date as dd/mm/yyyy, e.g. 10/09/2026."))


def _quantity(value: Any) -> Decimal:
    raw = as_text(value).replace(" ", "").replace(",", ".")
    try:
        result = Decimal(raw)
    except InvalidOperation as exc:
        raise ValidationError(_("Write a number, e.g. 500 or 12.5.")) from exc
    if not result.is_finite() or result <= 0 or result >= Decimal(10) ** 11:
        raise ValidationError(_("Write a positive number, e.g. 500 or 12.5."))
    return result.quantize(Decimal("0.001"))


def _tax_code(value: Any) -> str:
    return tax_code_from_cell(as_text(value))


_KINDS = {"lô": CertificateKind.LOT, "lô hàng": CertificateKind.LOT, "kiểu": CertificateKind.TYPE}

#: Which column reports a problem the checks raise on a model field.
_COLUMN_OF = {
    "importer": "importer_tax_code",
    "certificate_body": "body_number",
    "on": "registered_on",
    "date": "registered_on",
}


@register_import
class ImportLotImport(ImportType):
    """Import lots registered for state quality inspection."""

    slug = "import-lots"
    title = gettext_lazy("import inspection lots")
    model = ImportRegistration
    list_url_name = "quality:import_list"
    columns = (
        Column(
            "importer_tax_code",
            "Mã số thuế người nhập khẩu",
            "Importer tax code",
            required=True,
            parser=_tax_code,
            help=gettext_lazy("Tax code of an organisation already in the register"),
        ),
        Column(
            "customs_declaration",
            "Số tờ khai hải quan",
            "Customs declaration",
            required=True,
            parser=text(_max("customs_declaration")),
        ),
        Column("product", "Tên hàng hóa", "Goods", required=True, parser=text(_max("product"))),
        Column("brand", "Nhãn hiệu", "Brand", parser=text(_max("brand"))),
        Column("model_type", "Kiểu, loại", "Type or model", parser=text(_max("model_type"))),
        Column("manufacturer", "Nhà sản xuất", "Manufacturer", parser=text(_max("manufacturer"))),
        Column("origin", "Xuất xứ", "Origin", required=True, parser=text(_max("origin"))),
        Column(
            "hs_code",
            "Mã HS",
            "HS code",
            required=True,
            parser=text(20),
            help=gettext_lazy("e.g. 8516.60.10"),
        ),
        Column(
            "qcvn", "Quy chuẩn kỹ thuật", "Technical regulation", required=True, parser=text(100)
        ),
        Column("quantity", "Số lượng", "Quantity", required=True, parser=_quantity),
        Column("unit", "Đơn vị tính", "Unit", required=True, parser=text(_max("unit"))),
        Column("gtin", "Mã GTIN", "GTIN", parser=text(14)),
        Column(
            "certificate_kind",
            "Loại giấy chứng nhận",
            "Certificate kind",
            parser=choice(CertificateKind.choices, _KINDS),
            default=CertificateKind.LOT,
            help=gettext_lazy("lô (for this lot) or kiểu (type certificate)"),
        ),
        Column(
            "certificate_number",
            "Số giấy chứng nhận",
            "Certificate number",
            required=True,
            parser=text(_max("certificate_number")),
        ),
        Column(
            "body_number",
            "Số đăng ký tổ chức chứng nhận",
            "Certifying body registration number",
            required=True,
            parser=text(64),
            help=gettext_lazy("The body's number in the register of conformity bodies"),
        ),
        Column(
            "certificate_issued_on",
            "Ngày cấp giấy chứng nhận",
            "Certificate issued on",
            parser=_date,
        ),
        Column(
            "certificate_valid_until",
            "Giấy chứng nhận hiệu lực đến",
            "Certificate valid until",
            parser=_date,
        ),
        Column(
            "certificate_qcvn",
            "Quy chuẩn trên giấy chứng nhận",
            "Regulation on the certificate",
            required=True,
            parser=text(100),
        ),
        Column(
            "certificate_model",
            "Kiểu, loại trên giấy chứng nhận",
            "Type on the certificate",
            parser=text(150),
        ),
        Column(
            "certificate_origin",
            "Xuất xứ trên giấy chứng nhận",
            "Origin on the certificate",
            parser=text(100),
        ),
        Column(
            "certificate_quantity",
            "Số lượng trên giấy chứng nhận",
            "Quantity on the certificate",
            parser=_quantity,
            default=None,
        ),
        Column("registered_on", "Ngày đăng ký", "Registration date", required=True, parser=_date),
        Column("cleared_on", "Ngày thông quan", "Clearance date", parser=_date, default=None),
    )

    def prepare(self) -> None:
        self.importers: dict[str, tuple[int, str]] = {
            tax: (pk, province)
            for tax, pk, province in organisation_list(user=self.user)
            .filter(tax_code__isnull=False)
            .values_list("tax_code", "pk", "province_id")
            if tax
        }
        self.bodies: dict[str, ConformityBody] = {
            body.registration_number.strip().casefold(): body
            for body in ConformityBody.objects.all()
        }
        self.built: dict[int, ImportRegistration] = {}

    def clean_row(self, values: dict[str, Any], row: RowContext) -> None:
        for key in ("certificate_issued_on", "certificate_valid_until"):
            if values[key] == "":
                values[key] = None
        importer = self.importers.get(values["importer_tax_code"])
        if importer is None and not row.has_error("importer_tax_code"):
            row.error(
                "importer_tax_code",
                _("No organisation with this tax code in your jurisdiction; add it first."),
            )
        body = self.bodies.get(values["body_number"].strip().casefold())
        if body is None and not row.has_error("body_number"):
            row.error(
                "body_number",
                _("No conformity body with this registration number in the register."),
            )
        if row.has_error() or importer is None or body is None:
            return
        fields = {k: values[k] for k in ImportRegistration.FIELDS if k in values}
        fields.pop("certificate_body", None)
        obj = ImportRegistration(
            importer_id=importer[0],
            province_id=importer[1],
            certificate_body=body,
            created_by=self.user,
            modified_by=self.user,
            **fields,
        )
        try:
            obj.full_clean(exclude=["regime", "goods_key", "number", "importer"])
            classify(obj)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                key = _COLUMN_OF.get(field, field)
                for message in messages:
                    row.error(key if key in _KEYS else None, message)
            return
        self.built[row.number] = obj
        values["_row"] = row.number

    def build(self, values: dict[str, Any]) -> ImportRegistration:
        obj = self.built.pop(values["_row"])
        obj.number = allocate_number(
            series=REGISTRATION_SERIES, issuer=str(obj.province_id), on=obj.registered_on
        )
        return obj


_KEYS = frozenset(column.key for column in ImportLotImport.columns)
