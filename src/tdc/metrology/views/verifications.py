"""Screens of verifications, certificates and sticker/stamp stock under /metrology/."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdc.core import prerequisites
from tdc.core.auth import authenticated_user
from tdc.core.forms import style_form
from tdc.core.roles import Action
from tdc.core.scoping import get_for_user_or_404, user_may
from tdc.core.views.generic import ScopedDetailView, ScopedListView
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
    instrument_not_found,
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
    verification_prerequisites,
)
from tdc.metrology.selectors import (
    stamp_stock_report as stock_report,
)
from tdc.metrology.tables import CertificateTable, StampBatchTable, VerificationTable
from tdc.metrology.views.common import (
    SelectorMixin,
    ServiceEditView,
    add_errors,
    certificate_pdf_response,
    record_action,
)

if TYPE_CHECKING:
    from tdc.accounts.models import User

# --- verifications ----------------------------------------------------------------------------


class VerificationListView(SelectorMixin, ScopedListView):
    model = Verification
    selector = verification_base
    table_class = VerificationTable
    filterset_class = VerificationFilterSet
    create_url_name = "metrology:verification_create"
    export_name = "verifications"


class VerificationDetailView(SelectorMixin, ScopedDetailView):
    model = Verification
    selector = verification_detail_base
    template_name = "metrology/verification_detail.html"
    detail_fields = VERIFICATION_DETAIL

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
    context: dict[str, Any] = {
        "instruments": found,
        "serial": serial,
        "selected": request.GET.get("selected"),
    }
    if serial and not found:
        context.update(instrument_not_found(request.user, type_code, serial))
    return render(request, "metrology/partials/verification_instruments.html", context)


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
    needs = verification_prerequisites(request.user, timezone.localdate())
    return render(
        request,
        "metrology/verification_form.html",
        {"form": form, **prerequisites.context(needs)},
    )


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
        context["errors"] = [
            _("Choose the instrument among those found to see each point's MPE.")
            if instrument is None
            else _("Enter the verification date to see each point's MPE.")
        ]
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


class CertificateListView(SelectorMixin, ScopedListView):
    model = Certificate
    selector = certificate_base
    table_class = CertificateTable
    filterset_class = CertificateFilterSet
    export_name = "certificates"


class CertificateDetailView(SelectorMixin, ScopedDetailView):
    model = Certificate
    selector = certificate_base
    template_name = "metrology/certificate_detail.html"
    detail_fields = CERTIFICATE_DETAIL

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


certificate_revoke = record_action(
    certificate_base,
    Action.APPROVE,
    CertificateReasonForm,
    title=lambda certificate: _("Revoke certificate {number}").format(number=certificate.number),
    perform=lambda certificate, by, data: services.certificate_revoke(
        certificate=certificate, by=by, reason=data["reason"]
    ),
)
certificate_suspend = record_action(
    certificate_base,
    Action.APPROVE,
    CertificateReasonForm,
    title=lambda certificate: _("Suspend certificate {number}").format(number=certificate.number),
    perform=lambda certificate, by, data: services.certificate_suspend(
        certificate=certificate, by=by, reason=data["reason"]
    ),
)
certificate_reinstate = record_action(
    certificate_base,
    Action.APPROVE,
    CertificateReasonForm,
    title=lambda certificate: _("Reinstate certificate {number}").format(number=certificate.number),
    perform=lambda certificate, by, data: services.certificate_reinstate(
        certificate=certificate, by=by, reason=data["reason"]
    ),
)


# --- sticker and stamp stock ------------------------------------------------------------------


class StampBatchListView(SelectorMixin, ScopedListView):
    model = StampBatch
    selector = stamp_batch_base
    table_class = StampBatchTable
    filterset_class = StampBatchFilterSet
    create_url_name = "metrology:stamp_batch_create"
    export_name = "stamp-batches"


class StampBatchEditView(ServiceEditView):
    """Issue a range of serials (a batch is not edited; serials are voided instead)."""

    model = StampBatch
    selector = stamp_batch_base
    form_class = StampBatchForm
    title = gettext_lazy("Issue stickers or stamps")
    create_service = services.stamp_batch_issue


class StampBatchDetailView(SelectorMixin, ScopedDetailView):
    model = StampBatch
    selector = stamp_batch_base
    template_name = "metrology/stamp_batch_detail.html"
    detail_fields = STAMP_BATCH_ENTRY

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        batch: StampBatch = context["object"]
        context["stock"] = stamp_stock([batch])[0]
        context["uses"] = list(stamp_batch_uses(batch)[:200])
        context["can_void"] = user_may(self.request.user, StampBatch, Action.CHANGE)
        return context


stamp_void = record_action(
    stamp_batch_base,
    Action.CHANGE,
    StampVoidForm,
    title=lambda batch: _("Void serials of {batch}").format(batch=batch),
    perform=lambda batch, by, data: services.stamp_void(batch=batch, by=by, **data),
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
