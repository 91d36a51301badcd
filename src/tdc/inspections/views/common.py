"""What the inspections screens share: refusals shown as messages or on the form, JSON errors of
the phone page, and one-click steps (POST, service, message, back to the record)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from tdc.core.auth import authenticated_user

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from tdc.accounts.models import User


def errors_to_messages(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def add_errors(form: BaseForm, exc: ValidationError) -> None:
    """A service's refusal on the form: on its field when the form has one, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def json_error(exc: ValidationError, status: int = 400) -> JsonResponse:
    """The phone page's error body: ``{"error": {"code", "message", "fields"}}``."""
    fields = exc.message_dict if hasattr(exc, "error_dict") else {}
    return JsonResponse(
        {"error": {"code": "invalid", "message": " ".join(exc.messages), "fields": fields}},
        status=status,
    )


def chart(pairs: list[tuple[str, Any]]) -> str:
    """Labels and values as the charts' JSON."""
    return json.dumps({"labels": [p[0] for p in pairs], "data": [float(p[1]) for p in pairs]})


#: Loads the record of a step for the signed-in user (404 outside their scope).
type Loader = Callable[[HttpRequest, int], Any]
#: What to say when a step succeeded: a sentence, or one made from the step's result.
type Done = StrOrPromise | Callable[[Any], StrOrPromise]


def _say_done(request: HttpRequest, done: Done, result: object) -> None:
    messages.success(request, done(result) if callable(done) else done)


def record_step(
    load: Loader,
    step: Callable[[Any, User, HttpRequest], object],
    done: Done,
    back: Callable[[Any], str] | None = None,
) -> Callable[[HttpRequest, int], HttpResponse]:
    """A POST-only screen that does one step on a record and goes back to it (to ``back``'s
    page of the record when given).

    ``step(record, user, request)`` calls the service; its refusal is shown as a message.
    """

    @login_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        record = load(request, pk)
        try:
            result = step(record, authenticated_user(request), request)
        except ValidationError as exc:
            errors_to_messages(request, exc)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            _say_done(request, done, result)
        return redirect(back(record) if back is not None else record.get_absolute_url())

    return view


def form_step[F: BaseForm](
    load: Loader,
    make_form: Callable[[Any, QueryDict], F],
    step: Callable[[Any, User, F], object],
    done: Done,
    invalid: StrOrPromise | None = None,
    back: Callable[[Any], str] | None = None,
) -> Callable[[HttpRequest, int], HttpResponse]:
    """A POST-only screen that checks a small form, does one step and goes back to the record.

    ``step(record, user, valid_form)`` calls the service. An invalid form is reported as
    ``invalid`` when given, else as the form's own errors.
    """

    def with_form(record: Any, by: User, request: HttpRequest) -> object:
        form = make_form(record, request.POST)
        if form.is_valid():
            return step(record, by, form)
        if invalid is not None:
            raise ValidationError(invalid)
        raise ValidationError([error for errors in form.errors.values() for error in errors])

    return record_step(load, with_form, done, back)
