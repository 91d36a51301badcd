"""The rows of a list table, rendered without django-tables2's per-cell machinery.

django-tables2 renders each cell through a template loop that, for every cell, works out the
column's attributes again, inspects the render method's signature (``inspect.signature``) and
resolves the accessor generically: about 80 % of a 50-row list page. :func:`render_tbody`
works each column out **once per table** — its ``<td>`` attributes, its render method and the
arguments that method takes, how to read its value (a model field's choices label, a plain
attribute, or the generic accessor) — and writes the ``<tbody>`` in one pass, byte for byte
what the template ``django_tables2/bootstrap5.html`` writes (the tests compare both on every
list of the system).

A table it cannot reproduce exactly — attributes computed per record, a column with
``localize`` set, many-to-many columns — gets ``None``, and the template's own block renders it
(``core/partials/table.html``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.template.base import render_value_in_context
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django_tables2 import A
from django_tables2.columns import ManyToManyColumn
from django_tables2.columns.linkcolumn import BaseLinkColumn
from django_tables2.utils import AttributeDict, signature

_ROW_OPEN = "\n                    \n                    <tr {}>\n                        "
_CELL = "\n                            <td {}>{}</td>\n                        "
_ROW_CLOSE = "\n                    </tr>\n                    \n                "
_EMPTY = (
    "\n                    \n                    \n                        "
    '<tr><td colspan="{}">{}</td></tr>'
    "\n                    \n                    \n                "
)
_CELL_ARGUMENTS = ("value", "record", "column", "bound_column", "bound_row", "table")


def _has_callable(attrs: Any) -> bool:
    if callable(attrs):
        return True
    if isinstance(attrs, dict):
        return any(_has_callable(value) for value in attrs.values())
    return False


class _Cell:
    """How one column turns a record into its cell, worked out once per table."""

    def __init__(self, table: Any, bound_column: Any) -> None:
        column = bound_column.column
        self.bound_column = bound_column
        self.column = column
        self.table = table
        self.default = bound_column.default
        self.empty_values = column.empty_values
        self.link = bound_column.link
        self.render = bound_column.render
        parameters, keywords = signature(self.render)
        self.arguments = _CELL_ARGUMENTS if keywords else tuple(parameters)
        # As call_with_appropriate: a render method wanting another argument is not called.
        self.callable = bool(keywords) or all(name in _CELL_ARGUMENTS for name in parameters)
        self.accessor = A(bound_column.accessor)
        self.td = bound_column.attrs["td"].as_html()
        self.linked_text = isinstance(column, BaseLinkColumn) and column.text is not None
        self.read: Callable[[Any], tuple[Any, bool]] | None = None

    def _plan(self, record: Any) -> Callable[[Any], tuple[Any, bool]]:
        """How to read this column's value from records like ``record``: ``(value, found)``."""
        accessor = self.accessor
        penultimate, remainder = accessor.penultimate(record)
        if isinstance(penultimate, models.Model):
            try:
                field = accessor.get_field(record)
            except FieldDoesNotExist:
                field = None
            display = f"get_{remainder}_display"
            if getattr(field, "choices", ()) and getattr(penultimate, display, None):
                if penultimate is record:
                    return lambda rec: (getattr(rec, display)(), True)
                return lambda rec: _choices(accessor, rec, display)
            if (
                penultimate is record
                and isinstance(field, models.Field)
                and not field.is_relation
                and accessor == field.name
            ):
                return lambda rec: (getattr(rec, remainder), True)
        return lambda rec: _generic(accessor, rec)

    def html(self, row: Any) -> Any:
        record = row.record
        if self.read is None:
            self.read = self._plan(record)
        value, found = self.read(record)
        if not found and self.linked_text:
            return self._call(row, None)
        if value in self.empty_values:
            return self.default
        return self._call(row, value)

    def _call(self, row: Any, value: Any) -> Any:
        given = {
            "value": value,
            "record": row.record,
            "column": self.column,
            "bound_column": self.bound_column,
            "bound_row": row,
            "table": self.table,
        }
        content = (
            self.render(**{name: given[name] for name in self.arguments}) if self.callable else None
        )
        return self.link(content, **given) if self.link else content


def _choices(accessor: Any, record: Any, display: str) -> tuple[Any, bool]:
    penultimate, _remainder = accessor.penultimate(record)
    if isinstance(penultimate, models.Model):
        return getattr(penultimate, display)(), True
    return _generic(accessor, record)


def _generic(accessor: Any, record: Any) -> tuple[Any, bool]:
    try:
        return accessor.resolve(record), True
    except Exception:  # noqa: BLE001 — as django-tables2: a column not backed by a field
        return None, False


def supported(table: Any) -> bool:
    """Whether :func:`render_tbody` writes exactly what the template would for ``table``."""
    if _has_callable(table.row_attrs):
        return False
    if _has_callable(table.attrs.get("td")) or _has_callable(table.attrs.get("cell")):
        return False
    for bound_column in table.columns:
        column = bound_column.column
        if column.localize is not None or isinstance(column, ManyToManyColumn):
            return False
        if _has_callable(column.attrs):
            return False
    return True


def render_tbody(table: Any, context: Any) -> SafeString | None:
    """The table's ``<tbody>`` for the current page, or ``None`` when the template must."""
    if not supported(table):
        return None
    cells = [_Cell(table, bound_column) for bound_column in table.columns]
    tbody = table.attrs.get("tbody")
    tbody_html = tbody.as_html() if hasattr(tbody, "as_html") else ""
    parts = [f"\n                <tbody {tbody_html}>\n                "]
    rows = 0
    for row in table.paginated_rows:
        rows += 1
        row_attrs = dict(table.row_attrs)
        css = row.get_even_odd_css_class()
        row_attrs["class"] = f"{row_attrs['class']} {css}" if row_attrs.get("class") else css
        parts.append(_ROW_OPEN.format(AttributeDict(row_attrs).as_html()))
        for cell in cells:
            parts.append(_CELL.format(cell.td, render_value_in_context(cell.html(row), context)))
        parts.append(_ROW_CLOSE)
    if not rows:
        if table.empty_text:
            parts.append(format_html(_EMPTY, len(table.columns), table.empty_text))
        else:
            parts.append("\n                    \n                ")
    parts.append("\n                </tbody>\n            ")
    return mark_safe("".join(parts))  # noqa: S308 — every value above went through escaping
