"""Importing organisations from a spreadsheet (the first user of the import framework).

Every reference is resolved by natural key from lookups loaded once per file: existing tax codes,
province and commune codes. A row with no commune but an address written before 1 July 2025 gets
its commune from the address resolver (the old text is kept as given).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdc.core.imports import (
    Column,
    ImportType,
    RowContext,
    as_text,
    choice,
    code,
    email,
    register_import,
    text,
)
from tdc.core.roles import ROLE_JURISDICTION, Jurisdiction
from tdc.places.selectors import commune_provinces, province_codes, resolve_address
from tdc.registry.choices import OrganisationKind
from tdc.registry.models import Organisation
from tdc.registry.services import organisation_search_text
from tdc.registry.validators import tax_code_from_cell


def _max(field: str) -> int | None:
    return Organisation._meta.get_field(field).max_length  # type: ignore[union-attr]


def _tax_code(value: Any) -> str:
    return tax_code_from_cell(as_text(value))


_KIND_SYNONYMS = {
    "doanh nghiệp": OrganisationKind.ENTERPRISE,
    "công ty": OrganisationKind.ENTERPRISE,
    "hộ kinh doanh": OrganisationKind.HOUSEHOLD,
    "cơ quan nhà nước": OrganisationKind.STATE_AGENCY,
    "tổ chức kiểm định": OrganisationKind.VERIFICATION_ORG,
    "phòng thử nghiệm": OrganisationKind.TESTING_LAB,
    "tổ chức chứng nhận": OrganisationKind.CERTIFICATION_BODY,
    "ban quản lý chợ": OrganisationKind.MARKET_BOARD,
    "khác": OrganisationKind.OTHER,
}


@register_import
class OrganisationImport(ImportType):
    """Organisations, one per row, keyed by tax code where they have one."""

    slug = "organisations"
    title = gettext_lazy("organisations")
    model = Organisation
    list_url_name = "registry:organisation_list"
    columns = (
        Column(
            "kind",
            "Loại hình",
            "Kind",
            required=True,
            parser=choice(OrganisationKind.choices, _KIND_SYNONYMS),
            help=gettext_lazy("e.g. doanh nghiệp, hộ kinh doanh, cơ quan nhà nước, khác"),
        ),
        Column("name", "Tên đầy đủ", "Full name", required=True, parser=text(_max("name"))),
        Column("short_name", "Tên viết tắt", "Short name", parser=text(_max("short_name"))),
        Column("english_name", "Tên tiếng Anh", "English name", parser=text(_max("english_name"))),
        Column(
            "tax_code",
            "Mã số thuế",
            "Tax code",
            parser=_tax_code,
            help=gettext_lazy("10 digits, or 13 with the branch suffix (0312345678-001)"),
        ),
        Column(
            "province",
            "Mã tỉnh",
            "Province code",
            parser=code(2),
            help=gettext_lazy(
                "Code of the province since 1 July 2025; may be left blank when "
                "the commune code is given"
            ),
        ),
        Column(
            "commune",
            "Mã xã",
            "Commune code",
            parser=code(5),
            help=gettext_lazy("Code of the commune since 1 July 2025"),
        ),
        Column("address", "Địa chỉ", "Address", parser=text(_max("address"))),
        Column(
            "legacy_address",
            "Địa chỉ trước 01/07/2025",
            "Address before 1 July 2025",
            parser=text(_max("legacy_address")),
            help=gettext_lazy("Kept as written; gives the commune when the commune code is blank"),
        ),
        Column(
            "legal_representative",
            "Người đại diện theo pháp luật",
            "Legal representative",
            parser=text(_max("legal_representative")),
        ),
        Column("phone", "Điện thoại", "Phone", parser=text(_max("phone"))),
        Column("email", "Thư điện tử", "E-mail", parser=email()),
    )

    def prepare(self) -> None:
        self.existing_tax_codes: dict[str, int] = {
            tax_code: pk
            for tax_code, pk in Organisation.objects.filter(tax_code__isnull=False).values_list(
                "tax_code", "pk"
            )
            if tax_code
        }
        self.provinces: set[str] = province_codes()
        self.communes: dict[str, str] = commune_provinces()
        self.seen_tax_codes: dict[str, int] = {}
        level = ROLE_JURISDICTION.get(getattr(self.user, "role", "") or "")
        self.only_province = (
            getattr(self.user, "province_id", None) if level == Jurisdiction.PROVINCE else None
        )
        self.only_commune = (
            getattr(self.user, "commune_id", None) if level == Jurisdiction.COMMUNE else None
        )

    def clean_row(self, values: dict[str, Any], row: RowContext) -> None:
        self._check_tax_code(values, row)
        self._place(values, row)
        if not row.has_error("province") and not row.has_error("commune"):
            self._check_jurisdiction(values, row)

    def _check_tax_code(self, values: dict[str, Any], row: RowContext) -> None:
        tax_code = values["tax_code"]
        if not tax_code:
            values["tax_code"] = None
            return
        if tax_code in self.existing_tax_codes:
            row.error(
                "tax_code",
                _(
                    "The tax code {code} already belongs to an organisation in the register "
                    "(no. {pk}); remove this row, or edit that organisation instead."
                ).format(code=tax_code, pk=self.existing_tax_codes[tax_code]),
            )
        elif tax_code in self.seen_tax_codes:
            row.error(
                "tax_code",
                _(
                    "The tax code {code} is already in row {row} of this file; keep one row per "
                    "organisation."
                ).format(code=tax_code, row=self.seen_tax_codes[tax_code]),
            )
        else:
            self.seen_tax_codes[tax_code] = row.number

    def _place(self, values: dict[str, Any], row: RowContext) -> None:
        province, commune = values["province"], values["commune"]
        if province and province not in self.provinces:
            row.error(
                "province",
                _(
                    "No province has the code {code}; use the code of a "
                    "province since 1 July 2025 (e.g. 80 for Tây Ninh)."
                ).format(code=province),
            )
            return
        if commune:
            commune_province = self.communes.get(commune)
            if commune_province is None:
                row.error(
                    "commune",
                    _(
                        "No commune has the code {code}; use the code of a commune "
                        "since 1 July 2025."
                    ).format(code=commune),
                )
                return
            if province and province != commune_province:
                row.error(
                    "commune",
                    _(
                        "The commune {code} is not in the province {province}; "
                        "correct one of the two codes."
                    ).format(code=commune, province=province),
                )
                return
            values["province"] = commune_province
        elif values["legacy_address"]:
            self._resolve_legacy(values)
        if not values["province"]:
            row.error(
                "province",
                _(
                    "Give the province code, a commune code, or an address the province can be "
                    "read from."
                ),
            )

    def _resolve_legacy(self, values: dict[str, Any]) -> None:
        result = resolve_address(values["legacy_address"])
        province = values["province"]
        if result.commune is not None and result.province is not None:
            if not province or province == result.province.code:
                values["commune"] = result.commune.code
                values["province"] = result.province.code
        elif result.province is not None and not province:
            values["province"] = result.province.code

    def _check_jurisdiction(self, values: dict[str, Any], row: RowContext) -> None:
        if self.only_province and values["province"] != self.only_province:
            row.error(
                "province",
                _(
                    "You may import organisations only into your province ({code}); remove this "
                    "row or ask that province's officers to import it."
                ).format(code=self.only_province),
            )
        if self.only_commune and values["commune"] != self.only_commune:
            row.error(
                "commune",
                _(
                    "You may import organisations only into your commune ({code}); remove this row."
                ).format(code=self.only_commune),
            )

    def build(self, values: dict[str, Any]) -> Organisation:
        org = Organisation(
            kind=values["kind"],
            name=values["name"],
            short_name=values["short_name"],
            english_name=values["english_name"],
            tax_code=values["tax_code"] or None,
            province_id=values["province"],
            commune_id=values["commune"] or None,
            address=values["address"],
            legacy_address=values["legacy_address"],
            legal_representative=values["legal_representative"],
            phone=values["phone"],
            email=values["email"],
            # Ids rather than the user object: assigning a related object costs a descriptor
            # call per field and row, and nothing reads these relations before the insert.
            created_by_id=getattr(self.user, "pk", None),
            modified_by_id=getattr(self.user, "pk", None),
        )
        org.search_text = organisation_search_text(org)
        return org
