"""Screens of verifications, certificates and sticker/stamp stock under /metrology/."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdc.core.auth import authenticated_user
from tdc.core.forms import style_form
from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet, get_for_user_or_404, user_may
from tdc.core.views_generic import ScopedDetailView, ScopedEditView, ScopedListView
from tdc.metrology import services
from tdc.metrology.fields import CERTIFICATE_DETAIL, STAMP_BATCH_ENTRY, VERIFICATION_DETAIL
from tdc.metrology.filters import CertificateFilterSet, StampBatchFilterSet, VerificationFilterSet
from tdc.metrology.forms import (
    CertificateReasonForm,
    StampBatchForm,
    StampVoidForm,
    VerificationForm,
)
from tdc.metrology.models import Certificate, Instrument, StampBatch, Verification
from tdc.metrology.rules import Evaluation
from tdc.metrology.selectors import (
    certificate_base,
    certificate_document_context,
    instrument_type_names,
    instrument_type_rule_on,
    public_path,
    stamp_batch_base,
    stamp_batch_uses,
    stamp_stock,
    verification_base,
    verification_certificate,
    verification_detail_base,
    verification_instrument_get,
    verification_instruments,
)
from tdc.metrology.selectors import (
    stamp_stock_report as stock_report,
)
from tdc.metrology.tables import CertificateTable, StampBatchTable, VerificationTable
from tdc.metrology.views.common import action_form, add_errors, certificate_pdf_response

if TYPE_CHECKING:
    from tdc.accounts.models import User

# --- verifications ----------------------------------------------------------------------------


class VerificationListView(ScopedListView):
    model = Verification
    table_class = VerificationTable
    filterset_class = VerificationFilterSet
    create_url_name = "metrology:verification_create"
    export_name = "verifications"

    def base_queryset(self) -> ScopedQuerySet[Verification]:
        return verification_base()


class VerificationDetailView(ScopedDetailView):
    model = Verification
    template_name = "metrology/verification_detail.html"
    detail_fields = VERIFICATION_DETAIL

    def base_queryset(self) -> ScopedQuerySet[Verification]:
        return verification_detail_base()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        verification: Verification = context["object"]
        context["points"] = list(verification.points.all())
        context["standard_uses"] = list(verification.standard_uses.all())
        context["certificate"] = verification_certificate(verification)
        return context


@login_required
def verification_instrument_search(request: HttpRequest) -> HttpResponse:
    """HTMX: instruments matching the chosen type and the typed serial, to pick one."""
    if not user_may(request.user, Verification, Action.CREATE):
        raise PermissionDenied
    serial = (request.GET.get("serial") or "").strip()
    type_code = (request.GET.get("type_code") or "").strip()
    found = list(verification_instruments(request.user, type_code, serial)[:10]) if serial else []
    return render(
        request,
        "metrology/partials/verification_instruments.html",
        {"instruments": found, "serial": serial, "selected": request.GET.get("selected")},
    )


def _chosen_instrument(form: VerificationForm, user: Any) -> Instrument | None:
    pk = form.cleaned_data.get("instrument")
    if not pk:
        return None
    instrument = verification_instrument_get(user, pk)
    if instrument is None:
        form.add_error(
            "instrument",
            _("This instrument is outside the provinces you are designated for; choose another."),
        )
    return instrument


def _record(form: VerificationForm, user: User) -> Verification | None:
    instrument = _chosen_instrument(form, user)
    if instrument is None:
        return None
    try:
        points = form.points()
    except ValidationError as exc:
        form.add_error(None, exc)
        return None
    data = form.cleaned_data
    try:
        return services.verification_record(
            by=user,
            instrument=instrument,
            kind=data["kind"],
            verified_on=data["verified_on"],
            organisation=data["organisation"],
            verifier=data["verifier"],
            standards=data["standards"],
            points=points,
            params=data["params"],
            place=data["place"],
            place_address=data["place_address"],
            stamp_serial=data["stamp_serial"],
            result=data["result"] or None,
            failure_reason=data["failure_reason"],
            notes=data["notes"],
            signatory_name=data["signatory_name"],
            signatory_title=data["signatory_title"],
        )
    except ValidationError as exc:
        add_errors(form, exc)
        return None


@login_required
def verification_create(request: HttpRequest) -> HttpResponse:
    """The verification entry form: instrument by type and serial, test points as rows."""
    if not user_may(request.user, Verification, Action.CREATE):
        raise PermissionDenied
    form = VerificationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        verification = _record(form, authenticated_user(request))
        if verification is not None:
            return HttpResponseRedirect(verification.get_absolute_url())
    style_form(form)
    return render(request, "metrology/verification_form.html", {"form": form})


@login_required
def verification_preview(request: HttpRequest) -> HttpResponse:
    """HTMX: each entered point's MPE, error and verdict from the rules module (nothing stored)."""
    if not user_may(request.user, Verification, Action.CREATE):
        raise PermissionDenied
    form = VerificationForm(
        request.POST if request.method == "POST" else request.GET, user=request.user
    )
    form.is_valid()
    context: dict[str, Any] = {"evaluation": None, "errors": []}
    pk = form.cleaned_data.get("instrument")
    day = form.cleaned_data.get("verified_on")
    instrument = verification_instruments(request.user).filter(pk=pk).first() if pk else None
    if instrument is None or day is None:
        context["errors"] = [_("Choose the instrument and the date to see each point's MPE.")]
        return render(request, "metrology/partials/verification_preview.html", context)
    try:
        rule = instrument_type_rule_on(instrument.type_code, day)
        evaluation: Evaluation | None = services.evaluate_points(
            instrument=instrument,
            rule=rule,
            kind=form.cleaned_data.get("kind") or "initial",
            verified_on=day,
            points=form.points(),
            params=form.cleaned_data.get("params") or {},
        )
    except ValidationError as exc:
        context["errors"] = exc.messages
    else:
        context["evaluation"] = evaluation
        if evaluation is None:
            context["errors"] = [
                _("The rules do not cover this type; enter the result with the procedure.")
            ]
    return render(request, "metrology/partials/verification_preview.html", context)


