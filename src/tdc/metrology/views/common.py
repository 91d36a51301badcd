"""What the metrology screens share: a service's refusal shown on the form, and the small form
that acts on one record through a service (a status change, a suspension, an addition)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from tdc.core.exceptions import ConcurrentEditError
from tdc.core.forms import style_form
from tdc.metrology.models import Certificate
from tdc.metrology.selectors import certificate_pdf


def add_errors(form: BaseForm, exc: ValidationError) -> None:
    """A service's refusal on the form: each message on its field, test-point rows
    (``points.<n>.…``) as “Row n: …”, the rest above the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        key = field if field in form.fields else None
        if key is None and field.startswith("points."):
            row = int(field.split(".")[1]) + 1
            form.add_error(
                None,
                [
                    _("Row {n}: {error}").format(n=row, error=e)
                    for error in errors
                    for e in error.messages
                ],
            )
            continue
        form.add_error(key, errors)


def moved_to(request: HttpRequest, url: str) -> HttpResponse:
    """After a successful write: HTMX follows ``HX-Location``, a plain form is redirected."""
    if getattr(request, "htmx", None):
        response = HttpResponse(status=204)
        response["HX-Location"] = url
        return response
    return HttpResponseRedirect(url)


def action_form(
    request: HttpRequest,
    *,
    obj: models.Model,
    form_class: type[BaseForm],
    title: str,
    perform: Callable[[dict[str, Any]], Any],
    form_kwargs: dict[str, Any] | None = None,
) -> HttpResponse:
    """A small form acting on one record through a service; back to the record when done."""
    form = style_form(form_class(request.POST or None, **(form_kwargs or {})))
    context = {"form": form, "object": obj, "title": title}
    if request.method == "POST" and "_validate" in request.POST:
        # Inline validation when a field loses focus (static/tdc/app.js): nothing is written.
        form.is_valid()
        return render(request, "core/partials/form.html", context)
    if request.method == "POST" and form.is_valid():
        try:
            perform(form.cleaned_data)
        except ConcurrentEditError as exc:
            form.add_error(None, exc)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return moved_to(request, obj.get_absolute_url())  # type: ignore[attr-defined]
    template = "core/partials/form.html" if getattr(request, "htmx", None) else "core/form.html"
    return render(request, template, context)


def certificate_pdf_response(certificate: Certificate) -> HttpResponse:
    """The certificate's PDF as a download named after its number."""
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    name = certificate.number.replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="GCNKD-{name}.pdf"'
    return response
