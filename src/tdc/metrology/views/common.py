"""What the metrology screens share: a service's refusal shown on the form, the small form that
acts on one record through a service (a status change, a suspension, an addition), and the
base views reading through a selector and writing through services."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms import BaseForm, Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from tdc.core.auth import authenticated_user
from tdc.core.exceptions import ConcurrentEditError
from tdc.core.forms import style_form
from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet, get_for_user_or_404, user_may
from tdc.core.views.generic import ScopedEditView
from tdc.metrology.models import Certificate
from tdc.metrology.selectors import certificate_pdf

if TYPE_CHECKING:
    from tdc.accounts.models import User


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


class SelectorMixin:
    """A scoped view reading through a selector: ``selector`` gives its base queryset."""

    selector: ClassVar[Callable[[], ScopedQuerySet[Any]]]

    def base_queryset(self) -> ScopedQuerySet[Any]:
        return type(self).selector()


class ServiceEditView(SelectorMixin, ScopedEditView):
    """Create with ``create_service`` and edit with ``update_service``, which takes the record
    by the keyword ``record_name`` and the version the editor loaded."""

    create_service: ClassVar[Callable[..., models.Model]]
    update_service: ClassVar[Callable[..., models.Model]]
    record_name: ClassVar[str]

    def perform_create(self, form: Form) -> models.Model:
        return type(self).create_service(by=authenticated_user(self.request), **form.cleaned_data)

    def perform_update(self, form: Form, expected_version: int | None) -> models.Model:
        return type(self).update_service(
            **{type(self).record_name: self.object},
            by=authenticated_user(self.request),
            expected_version=expected_version,
            **form.cleaned_data,
        )


def record_action[R: models.Model](
    selector: Callable[[], ScopedQuerySet[R]],
    action: str,
    form_class: type[BaseForm],
    *,
    title: Callable[[R], str],
    perform: Callable[[R, User, dict[str, Any]], Any],
    form_takes_user: bool = False,
    also_may: type[models.Model] | None = None,
) -> Callable[[HttpRequest, int], HttpResponse]:
    """The screen of a small form acting on one record through a service (a status change, a
    suspension, an addition): the record as the user may ``action`` it (404 otherwise; the
    user must also be allowed to create ``also_may`` records), the form titled ``title(record)``
    and, once valid, ``perform(record, actor, cleaned data)``."""

    @login_required
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        record = get_for_user_or_404(selector(), request.user, action, pk=pk)
        if also_may is not None and not user_may(request.user, also_may, Action.CREATE):
            raise PermissionDenied
        return action_form(
            request,
            obj=record,
            form_class=form_class,
            title=title(record),
            perform=lambda data: perform(record, authenticated_user(request), data),
            form_kwargs={"user": request.user} if form_takes_user else None,
        )

    return view
