"""Screens of field inspections, documents, violations and sanction decisions."""

from __future__ import annotations

import base64
import binascii
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdc.core.documents import public_url, qr_data_uri, render_pdf
from tdc.core.forms import style_form
from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet, user_may
from tdc.core.views_generic import ScopedDetailView, ScopedEditView, ScopedListView
from tdc.inspections import selectors, services, sources
from tdc.inspections.choices import Answer, NoticeKind, SignatureRole
from tdc.inspections.filters import InspectionFilterSet, SanctionDecisionFilterSet
from tdc.inspections.forms import (
    DecisionForm,
    InspectionCreateForm,
    InspectionEditForm,
    InstrumentCheckForm,
    NoticeForm,
    PaymentForm,
    ProfitForm,
    RemedyForm,
    TransferForm,
    ViolationForm,
)
from tdc.inspections.models import Inspection, SanctionDecision
from tdc.inspections.tables import InspectionTable, SanctionDecisionTable
from tdc.inspections.views import add_errors, errors_to_messages

# --- Inspections -----------------------------------------------------------------------------


class InspectionListView(ScopedListView):
    model = Inspection
    table_class = InspectionTable
    filterset_class = InspectionFilterSet
    create_url_name = "inspections:inspection_create"
    export_name = "inspections"

    def base_queryset(self) -> ScopedQuerySet[Inspection]:
        return selectors.inspection_base()


@login_required
def inspection_create(request: HttpRequest) -> HttpResponse:
    if not user_may(request.user, Inspection, Action.CREATE):
        raise PermissionDenied
    form = InspectionCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            inspection = services.inspection_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            recent = [
                r
                for r in selectors.recent_inspections(inspection.organisation_id)
                if r.reference != inspection.decision_number
            ]
            if recent:
                messages.warning(
                    request,
                    _("This business was inspected in the last 12 months: {who}.").format(
                        who="; ".join(f"{r.agency} {r.inspected_on:%d/%m/%Y}" for r in recent)
                    ),
                )
            return redirect("inspections:inspection_field", pk=inspection.pk)
    return render(
        request, "inspections/form.html", {"form": style_form(form), "title": _("New inspection")}
    )


class InspectionEditView(ScopedEditView):
    model = Inspection
    form_class = InspectionEditForm

    def base_queryset(self) -> ScopedQuerySet[Inspection]:
        return selectors.inspection_base()

    def perform_update(self, form: Form, expected_version: int | None) -> Inspection:
        assert isinstance(self.object, Inspection)
        return services.inspection_update(
            inspection=self.object,
            by=self.request.user,
            expected_version=expected_version,
            **form.cleaned_data,
        )


class InspectionDetailView(ScopedDetailView):
    model = Inspection
    template_name = "inspections/inspection_detail.html"
    edit_url_name = "inspections:inspection_edit"
    detail_fields = (
        "decision_number",
        "decision_date",
        "organisation",
        "area",
        "campaign",
        "commune",
        "address",
        "inspected_on",
        "status",
        "representative",
        "findings",
        "conclusion",
        "record_number",
        "record_signed_at",
        "suspension_due",
        "latitude",
        "longitude",
    )

    def base_queryset(self) -> ScopedQuerySet[Inspection]:
        return selectors.inspection_base()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        obj: Inspection = context["object"]
        user = self.request.user
        violations = selectors.inspection_violations(obj)
        may_decide = Inspection.objects.filter(pk=obj.pk).for_user(user, Action.APPROVE).exists()
        context.update(
            team=obj.team.select_related("user"),
            checklist=selectors.checklist_rows(obj),
            instruments=obj.instrument_checks.all(),
            violations=violations,
            notices=obj.notices.order_by("issued_on", "id"),
            decision=SanctionDecision.objects.filter(inspection=obj).first(),
            quantity_checks=sources.quantity_checks_for(obj, user),
            recent=selectors.recent_inspections(obj.organisation_id, today=obj.inspected_on),
            may_decide=may_decide,
            notice_form=style_form(NoticeForm()) if context["can_change"] else None,
            profit_form=style_form(ProfitForm()) if context["can_change"] else None,
            documents=[
                ("inspections:inspection_pdf_record", _("Inspection record (Mẫu 5. BBKT)")),
                ("inspections:inspection_pdf_suspension", _("Suspension notice (Mẫu 6)")),
                ("inspections:inspection_pdf_resumption", _("Resumption notice (Mẫu 7)")),
                ("inspections:inspection_pdf_sealing", _("Sealing record (Mẫu 8)")),
                ("inspections:inspection_pdf_seal_stickers", _("Seal stickers (Mẫu 9)")),
            ],
        )
        context["can_change"] = context["can_change"] and obj.is_draft
        context["may_record_more"] = selectors.user_may_change(user, obj) and obj.status in {
            "draft",
            "recorded",
        }
        return context


