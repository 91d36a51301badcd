"""CSV and XLSX export of a list's rows (the same columns as the table on screen).

Every spreadsheet the system writes — list exports, background exports, rejected-row files,
import templates, report tables — goes through :func:`export_cell` and :func:`sheet_append`, so a
value typed by a user can never become a formula in an officer's spreadsheet (OWASP, "CSV
injection"): text that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
written with a leading apostrophe, and written as text. Numbers stay numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

#: The characters that make a spreadsheet read a cell as a formula or a command.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    def write(self, value: str) -> str:
        return value


def export_cell(value: Any) -> Any:
    """A value as it may safely stand in a spreadsheet cell: numbers and dates as they are,
    everything else as text, neutralised when it begins like a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, Decimal, dt.date, dt.datetime)):
        return value
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def sheet_append(sheet: WriteOnlyWorksheet, values: Iterable[Any]) -> None:
    """Append a row to a write-only sheet: text cells typed as text (never a formula)."""
    row: list[Any] = []
    for value in values:
        safe = export_cell(value)
        if isinstance(safe, str):
            cell = WriteOnlyCell(sheet, value=safe)
            cell.data_type = "s"  # never a formula, error code or number guessed from text
            row.append(cell)
        else:
            row.append(safe)
    sheet.append(row)


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> StreamingHttpResponse:
    """Stream a UTF-8 CSV with BOM so that Excel shows Vietnamese correctly."""
    writer = csv.writer(_Echo())

    def generate() -> Iterator[str]:
        yield "\ufeff"
        yield writer.writerow([export_cell(h) for h in header])
        for row in rows:
            yield writer.writerow([export_cell(v) for v in row])

    response = StreamingHttpResponse(generate(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_bytes(sheet_title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """An XLSX workbook written in write-only mode (constant memory for large lists)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31] or "Sheet1")
    sheet_append(sheet, header)
    for row in rows:
        sheet_append(sheet, row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes(filename, header, rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def table_rows(table: Any) -> tuple[list[str], Iterator[list[Any]]]:
    """Header and rows of a django-tables2 table, excluding non-exportable columns."""
    columns = [c for c in table.columns if c.name not in getattr(table, "exclude_from_export", ())]
    header = [str(c.header) for c in columns]

    def rows() -> Iterator[list[Any]]:
        for row in table.rows:
            yield [row.get_cell_value(c.name) for c in columns]

    return header, rows()
