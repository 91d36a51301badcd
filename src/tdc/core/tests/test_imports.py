"""The import framework's reading, column mapping, parsers and files."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from tdc.core.imports import (
    Column,
    ImportFileError,
    ImportType,
    choice,
    code,
    get_import_type,
    map_columns,
    read_table,
    rejected_rows_xlsx,
    template_xlsx,
    text,
)

COLUMNS = (
    Column("name", "Tên đầy đủ", "Full name", required=True),
    Column("code", "Mã xã", "Commune code", parser=code(5)),
)


def test_it_maps_headers_whatever_the_marks_case_and_language() -> None:
    mapping = map_columns(COLUMNS, ["TEN DAY DU *", "Commune code", "Ghi chú"])

    assert mapping.index == {"name": 0, "code": 1}
    assert mapping.headers["name"] == "TEN DAY DU *"
    assert mapping.ignored == ["Ghi chú"] and mapping.missing == []


def test_it_names_the_missing_required_columns() -> None:
    assert map_columns(COLUMNS, ["Mã xã"]).missing == ["Tên đầy đủ"]


def test_it_reads_csv_in_the_vietnamese_windows_code_page() -> None:
    # Windows-1258 keeps tone marks apart from their letter: "Ti" + hook above + "nh".
    data = "Tên;Ti\u0309nh\nCông ty Đông Á;Tây Ninh\n".encode("cp1258")

    header, rows = read_table(data, "a.csv")

    assert header == ["Tên", "Tỉnh"]
    assert list(rows) == [["Công ty Đông Á", "Tây Ninh"]]


def test_it_refuses_other_file_types() -> None:
    with pytest.raises(ImportFileError):
        read_table(b"x", "a.pdf")


def test_its_parsers_say_what_to_do() -> None:
    assert code(5)(28165.0) == "28165" and code(2)("1") == "01"
    with pytest.raises(ValidationError, match="digits only"):
        code(5)("28A65")
    with pytest.raises(ValidationError, match="Shorten"):
        text(3)("abcd")
    kinds = choice([("enterprise", "Enterprise")], {"doanh nghiệp": "enterprise"})
    assert kinds("DOANH NGHIEP") == "enterprise" and kinds("Enterprise") == "enterprise"
    with pytest.raises(ValidationError, match="Choose one of: Enterprise"):
        kinds("nhà máy")


def test_it_writes_templates_and_rejected_rows_that_open_in_excel() -> None:
    class Dummy(ImportType):
        slug = "dummy"
        title = "dummy"
        columns = COLUMNS

    template = load_workbook(io.BytesIO(template_xlsx(Dummy)))
    assert [c.value for c in template.worksheets[0][1]] == ["Tên đầy đủ", "Mã xã"]
    rejected = load_workbook(io.BytesIO(rejected_rows_xlsx(["Tên đầy đủ"], [[2, "", "Tên: x"]])))
    assert list(rejected.active.iter_rows(values_only=True)) == [
        ("Row", "Tên đầy đủ", "Errors"),
        (2, None, "Tên: x"),
    ]


def test_it_discovers_the_import_types_of_every_app() -> None:
    assert get_import_type("organisations") is not None
    assert get_import_type("nothing") is None