@login_required
def inspection_field(request: HttpRequest, pk: int) -> HttpResponse:
    """The phone page: checklist saved answer by answer, position, photos, signatures."""
    inspection = selectors.inspection_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    context = {
        "object": inspection,
        "checklist": selectors.checklist_rows(inspection),
        "answers": Answer.choices,
        "instrument_form": style_form(
            InstrumentCheckForm(instruments=sources.instruments_of(inspection.organisation_id))
        ),
        "signature_roles": SignatureRole.choices,
        "is_head": inspection.team.filter(
            user_id=getattr(request.user, "pk", 0), role="head"
        ).exists(),
    }
    return render(request, "inspections/inspection_field.html", context)


def _json_error(exc: ValidationError, status: int = 400) -> JsonResponse:
    fields = exc.message_dict if hasattr(exc, "error_dict") else {}
    return JsonResponse(
        {"error": {"code": "invalid", "message": " ".join(exc.messages), "fields": fields}},
        status=status,
    )


@login_required
@require_POST
def inspection_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Save one answer (sent as the user taps; resent from the phone's storage if offline)."""
    inspection = selectors.inspection_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    try:
        row = services.answer_save(
            inspection=inspection,
            by=request.user,
            item_code=request.POST.get("item", ""),
            answer=request.POST.get("answer", ""),
            note=request.POST.get("note", ""),
        )
    except ValidationError as exc:
        return _json_error(exc)
    return JsonResponse({"ok": True, "item": row.item.code, "answer": row.answer})


@login_required
@require_POST
def inspection_position(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.inspection_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    try:
        accuracy = request.POST.get("accuracy")
        services.position_save(
            inspection=inspection,
            by=request.user,
            latitude=Decimal(request.POST.get("latitude", "")),
            longitude=Decimal(request.POST.get("longitude", "")),
            accuracy=Decimal(accuracy) if accuracy else None,
        )
    except (InvalidOperation, ValueError):
        return _json_error(ValidationError(_("The position was not received; try again.")))
    except ValidationError as exc:
        return _json_error(exc)
    return JsonResponse({"ok": True})


@login_required
@require_POST
def inspection_signature(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.inspection_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    data = request.POST.get("signature", "")
    try:
        png = base64.b64decode(data.split(",", 1)[-1], validate=True) if data else b""
        inspection = services.signature_add(
            inspection=inspection, by=request.user, role=request.POST.get("role", ""), png=png
        )
    except (binascii.Error, ValueError):
        return _json_error(ValidationError(_("The signature was not received; sign again.")))
    except ValidationError as exc:
        return _json_error(exc)
    except PermissionDenied as exc:
        return _json_error(ValidationError(str(exc)), status=403)
    return JsonResponse({"ok": True, "signed": inspection.record_signed})


@login_required
@require_POST
def inspection_photo(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.inspection_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    upload = request.FILES.get("photo")
    if upload is None:
        messages.error(request, _("Choose or take a photo first."))
    else:
        try:
            services.photo_add(inspection=inspection, by=request.user, uploaded_file=upload)
        except ValidationError as exc:
            errors_to_messages(request, exc)
        else:
            messages.success(request, _("Photo saved."))
    return redirect("inspections:inspection_field", pk=inspection.pk)


@login_required
@require_POST
def inspection_instrument(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.inspection_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    form = InstrumentCheckForm(
        request.POST, instruments=sources.instruments_of(inspection.organisation_id)
    )
    if form.is_valid():
        try:
            services.instrument_check_add(
                inspection=inspection, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            errors_to_messages(request, exc)
        else:
            messages.success(request, _("Instrument recorded."))
    else:
        messages.error(request, _("Choose an instrument from the register or describe it."))
    return redirect("inspections:inspection_field", pk=inspection.pk)


@login_required
def violation_create(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.inspection_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    rows = selectors.violation_types_in_force(inspection.inspected_on)
    choices = [(row.code, str(row)) for row in rows]
    form = ViolationForm(request.POST or None, choices=choices)
    form.fields["committed_on"].initial = inspection.inspected_on
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.violation_add(
                inspection=inspection,
                by=request.user,
                violation_code=data.pop("violation_type"),
                **data,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Violation recorded."))
            return redirect(inspection.get_absolute_url())
    return render(
        request,
        "inspections/form.html",
        {
            "form": style_form(form),
            "title": _("Violation found at {i}").format(i=inspection),
            "back": inspection.get_absolute_url(),
        },
    )


@login_required
@require_POST
def violation_profit(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.inspection_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    form = ProfitForm(request.POST)
    if form.is_valid():
        violation = inspection.violations.filter(pk=form.cleaned_data["violation"]).first()
        if violation is None:
            raise Http404
        try:
            result = services.violation_profit_set(
                violation=violation,
                by=request.user,
                method=form.cleaned_data["method"],
                inputs=form.inputs(),
            )
        except ValidationError as exc:
            errors_to_messages(request, exc)
        else:
            messages.success(
                request,
                _("Illegal profit: {amount} VND.").format(amount=f"{result.illegal_profit:,.0f}"),
            )
    else:
        messages.error(request, _("Fill in the prices and the quantities of the calculation."))
    return redirect(inspection.get_absolute_url())


@login_required
@require_POST
def notice_issue(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.inspection_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    form = NoticeForm(request.POST)
    if form.is_valid():
        try:
            notice = services.notice_issue(
                inspection=inspection, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            errors_to_messages(request, exc)
        else:
            messages.success(request, _("Issued: {notice}.").format(notice=notice))
    else:
        messages.error(request, _("Choose the document and its date."))
    return redirect(inspection.get_absolute_url())


@login_required
@require_POST
def inspection_close(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.inspection_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    try:
        services.inspection_close(inspection=inspection, by=request.user)
    except ValidationError as exc:
        errors_to_messages(request, exc)
    else:
        messages.success(request, _("The inspection is closed."))
    return redirect(inspection.get_absolute_url())


# --- Documents -----------------------------------------------------------------------------

_DOCUMENTS = {
    "record": ("inspection_record", None),
    "suspension": ("inspection_suspension", NoticeKind.SUSPENSION),
    "resumption": ("inspection_resumption", NoticeKind.RESUMPTION),
    "sealing": ("inspection_sealing", NoticeKind.SEALING),
    "seal-stickers": ("inspection_seal_stickers", NoticeKind.SEALING),
}


DOCUMENT_CODES = tuple(_DOCUMENTS)


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def inspection_document_context(inspection: Inspection, notice_kind: str | None) -> dict[str, Any]:
    notice = (
        inspection.notices.filter(kind=notice_kind).order_by("-issued_on", "-id").first()
        if notice_kind
        else None
    )
    return {
        "inspection": inspection,
        "organisation": inspection.organisation,
        "team": list(inspection.team.select_related("user")),
        "checklist": selectors.checklist_rows(inspection),
        "instruments": list(inspection.instrument_checks.all()),
        "violations": selectors.inspection_violations(inspection),
        "notice": notice,
        "seal_numbers": [
            s.strip() for s in (notice.seal_numbers if notice else "").split(",") if s.strip()
        ],
        "party_signature": _data_uri(inspection.party_signature),
        "head_signature": _data_uri(inspection.head_signature),
        "qr": qr_data_uri(public_url(inspection.get_absolute_url())),
        "today": timezone.localdate(),
    }


def _data_uri(attachment: Any) -> str:
    if attachment is None:
        return ""
    with attachment.file.open("rb") as handle:
        return "data:image/png;base64," + base64.b64encode(handle.read()).decode()


@login_required
def inspection_document(request: HttpRequest, pk: int, document: str) -> HttpResponse:
    inspection = selectors.inspection_get_for_user(user=request.user, pk=pk)
    if document not in _DOCUMENTS:
        raise Http404
    code, kind = _DOCUMENTS[document]
    pdf = render_pdf(template_code=code, context=inspection_document_context(inspection, kind))
    return _pdf_response(pdf, f"{document}-{inspection.pk}.pdf")


# --- Decisions -----------------------------------------------------------------------------


@login_required
def decision_create(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.inspection_get_for_user(user=request.user, pk=pk, action=Action.APPROVE)
    violations = selectors.inspection_violations(inspection)
    form = DecisionForm(request.POST or None, violations=violations)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_issue(
                inspection=inspection,
                by=request.user,
                decided_on=form.cleaned_data["decided_on"],
                fines=form.fines(),
                signed_by_name=form.cleaned_data["signed_by_name"],
                remedies=form.remedies(),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect(decision.get_absolute_url())
    if not inspection.record_signed:
        messages.warning(
            request,
            _("The inspection record is not signed yet: the decision will be refused until it is."),
        )
    return render(
        request,
        "inspections/form.html",
        {
            "form": style_form(form),
            "title": _("Sanction decision for {i}").format(i=inspection),
            "back": inspection.get_absolute_url(),
        },
    )


class DecisionListView(ScopedListView):
    model = SanctionDecision
    table_class = SanctionDecisionTable
    filterset_class = SanctionDecisionFilterSet
    export_name = "sanction-decisions"

    def base_queryset(self) -> ScopedQuerySet[SanctionDecision]:
        return selectors.decision_base()


class DecisionDetailView(ScopedDetailView):
    model = SanctionDecision
    template_name = "inspections/decision_detail.html"
    detail_fields = (
        "number",
        "inspection",
        "decided_on",
        "signed_by_name",
        "total_fine",
        "payment_due",
        "payment_status",
        "paid_on",
        "receipt_number",
        "transferred_to",
        "transferred_on",
        "transfer_reference",
    )

    def base_queryset(self) -> ScopedQuerySet[SanctionDecision]:
        return selectors.decision_base()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        obj = context["object"]
        may_change = selectors.user_may_change(self.request.user, obj)
        context.update(
            may_change=may_change,
            remedies=obj.remedies.order_by("deadline", "id"),
            violations=selectors.inspection_violations(obj.inspection),
            payment_form=style_form(PaymentForm(initial={"paid_on": timezone.localdate()})),
            transfer_form=style_form(TransferForm(initial={"on": timezone.localdate()})),
            remedy_form=style_form(RemedyForm()),
        )
        return context


@login_required
def decision_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_get_for_user(user=request.user, pk=pk)
    context = inspection_document_context(decision.inspection, None)
    context.update(decision=decision, remedies=list(decision.remedies.order_by("deadline")))
    pdf = render_pdf(template_code="inspection_sanction_decision", context=context)
    return _pdf_response(pdf, f"decision-{decision.pk}.pdf")


def _decision_action(request: HttpRequest, pk: int, form_class: Any, call: Any) -> HttpResponse:
    decision = selectors.decision_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            call(decision, form.cleaned_data)
        except ValidationError as exc:
            errors_to_messages(request, exc)
        else:
            messages.success(request, _("Saved."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(decision.get_absolute_url())


@login_required
@require_POST
def decision_payment(request: HttpRequest, pk: int) -> HttpResponse:
    return _decision_action(
        request,
        pk,
        PaymentForm,
        lambda d, data: services.decision_payment_record(decision=d, by=request.user, **data),
    )


@login_required
@require_POST
def decision_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    return _decision_action(
        request,
        pk,
        TransferForm,
        lambda d, data: services.decision_transfer(decision=d, by=request.user, **data),
    )


@login_required
@require_POST
def decision_remedy(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a remedial measure, or mark one done (``done`` = its id)."""
    done = request.POST.get("done")
    if done:
        decision = selectors.decision_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
        remedy = decision.remedies.filter(pk=done if done.isdigit() else 0).first()
        if remedy is None:
            raise Http404
        services.remedy_done(remedy=remedy, by=request.user, done_on=timezone.localdate())
        return redirect(decision.get_absolute_url())
    return _decision_action(
        request,
        pk,
        RemedyForm,
        lambda d, data: services.remedy_add(decision=d, by=request.user, **data),
    )
