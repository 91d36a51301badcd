"""Public pages (no account): file a complaint at /phan-anh/, follow it at /tra-cuu/phan-anh/."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tdc.complaints import ratelimit
from tdc.complaints.choices import ComplaintSource
from tdc.complaints.forms import ComplaintPublicForm, TrackingLookupForm
from tdc.complaints.selectors import complaint_public_get
from tdc.complaints.services import complaint_submit, filing_arguments
from tdc.complaints.tracking import new_code, normalise_code
from tdc.core.api.permissions import PublicRateThrottle
from tdc.core.forms import style_form
from tdc.places.selectors import communes_of_province


def rate_limited(request: HttpRequest, wait: int | None) -> HttpResponse:
    """429 with a page saying when to try again (the typed text is not lost: Back keeps it)."""
    minutes = max(1, round((wait or 60) / 60))
    response = render(request, "complaints/rate_limited.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(int(wait or 60))
    return response


def _add_errors(form: ComplaintPublicForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest) -> HttpResponse:
    """The public complaint form: category, place, business, description, photos, contacts."""
    if request.method == "POST":
        wait = ratelimit.retry_after(request)
        if wait is not None:
            return rate_limited(request, wait)
        form = ComplaintPublicForm(request.POST, request.FILES)
        if form.is_bot:
            # Looks like success to the robot; nothing is stored.
            ratelimit.record_filing(request)
            return redirect("complaints_public:submitted", code=new_code())
        if form.is_valid():
            try:
                complaint = complaint_submit(
                    **filing_arguments(form.cleaned_data), source=ComplaintSource.WEB
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                ratelimit.record_filing(request)
                return redirect("complaints_public:submitted", code=complaint.tracking_code)
    else:
        form = ComplaintPublicForm()
    style_form(form)
    return render(request, "complaints/public_form.html", {"form": form})


def commune_options(request: HttpRequest) -> HttpResponse:
    """``<option>`` elements of the communes of ``?province=`` for the public form's picker."""
    code = (request.GET.get("province") or "").strip()[:2]
    communes = communes_of_province(code)
    return render(request, "places/partials/commune_options.html", {"communes": communes})


def complaint_submitted(request: HttpRequest, code: str) -> HttpResponse:
    """The tracking code, shown once the complaint is sent."""
    canonical = normalise_code(code)
    if canonical is None:
        raise Http404
    return render(request, "complaints/public_submitted.html", {"code": canonical})


def _throttled(request: HttpRequest) -> int | None:
    throttle = PublicRateThrottle()
    if throttle.allow_request(request, None):
        return None
    return int(throttle.wait() or 60)


def tracking_lookup(request: HttpRequest) -> HttpResponse:
    """Type the tracking code to see the status of a complaint."""
    form = TrackingLookupForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return redirect("complaints_public:tracking_detail", code=form.cleaned_data["code"])
    style_form(form)
    return render(request, "complaints/tracking_lookup.html", {"form": form})


def tracking_detail(request: HttpRequest, code: str) -> HttpResponse:
    """Status, dates and the public outcome of one complaint; never the reporter or notes."""
    wait = _throttled(request)
    if wait is not None:
        return rate_limited(request, wait)
    complaint = complaint_public_get(code)
    if complaint is None:
        form = style_form(TrackingLookupForm(initial={"code": code}))
        context: dict[str, Any] = {"form": form, "not_found": True}
        return render(request, "complaints/tracking_lookup.html", context, status=404)
    response = render(request, "complaints/tracking_detail.html", {"complaint": complaint})
    response["Cache-Control"] = "no-store"
    return response
