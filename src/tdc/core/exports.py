"""CSV and XLSX export of a list's rows (the same columns as the table on screen)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from openpyxl import Workbook


class _Echo:
    def write(self, value: str) -> str:
        return value


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return value
    return str(value)


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> StreamingHttpResponse:
    """Stream a UTF-8 CSV with BOM so that Excel shows Vietnamese correctly."""
    writer = csv.writer(_Echo())

    def generate() -> Iterator[str]:
        yield "\ufeff"
        yield writer.writerow([str(h) for h in header])
        for row in rows:
            yield writer.writerow([_cell(v) for v in row])

    response = StreamingHttpResponse(generate(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_bytes(sheet_title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """An XLSX workbook written in write-only mode (constant memory for large lists)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31] or "Sheet1")
    sheet.append([str(h) for h in header])
    for row in rows:
        sheet.append([_cell(v) for v in row])
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
