"""Template helpers for the attachment panel (no queries: the panel loads through HTMX)."""

from __future__ import annotations

from django import template
from django.db import models

register = template.Library()


@register.filter
def record_type(obj: models.Model) -> str:
    """``app_label.model`` of a record, for the panel's ``record_type`` parameter."""
    return f"{obj._meta.app_label}.{obj._meta.model_name}"
