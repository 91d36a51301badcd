"""``{% chart "id" spec label=… y_title=… %}``: one chart of a statistics page, or its
"no data yet" state.

Every chart of the system goes through this tag and ``static/tdc/charts.js``, so they share
the same reading aids: counts on integer axes (no 0.5 steps), titled axes, and a sentence in
place of an empty canvas when there is nothing to draw yet.

``spec`` is ``{"labels": [...], "data": [...]}`` (one series) or ``{"labels": [...],
"datasets": [{"label": ..., "data": [...]}], "stacked": bool}``, as a dict or its JSON text.
"""

from __future__ import annotations

import json
from typing import Any

from django import template
from django.utils.html import format_html, json_script
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


def normalised(spec: Any) -> dict[str, Any]:
    """``spec`` as a dict with ``labels`` and ``datasets``."""
    if isinstance(spec, str):
        spec = json.loads(spec) if spec.strip() else {}
    spec = dict(spec or {})
    if "datasets" not in spec:
        spec["datasets"] = [{"data": list(spec.pop("data", []) or [])}]
    spec.setdefault("labels", [])
    return spec


def has_data(spec: dict[str, Any]) -> bool:
    """Whether any series holds a value other than zero (an all-zero chart reads as empty)."""
    return any(value for dataset in spec["datasets"] for value in dataset.get("data", []) if value)


@register.simple_tag
def chart(
    element_id: str,
    spec: Any,
    *,
    label: str,
    kind: str = "bar",
    y_title: str = "",
    x_title: str = "",
    integer: bool = True,
    box: str = "chart-box",
) -> SafeString:
    """The canvas with its data, or the "no data yet" sentence."""
    data = normalised(spec)
    if not has_data(data):
        return format_html(
            '<p class="text-secondary small mb-0 chart-empty" data-testid="chart-empty">{}</p>',
            _("No data yet for this chart: it fills in as records are entered."),
        )
    data.update(kind=kind, y_title=y_title, x_title=x_title, integer=integer)
    return format_html(
        '{}<div class="{}"><canvas data-chart="{}" role="img" aria-label="{}"></canvas></div>',
        json_script(data, element_id),
        box,
        element_id,
        label,
    )
