"""Template tags other apps' pages use to show prepackaged-goods records without importing this
app's views (e.g. a packer's quantity history on its organisation page)."""

from __future__ import annotations

from typing import Any

from django import template

from tdc.core.roles import Action
from tdc.core.scoping import user_may
from tdc.prepackages.models import QuantityInspection
from tdc.prepackages.selectors import packer_history

register = template.Library()


@register.inclusion_tag("prepackages/partials/packer_history.html", takes_context=True)
def prepackage_history(context: Any, organisation: Any) -> dict[str, Any]:
    """The organisation's quantity inspections the viewer may see: totals and the latest lots."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user_may(user, QuantityInspection, Action.VIEW):
        return {"visible": False}
    history = packer_history(user=user, packer_id=organisation.pk)
    totals = history["totals"]
    lots = totals["lots"] or 0
    return {
        "visible": bool(history["recent"]),
        "organisation": organisation,
        "recent": history["recent"],
        "lots": lots,
        "rejected": totals["rejected"] or 0,
        "rate": round(totals["rejected"] * 100 / lots, 1) if lots else None,
        "shortfall": round(totals["shortfall"], 3) if totals["shortfall"] is not None else None,
    }
