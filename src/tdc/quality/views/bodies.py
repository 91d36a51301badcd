"""The register of conformity bodies: list, detail, entry, correction, suspension."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from tdc.core.auth import authenticated_user
from tdc.core.forms import style_form
from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet
from tdc.core.views.generic import ScopedDetailView, ScopedEditView, ScopedListView
from tdc.quality import services
from tdc.quality.filters import ConformityBodyFilterSet
from tdc.quality.forms import BodySuspendForm, ConformityBodyForm
from tdc.quality.models import ConformityBody
from tdc.quality.selectors import body_base, body_get_for_user
from tdc.quality.tables import ConformityBodyTable


class BodyListView(ScopedListView):
    model = ConformityBody
    table_class = ConformityBodyTable
    filterset_class = ConformityBodyFilterSet
    create_url_name = "quality:body_create"
    export_name = "conformity-bodies"
    title = _("Conformity bodies")

    def base_queryset(self) -> ScopedQuerySet[ConformityBody]:
        return body_base()


class BodyDetailView(ScopedDetailView):
    model = ConformityBody
    edit_url_name = "quality:body_edit"
    template_name = "quality/body_detail.html"
    detail_fields = (
        *ConformityBody.FIELDS,
        "suspended_from",
        "suspended_until",
        "suspension_reason",
    )

    def base_queryset(self) -> ScopedQuerySet[ConformityBody]:
        return body_base()


class BodyEditView(ScopedEditView):
    model = ConformityBody
    form_class = ConformityBodyForm

    def base_queryset(self) -> ScopedQuerySet[ConformityBody]:
        return body_base()

    def perform_create(self, form: Form) -> ConformityBody:
        user = authenticated_user(self.request)
        if user.province is None:
            raise ValidationError(_("Only a provincial account keeps this register."))
        return services.body_create(by=user, province=user.province, **form.cleaned_data)

    def perform_update(self, form: Form, expected_version: int | None) -> ConformityBody:
        assert isinstance(self.object, ConformityBody)
        return services.body_update(
            body=self.object,
            by=authenticated_user(self.request),
            expected_version=expected_version,
            **form.cleaned_data,
        )


@login_required
def body_suspend(request: HttpRequest, pk: int) -> HttpResponse:
    """Suspend a body from a day, with the reason (shown in the register)."""
    user = authenticated_user(request)
    body = body_get_for_user(user=user, pk=pk, action=Action.CHANGE)
    form = style_form(BodySuspendForm(request.POST if request.method == "POST" else None))
    if request.method == "POST" and form.is_valid():
        data: dict[str, Any] = form.cleaned_data
        try:
            services.body_suspend(
                body=body,
                by=user,
                suspended_from=data["suspended_from"],
                suspended_until=data["suspended_until"],
                reason=data["reason"],
                expected_version=int(request.POST.get("_version") or body.version),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return HttpResponseRedirect(body.get_absolute_url())
    return render(
        request,
        "quality/step_form.html",
        {"object": body, "form": form, "title": _("Suspend the body"), "version": body.version},
    )
