"""Conformity declarations: list, filing (by the business itself or an officer), detail with the
steps the user may take now, and the receipt notice as a numbered PDF."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from tdc.core.auth import authenticated_user
from tdc.core.documents import public_url, qr_data_uri, render_pdf
from tdc.core.forms import style_form
from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet
from tdc.core.views.generic import ScopedDetailView, ScopedEditView, ScopedListView
from tdc.quality import services
from tdc.quality.choices import DeclarationStatus
from tdc.quality.filters import DeclarationFilterSet
from tdc.quality.forms import DeclarationForm, DeclarationStepForm
from tdc.quality.models import Declaration
from tdc.quality.selectors import declaration_base, declaration_get_for_user
from tdc.quality.tables import DeclarationTable
from tdc.quality.workflows import DECLARATION_WORKFLOW


class DeclarationListView(ScopedListView):
    model = Declaration
    table_class = DeclarationTable
    filterset_class = DeclarationFilterSet
    create_url_name = "quality:declaration_create"
    export_name = "conformity-declarations"
    title = _("Conformity declarations")

    def base_queryset(self) -> ScopedQuerySet[Declaration]:
        return declaration_base()


class DeclarationDetailView(ScopedDetailView):
    model = Declaration
    template_name = "quality/declaration_detail.html"
    detail_fields = (
        "receipt_number",
        "status",
        "declarant",
        *Declaration.FIELDS,
        "regime",
        "risk_class",
        "check_due",
        "accepted_on",
        "valid_until",
        "refusal_reason",
        "withdrawn_on",
        "withdrawal_reason",
    )

    def base_queryset(self) -> ScopedQuerySet[Declaration]:
        return declaration_base()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["steps"] = DECLARATION_WORKFLOW.actions_for(context["object"], self.request.user)  # type: ignore[arg-type]
        return context


class DeclarationEditView(ScopedEditView):
    model = Declaration
    form_class = DeclarationForm
    title = _("File a conformity declaration")

    def base_queryset(self) -> ScopedQuerySet[Declaration]:
        return declaration_base()

    def perform_create(self, form: Form) -> Declaration:
        data = dict(form.cleaned_data)
        declarant = data.pop("declarant")
        try:
            return services.declaration_file(
                by=authenticated_user(self.request),
                declarant=declarant,
                received_on=timezone.localdate(),
                **data,
            )
        except PermissionDenied as exc:
            raise ValidationError({"declarant": str(exc)}) from exc


_STEPS = {
    "accept": _("Issue the receipt notice"),
    "refuse": _("Refuse the declaration"),
    "withdraw": _("Withdraw the receipt notice"),
}


@login_required
def declaration_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Issue the receipt notice, refuse or withdraw, as the workflow allows the user now."""
    user = authenticated_user(request)
    obj = declaration_get_for_user(user=user, pk=pk, action=Action.APPROVE)
    if step not in _STEPS:
        raise PermissionDenied
    form = style_form(DeclarationStepForm(request.POST if request.method == "POST" else None))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        on = data.get("on") or timezone.localdate()
        try:
            if step == "accept":
                services.declaration_accept(declaration=obj, by=user, accepted_on=on)
            elif step == "refuse":
                services.declaration_refuse(declaration=obj, by=user, reason=data["reason"])
            else:
                services.declaration_withdraw(
                    declaration=obj, by=user, reason=data["reason"], withdrawn_on=on
                )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return HttpResponseRedirect(obj.get_absolute_url())
    return render(
        request,
        "quality/step_form.html",
        {"object": obj, "form": form, "title": _STEPS[step], "version": obj.version},
    )


@login_required
def declaration_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    """The receipt notice (Thông báo tiếp nhận hồ sơ công bố) as PDF, once issued."""
    obj = declaration_get_for_user(user=request.user, pk=pk)  # type: ignore[arg-type]
    if obj.status not in (DeclarationStatus.ACCEPTED, DeclarationStatus.WITHDRAWN):
        raise PermissionDenied
    lookup = public_url(f"/tra-cuu/cong-bo/?q={obj.receipt_number}")
    context = {"declaration": obj, "qr": qr_data_uri(lookup), "lookup_url": lookup}
    pdf = render_pdf(template_code="quality_declaration_receipt", context=context)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = obj.receipt_number.replace("/", "-") or str(obj.pk)
    response["Content-Disposition"] = content_disposition_header(True, f"thong-bao-{name}.pdf")
    return response
