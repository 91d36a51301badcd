"""Screens of field inspections: list, opening, the record's page and edit, the phone page
(answers, position, signatures, photos, instruments), violations, notices and closing."""

from __future__ import annotations

import base64
import binascii
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tdc.core import prerequisites
from tdc.core.auth import authenticated_user
from tdc.core.forms import style_form
from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet, user_may
from tdc.core.views.generic import ScopedDetailView, ScopedEditView, ScopedListView
from tdc.inspections import selectors, services, sources
from tdc.inspections.choices import Answer, InspectionStatus, SignatureRole, TeamRole
from tdc.inspections.filters import InspectionFilterSet
from tdc.inspections.forms import (
    InspectionCreateForm,
    InspectionEditForm,
    InstrumentCheckForm,
    NoticeForm,
    ProfitForm,
    ViolationForm,
)
from tdc.inspections.models import Inspection, InspectionNotice, SanctionDecision, Violation
from tdc.inspections.tables import InspectionTable
from tdc.inspections.views.common import add_errors, form_step, json_error, record_step
from tdc.inspections.views.documents import DOCUMENT_TITLES

if TYPE_CHECKING:
    from tdc.accounts.models import User

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
            inspection = services.inspection_create(
                by=authenticated_user(request), **form.cleaned_data
            )
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
    needs = selectors.inspection_create_prerequisites(request.user)
    return render(
        request,
        "inspections/form.html",
        {"form": style_form(form), "title": _("New inspection"), **prerequisites.context(needs)},
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
            by=authenticated_user(self.request),
            expected_version=expected_version,
            **form.cleaned_data,
        )


class InspectionDetailView(ScopedDetailView):
    model = Inspection
    template_name = "inspections/inspection_detail.html"
    edit_url_name = "inspections:inspection_edit"
    detail_fields = Inspection.DETAIL_FIELDS

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
            documents=DOCUMENT_TITLES,
        )
        context["can_change"] = context["can_change"] and obj.is_draft
        context["may_record_more"] = selectors.user_may_change(user, obj) and obj.status in {
            InspectionStatus.DRAFT,
            InspectionStatus.RECORDED,
        }
        return context


def _inspection_to_change(request: HttpRequest, pk: int) -> Inspection:
    return selectors.inspection_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)


def _field_page(inspection: Inspection) -> str:
    return reverse("inspections:inspection_field", args=[inspection.pk])


# --- The phone page ----------------------------------------------------------------------------


@login_required
def inspection_field(request: HttpRequest, pk: int) -> HttpResponse:
    """The phone page: checklist saved answer by answer, position, photos, signatures."""
    inspection = _inspection_to_change(request, pk)
    context = {
        "object": inspection,
        "checklist": selectors.checklist_rows(inspection),
        "answers": Answer.choices,
        "instrument_form": style_form(_instrument_form(inspection, None)),
        "signature_roles": SignatureRole.choices,
        "is_head": inspection.team.filter(
            user_id=getattr(request.user, "pk", 0), role=TeamRole.HEAD
        ).exists(),
    }
    return render(request, "inspections/inspection_field.html", context)


