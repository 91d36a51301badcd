"""The JSON answers of the searchable pickers (``/chon/<kind>/?q=…``)."""

from __future__ import annotations

from dataclasses import asdict

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from tdc.core.auth import authenticated_user
from tdc.core.pickers import PICKER_LIMIT, picker_options

#: Query parameters the endpoint reads itself; the others go to the kind's function.
_OWN = {"q", "id", "limit"}


@never_cache
@require_GET
@login_required
def picker(request: HttpRequest, kind: str) -> JsonResponse:
    """``[{id, label, hint}]``: the records of ``kind`` the user may see whose name matches the
    folded ``q`` (at most 20, best first), or those whose value is one of the ``id``s."""
    try:
        limit = int(request.GET.get("limit") or PICKER_LIMIT)
    except ValueError:
        limit = PICKER_LIMIT
    params = {k: str(v) for k, v in request.GET.items() if k not in _OWN}
    try:
        options = picker_options(
            kind,
            user=authenticated_user(request),
            query=request.GET.get("q", ""),
            ids=request.GET.getlist("id")[:PICKER_LIMIT],
            limit=limit,
            params=params,
        )
    except KeyError:
        return picker_unknown(request, kind)
    return JsonResponse([asdict(o) for o in options], safe=False)


@never_cache
@login_required
def picker_unknown(request: HttpRequest, kind: str) -> JsonResponse:
    """A kind no module declares: 400 in the API's error shape."""
    return JsonResponse(
        {
            "error": {
                "code": "unknown_picker",
                "message": _("There is no list of “{kind}” to choose from.").format(kind=kind),
                "fields": {},
            }
        },
        status=400,
    )