# --- certificates -----------------------------------------------------------------------------


class CertificateListView(ScopedListView):
    model = Certificate
    table_class = CertificateTable
    filterset_class = CertificateFilterSet
    export_name = "certificates"

    def base_queryset(self) -> ScopedQuerySet[Certificate]:
        return certificate_base()


class CertificateDetailView(ScopedDetailView):
    model = Certificate
    template_name = "metrology/certificate_detail.html"
    detail_fields = CERTIFICATE_DETAIL

    def base_queryset(self) -> ScopedQuerySet[Certificate]:
        return certificate_base()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        certificate: Certificate = context["object"]
        context.update(certificate_document_context(certificate))
        context["public_path"] = public_path(certificate)
        context["can_approve"] = user_may(self.request.user, Certificate, Action.APPROVE)
        context["type_name"] = instrument_type_names().get(certificate.verification.type_code, "")
        return context


@login_required
def certificate_pdf_download(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = get_for_user_or_404(certificate_base(), request.user, Action.VIEW, pk=pk)
    return certificate_pdf_response(certificate)


def _certificate_action(service: Callable[..., Certificate], title: Any) -> Callable[..., Any]:
    @login_required
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        certificate = get_for_user_or_404(certificate_base(), request.user, Action.APPROVE, pk=pk)
        return action_form(
            request,
            obj=certificate,
            form_class=CertificateReasonForm,
            title=str(title).format(number=certificate.number),
            perform=lambda data: service(
                certificate=certificate, by=authenticated_user(request), reason=data["reason"]
            ),
        )

    return view


certificate_revoke = _certificate_action(
    services.certificate_revoke, gettext_lazy("Revoke certificate {number}")
)
certificate_suspend = _certificate_action(
    services.certificate_suspend, gettext_lazy("Suspend certificate {number}")
)
certificate_reinstate = _certificate_action(
    services.certificate_reinstate, gettext_lazy("Reinstate certificate {number}")
)


# --- sticker and stamp stock ------------------------------------------------------------------


class StampBatchListView(ScopedListView):
    model = StampBatch
    table_class = StampBatchTable
    filterset_class = StampBatchFilterSet
    create_url_name = "metrology:stamp_batch_create"
    export_name = "stamp-batches"

    def base_queryset(self) -> ScopedQuerySet[StampBatch]:
        return stamp_batch_base()


class StampBatchEditView(ScopedEditView):
    model = StampBatch
    form_class = StampBatchForm
    title = gettext_lazy("Issue stickers or stamps")

    def base_queryset(self) -> ScopedQuerySet[StampBatch]:
        return stamp_batch_base()

    def perform_create(self, form: Form) -> StampBatch:
        return services.stamp_batch_issue(by=authenticated_user(self.request), **form.cleaned_data)


class StampBatchDetailView(ScopedDetailView):
    model = StampBatch
    template_name = "metrology/stamp_batch_detail.html"
    detail_fields = STAMP_BATCH_ENTRY

    def base_queryset(self) -> ScopedQuerySet[StampBatch]:
        return stamp_batch_base()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        batch: StampBatch = context["object"]
        context["stock"] = stamp_stock([batch])[0]
        context["uses"] = list(stamp_batch_uses(batch)[:200])
        context["can_void"] = user_may(self.request.user, StampBatch, Action.CHANGE)
        return context


@login_required
def stamp_void(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_for_user_or_404(stamp_batch_base(), request.user, Action.CHANGE, pk=pk)
    return action_form(
        request,
        obj=batch,
        form_class=StampVoidForm,
        title=_("Void serials of {batch}").format(batch=batch),
        perform=lambda data: services.stamp_void(
            batch=batch, by=authenticated_user(request), **data
        ),
    )


@login_required
def stamp_stock_report(request: HttpRequest) -> HttpResponse:
    """Issued, used, voided and remaining serials per organisation and kind."""
    if not user_may(request.user, StampBatch, Action.VIEW):
        raise PermissionDenied
    batches = stamp_batch_base().for_user(request.user, Action.VIEW)
    return render(
        request,
        "metrology/stamp_stock.html",
        {"totals": stock_report(batches), "lines": stamp_stock(batches)},
    )