@login_required
@require_POST
def inspection_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Save one answer (sent as the user taps; resent from the phone's storage if offline)."""
    inspection = _inspection_to_change(request, pk)
    try:
        row = services.answer_save(
            inspection=inspection,
            by=authenticated_user(request),
            item_code=request.POST.get("item", ""),
            answer=request.POST.get("answer", ""),
            note=request.POST.get("note", ""),
        )
    except ValidationError as exc:
        return json_error(exc)
    return JsonResponse({"ok": True, "item": row.item.code, "answer": row.answer})


@login_required
@require_POST
def inspection_position(request: HttpRequest, pk: int) -> HttpResponse:
    """Record where the team stands (the browser's geolocation)."""
    inspection = _inspection_to_change(request, pk)
    try:
        accuracy = request.POST.get("accuracy")
        services.position_save(
            inspection=inspection,
            by=authenticated_user(request),
            latitude=Decimal(request.POST.get("latitude", "")),
            longitude=Decimal(request.POST.get("longitude", "")),
            accuracy=Decimal(accuracy) if accuracy else None,
        )
    except (InvalidOperation, ValueError):
        return json_error(ValidationError(_("The position was not received; try again.")))
    except ValidationError as exc:
        return json_error(exc)
    return JsonResponse({"ok": True})


@login_required
@require_POST
def inspection_signature(request: HttpRequest, pk: int) -> HttpResponse:
    """Store a signature drawn on the screen (a PNG data URI)."""
    inspection = _inspection_to_change(request, pk)
    data = request.POST.get("signature", "")
    try:
        png = base64.b64decode(data.split(",", 1)[-1], validate=True) if data else b""
        inspection = services.signature_add(
            inspection=inspection,
            by=authenticated_user(request),
            role=request.POST.get("role", ""),
            png=png,
        )
    except (binascii.Error, ValueError):
        return json_error(ValidationError(_("The signature was not received; sign again.")))
    except ValidationError as exc:
        return json_error(exc)
    except PermissionDenied as exc:
        return json_error(ValidationError(str(exc)), status=403)
    return JsonResponse({"ok": True, "signed": inspection.record_signed})


def _photo_add(inspection: Inspection, by: User, request: HttpRequest) -> object:
    upload = request.FILES.get("photo")
    if upload is None:
        raise ValidationError(_("Choose or take a photo first."))
    return services.photo_add(inspection=inspection, by=by, uploaded_file=upload)


inspection_photo = record_step(
    _inspection_to_change, _photo_add, gettext_lazy("Photo saved."), back=_field_page
)


def _instrument_form(inspection: Inspection, data: QueryDict | None) -> InstrumentCheckForm:
    return InstrumentCheckForm(data, instruments=sources.instruments_of(inspection.organisation_id))


inspection_instrument = form_step(
    _inspection_to_change,
    _instrument_form,
    lambda inspection, by, form: services.instrument_check_add(
        inspection=inspection, by=by, **form.cleaned_data
    ),
    gettext_lazy("Instrument recorded."),
    invalid=gettext_lazy("Choose an instrument from the register or describe it."),
    back=_field_page,
)

# --- Violations, notices, closing --------------------------------------------------------------


@login_required
def violation_create(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection_to_change(request, pk)
    rows = selectors.violation_types_in_force(inspection.inspected_on)
    choices = [(row.code, str(row)) for row in rows]
    form = ViolationForm(request.POST or None, choices=choices)
    form.fields["committed_on"].initial = inspection.inspected_on
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.violation_add(
                inspection=inspection,
                by=authenticated_user(request),
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


def _profit_set(inspection: Inspection, by: User, form: ProfitForm) -> Violation:
    violation = inspection.violations.filter(pk=form.cleaned_data["violation"]).first()
    if violation is None:
        raise Http404
    return services.violation_profit_set(
        violation=violation, by=by, method=form.cleaned_data["method"], inputs=form.inputs()
    )


violation_profit = form_step(
    _inspection_to_change,
    lambda _inspection, data: ProfitForm(data),
    _profit_set,
    lambda violation: _("Illegal profit: {amount} VND.").format(
        amount=f"{violation.illegal_profit:,.0f}"
    ),
    invalid=gettext_lazy("Fill in the prices and the quantities of the calculation."),
)


def _notice_issue(inspection: Inspection, by: User, form: NoticeForm) -> InspectionNotice:
    return services.notice_issue(inspection=inspection, by=by, **form.cleaned_data)


notice_issue = form_step(
    _inspection_to_change,
    lambda _inspection, data: NoticeForm(data),
    _notice_issue,
    lambda notice: _("Issued: {notice}.").format(notice=notice),
    invalid=gettext_lazy("Choose the document and its date."),
)
inspection_close = record_step(
    _inspection_to_change,
    lambda inspection, by, _request: services.inspection_close(inspection=inspection, by=by),
    gettext_lazy("The inspection is closed."),
)
