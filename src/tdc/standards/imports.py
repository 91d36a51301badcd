"""Bulk import of catalogue documents from the national catalogue's Excel or CSV export: one
document per row, its designation in any usual spelling; a row that cannot be read, names an
unknown ICS code or repeats a document already there (in any spelling) is reported with its
row and column, and nothing is written until every row is right."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdc.core.imports import Column, ImportType, RowContext, as_text, choice, register_import, text
from tdc.standards import rules
from tdc.standards.choices import Confidence, Harmonisation
from tdc.standards.models import IcsCode, Standard
from tdc.standards.services import standard_search_text

DEFAULT_SOURCE = "Tệp nhập từ danh mục tiêu chuẩn quốc gia"


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = as_text(value)
    if not raw:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(raw, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise ValidationError(_("Write the date as dd/mm/yyyy, e.g. 15/04/2026."))


def _ics(value: Any) -> list[str]:
    return [c for c in as_text(value).replace(",", " ").replace(";", " ").split() if c]


@register_import
class StandardImport(ImportType):
    """Catalogue documents, one per row, keyed by their canonical designation."""

    slug = "standards"
    title = gettext_lazy("standards and technical regulations")
    model = Standard
    list_url_name = "standards:standard_list"
    columns = (
        Column(
            "designation",
            "Số hiệu",
            "Designation",
            required=True,
            parser=text(200),
            help=gettext_lazy("e.g. TCVN 6776:2005, QCVN 1:2022/BKHCN, TCVN ISO 9001:2015"),
        ),
        Column("title_vi", "Tên tiêu chuẩn", "Title", required=True, parser=text(500)),
        Column("title_en", "Tên tiếng Anh", "English title", parser=text(500)),
        Column(
            "harmonisation",
            "Mức độ tương đương",
            "Harmonisation",
            parser=choice(Harmonisation.choices[1:]),
            default="",
            help=gettext_lazy("IDT, MOD or NEQ"),
        ),
        Column(
            "international_designation",
            "Tiêu chuẩn quốc tế tương ứng",
            "International designation",
            parser=text(120),
        ),
        Column(
            "ics_codes",
            "Mã ICS",
            "ICS codes",
            parser=_ics,
            default=[],
            help=gettext_lazy("Separated by spaces, commas or semicolons"),
        ),
        Column("issuing_decision", "Quyết định công bố", "Issuing decision", parser=text(200)),
        Column("issued_on", "Ngày ban hành", "Issued on", parser=_date, default=None),
        Column("effective_from", "Ngày hiệu lực", "In force from", parser=_date, default=None),
        Column("scope_text", "Phạm vi áp dụng", "Scope", parser=text()),
        Column(
            "source",
            "Nguồn",
            "Source",
            parser=text(),
            help=gettext_lazy("Where the row was read; the import file's name when blank"),
        ),
    )

    def prepare(self) -> None:
        self.known_ics = set(IcsCode.objects.values_list("code", flat=True))
        self.existing = set(Standard.objects.values_list("designation", flat=True))
        self.seen: dict[str, int] = {}

    def clean_row(self, values: dict[str, Any], row: RowContext) -> None:
        if row.has_error("designation"):
            return
        try:
            parsed = rules.parse(values["designation"])
            adopted = (
                rules.parse(values["international_designation"])
                if values.get("international_designation")
                else parsed.adopted
            )
        except rules.NotationError as exc:
            row.error("designation", exc.message_vi)
            return
        if parsed.amendment is not None:
            row.error("designation", _("An amendment is recorded on the amended document."))
            return
        key = parsed.key
        if key in self.existing:
            row.error(
                "designation",
                _("{designation} is already in the catalogue (however it was spelled).").format(
                    designation=key
                ),
            )
        elif key in self.seen:
            row.error(
                "designation",
                _("{designation} is also on row {row}.").format(
                    designation=key, row=self.seen[key]
                ),
            )
        else:
            self.seen[key] = row.number
        unknown = [c for c in values.get("ics_codes") or [] if c not in self.known_ics]
        if unknown:
            row.error(
                "ics_codes",
                _("Not in the ICS tree: {codes}.").format(codes=", ".join(unknown)),
            )
        values["_parsed"] = parsed
        values["_adopted"] = adopted.canonical if adopted else ""

    def build(self, values: dict[str, Any]) -> Standard:
        parsed: rules.Designation = values["_parsed"]
        standard = Standard(
            designation=parsed.key,
            kind=parsed.kind,
            number=parsed.number,
            year=parsed.year,
            authority=parsed.authority,
            title_vi=values["title_vi"],
            title_en=values.get("title_en") or "",
            harmonisation=values.get("harmonisation")
            or (Harmonisation.IDT if values["_adopted"] else ""),
            international_designation=values["_adopted"],
            ics_codes=" ".join(sorted(set(values.get("ics_codes") or []))),
            issuing_decision=values.get("issuing_decision") or "",
            issued_on=values.get("issued_on"),
            effective_from=values.get("effective_from"),
            scope_text=values.get("scope_text") or "",
            source=values.get("source") or DEFAULT_SOURCE,
            confidence=Confidence.REPORTED,
            number_key=rules.compact_key(parsed.key),
            created_by=self.user,
            modified_by=self.user,
        )
        standard.search_text = standard_search_text(standard)
        return standard
