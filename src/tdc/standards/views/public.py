"""The public catalogue (no account): /tra-cuu/tieu-chuan/ and a document's public page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from tdc.core.api.permissions import PublicRateThrottle
from tdc.standards.choices import StandardKind, Status
from tdc.standards.forms import PublicSearchForm
from tdc.standards.models import Standard
from tdc.standards.selectors import ics_of, public_search, replacement_chain, standard_base

PAGE = 50


def _throttled(request: HttpRequest) -> HttpResponse | None:
    throttle = PublicRateThrottle()
    if not throttle.allow_request(request, None):  # type: ignore[arg-type]
        response = HttpResponse("Quá nhiều yêu cầu; vui lòng thử lại sau.", status=429)
        response["Retry-After"] = str(int(throttle.wait() or 60))
        return response
    return None


def search(request: HttpRequest) -> HttpResponse:
    """Search by number (written loosely), title, ICS code or scope, without accents if need be;
    filters by kind, status today, ICS and year."""
    refused = _throttled(request)
    if refused:
        return refused
    form = PublicSearchForm(request.GET or None)
    rows: list[Standard] = []
    searched = False
    today = timezone.localdate()
    if form.is_valid() and any(form.cleaned_data.values()):
        data = form.cleaned_data
        searched = True
        rows = list(
            public_search(
                query=data["q"],
                kind=data["kind"] if data["kind"] in StandardKind.values else "",
                status=data["status"] if data["status"] in Status.values else "",
                ics=data["ics"],
                year=data["year"],
                on=today,
            )[:PAGE]
        )
    return render(
        request,
        "standards/public/search.html",
        {
            "form": form,
            "rows": [(s, s.status_on(today)) for s in rows],
            "searched": searched,
            "kinds": StandardKind.choices,
            "statuses": Status.choices,
        },
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    refused = _throttled(request)
    if refused:
        return refused
    standard = get_object_or_404(standard_base(), pk=pk)
    today = timezone.localdate()
    return render(
        request,
        "standards/public/detail.html",
        {
            "object": standard,
            "status": standard.status_on(today),
            "events": list(standard.events.all()),
            "chain": replacement_chain(standard),
            "ics": ics_of(standard),
        },
    )
