"""Screens for system administrators to read and correct versioned reference data.

Every table built on :class:`~tdc.core.models.VersionedReference` (holidays, instrument types,
violation catalogue, risk weights, deadlines…) is listed; a row is corrected through
:func:`tdc.core.refdata.reference_row_update` (audited, with a reason) or superseded from a
date through :func:`tdc.core.refdata.reference_row_supersede`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdc.core.auth import authenticated_user
from tdc.core.exceptions import ConcurrentEditError
from tdc.core.forms import style_form
from tdc.core.models import ReferenceConfidence, VersionedReference
from tdc.core.refdata import _editable_fields, reference_row_supersede, reference_row_update
from tdc.core.roles import Action
from tdc.core.scoping import user_may


def reference_models() -> dict[str, type[VersionedReference]]:
    """Concrete reference tables by ``app_label.model_name``."""
    return {
        m._meta.label_lower: m
        for m in apps.get_models()
        if issubclass(m, VersionedReference) and not m._meta.abstract
    }


def _table(request: HttpRequest, table: str) -> type[VersionedReference]:
    model = reference_models().get(table)
    if model is None:
        raise Http404
    if not user_may(request.user, model, Action.CHANGE):
        raise PermissionDenied
    return model


class ReferenceRowForm(forms.ModelForm):  # type: ignore[type-arg]
    reason = forms.CharField(
        label=_("Reason for the change"),
        help_text=_("E.g. the official text that confirms the value; it is kept in the history."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    supersede_from = forms.DateField(
        label=_("Start a new version from"),
        required=False,
        help_text=_(
            "Leave empty to correct this row. Give a date to keep this row for earlier days "
            "and apply the new values from that date."
        ),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


def _form_class(model: type[VersionedReference]) -> type[ReferenceRowForm]:
    fields = sorted(_editable_fields(model))
    meta = type("Meta", (), {"model": model, "fields": fields})
    return type(f"{model.__name__}RowForm", (ReferenceRowForm,), {"Meta": meta})


@login_required
def reference_index(request: HttpRequest) -> HttpResponse:
    tables = [
        (label, model._meta.verbose_name_plural, model._default_manager.count())
        for label, model in sorted(reference_models().items())
        if user_may(request.user, model, Action.CHANGE)
    ]
    if not tables:
        raise PermissionDenied
    return render(request, "core/reference/index.html", {"tables": tables})


@login_required
def reference_table(request: HttpRequest, table: str) -> HttpResponse:
    model = _table(request, table)
    rows = model._default_manager.order_by("-effective_from", "pk")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/reference/table.html",
        {"table": table, "model_name": model._meta.verbose_name_plural, "page": page},
    )


@login_required
def reference_row_edit(request: HttpRequest, table: str, pk: int) -> HttpResponse:
    model = _table(request, table)
    row = model._default_manager.filter(pk=pk).first()
    if row is None:
        raise Http404
    form = style_form(_form_class(model)(request.POST or None, instance=row))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason, start = data.pop("reason"), data.pop("supersede_from")
        changed = {name: value for name, value in data.items() if name in form.changed_data}
        try:
            if start:
                reference_row_supersede(
                    row=row,
                    by=authenticated_user(request),
                    effective_from=start,
                    reason=reason,
                    **changed,
                )
            else:
                expected = request.POST.get("_version")
                reference_row_update(
                    row=row,
                    by=authenticated_user(request),
                    expected_version=int(expected) if expected else None,
                    reason=reason,
                    **changed,
                )
        except (ValidationError, ConcurrentEditError) as exc:
            form.add_error(None, exc)
        else:
            return redirect("core:reference_table", table=table)
    context: dict[str, Any] = {"form": form, "row": row, "table": table}
    return render(request, "core/reference/edit.html", context)


__all__ = ["models", "reference_index", "reference_row_edit", "reference_table"]


@login_required
def reference_unconfirmed(request: HttpRequest) -> HttpResponse:
    """Every reference row marked unconfirmed and in force today, with where it is used and its
    source, so that the province can confirm or correct them one by one (issue 11).

    A table says where its rows are used with a ``USED_FOR`` class attribute; rows flagged with
    ``removal_unconfirmed`` are listed too.
    """
    today = timezone.localdate()
    groups = []
    for label, model in sorted(reference_models().items()):
        if not user_may(request.user, model, Action.CHANGE):
            continue
        condition = Q(confidence=ReferenceConfidence.UNCONFIRMED)
        if any(f.name == "removal_unconfirmed" for f in model._meta.concrete_fields):
            condition |= Q(removal_unconfirmed=True)
        rows = list(model._default_manager.in_force_on(today).filter(condition).order_by("pk"))
        if rows:
            used_for = getattr(model, "USED_FOR", "") or model._meta.verbose_name_plural
            groups.append((label, model._meta.verbose_name_plural, used_for, rows))
    if not any(user_may(request.user, m, Action.CHANGE) for m in reference_models().values()):
        raise PermissionDenied
    return render(
        request,
        "core/reference/unconfirmed.html",
        {"groups": groups, "today": today, "total": sum(len(g[3]) for g in groups)},
    )
