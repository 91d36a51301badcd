"""``{% table_body table as body %}``: a list table's rows by the lean path (tdc.core.table_rows),
or nothing when the template's own block must render them."""

from typing import Any

from django import template

from tdc.core import table_rows

register = template.Library()


@register.simple_tag(takes_context=True)
def table_body(context: Any, table: Any) -> str:
    return table_rows.render_tbody(table, context) or ""
