"""Quantity inspection screens: the list, opening a lot, measuring on a phone (each reading
saved at once, running counts from the server), the decision, the minutes PDF, cancelling a
draft."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tdc.core.auth import authenticated_user
from tdc.core.documents import render_pdf
from tdc.core.forms import style_form
from tdc.core.prerequisites import Prerequisite
from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet
from tdc.core.views.generic import ScopedDetailView, ScopedEditView, ScopedListView
from tdc.prepackages import services
from tdc.prepackages.fields import INSPECTION_DETAIL
from tdc.prepackages.filters import QuantityInspectionFilterSet
from tdc.prepackages.forms import InspectionCancelForm, QuantityInspectionForm
from tdc.prepackages.models import QuantityInspection
from tdc.prepackages.rules import (
    Deficiency,
    QuantityKind,
    RuleInputError,
    get_version,
    plain,
    sampling_plan,
)
from tdc.prepackages.rules import tolerable_deficiency as deficiency_of
from tdc.prepackages.rules.running import running_tally
from tdc.prepackages.selectors import (
    inspection_base,
    inspection_get_for_user,
    inspection_measurements,
)
from tdc.prepackages.tables import QuantityInspectionTable
from tdc.registry.selectors import organisation_prerequisite


class QuantityInspectionListView(ScopedListView):
    model = QuantityInspection
    table_class = QuantityInspectionTable
    filterset_class = QuantityInspectionFilterSet
    create_url_name = "prepackages:inspection_create"
    export_name = "quantity-inspections"

    def base_queryset(self) -> ScopedQuerySet[QuantityInspection]:
        return inspection_base()


class QuantityInspectionEditView(ScopedEditView):
    model = QuantityInspection
    form_class = QuantityInspectionForm

    def base_queryset(self) -> ScopedQuerySet[QuantityInspection]:
        return inspection_base()

    def get_prerequisites(self) -> list[Prerequisite]:
        return [
            organisation_prerequisite(
                user=self.request.user, label=_("A packer or importer in the register")
            )
        ]

    def perform_create(self, form: Form) -> QuantityInspection:
        return services.inspection_create(by=authenticated_user(self.request), **form.cleaned_data)

    def perform_update(self, form: Form, expected_version: int | None) -> QuantityInspection:
        assert isinstance(self.object, QuantityInspection)
        return services.inspection_update(
            inspection=self.object,
            by=authenticated_user(self.request),
            expected_version=expected_version,
            **form.cleaned_data,
        )

    def form_valid(self, form: Form) -> HttpResponse:
        response = super().form_valid(form)
        # A new lot goes straight to the measurement screen.
        if self.object is None and response.status_code in (204, 302):
            target = response.get("HX-Location") or response.get("Location") or ""
            measure = target.rstrip("/") + "/measure/"
            if response.status_code == 204:
                # A full page load, so that the measurement screen's script starts cleanly.
                del response["HX-Location"]
                response["HX-Redirect"] = measure
            else:
                response["Location"] = measure
        return response


class QuantityInspectionDetailView(ScopedDetailView):
    model = QuantityInspection  # ScopedDetailView's model is a ClassVar
    template_name = "prepackages/inspection_detail.html"
    edit_url_name = "prepackages:inspection_edit"
    detail_fields = INSPECTION_DETAIL

    def base_queryset(self) -> ScopedQuerySet[QuantityInspection]:
        return inspection_base()

    def field_rows(self, obj: Any) -> list[tuple[str, Any]]:
        """Quantities without the storage's trailing zeros (500, not 500.000000000)."""
        return [
            (label, plain(value) if isinstance(value, Decimal) else value)
            for label, value in super().field_rows(obj)
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        insp = context["object"]
        context["can_change"] = context["can_change"] and insp.is_draft
        context["measurements"] = inspection_measurements(insp)
        return context


def _deficiency(insp: QuantityInspection) -> Deficiency:
    return deficiency_of(
        nominal_quantity=insp.nominal_quantity,
        unit=insp.unit,
        version=get_version(insp.rules_version),
        quantity_kind=QuantityKind(insp.quantity_kind),
    )


def _limits(deficiency: Deficiency) -> dict[str, str]:
    """T, Qmin and Qn − 2T as the screens and the minutes print them."""
    return {
        "t": plain(deficiency.tolerable_deficiency),
        "q_min": plain(deficiency.q_min),
        "t2": plain(deficiency.t2_limit),
    }


def running_context(insp: QuantityInspection) -> dict[str, Any]:
    """What the measurement screen shows: every sample row and the running tally, computed by
    the rules module from the readings saved so far (net quantities only)."""
    readings = {m.position: m for m in inspection_measurements(insp)}
    rows = []
    for i, unit_position in enumerate(insp.sample_positions, 1):
        reading = readings.get(i)
        rows.append(
            {
                "position": i,
                "unit_position": unit_position,
                "reading": reading,
                # As typed back into the input: a plain decimal with a point ("500", "498.6").
                "value_text": plain(reading.value) if reading else "",
                "tare_text": plain(reading.tare) if reading and reading.tare is not None else "",
            }
        )
    deficiency = _deficiency(insp)
    version = get_version(insp.rules_version)
    plan_allowed = sampling_plan(lot_size=insp.lot_size, version=version).t1_allowed
    nets = []
    average_tare = None
    if insp.tare_method == "average" and insp.tare_values:
        tares = [Decimal(v) for v in insp.tare_values]
        average_tare = sum(tares) / len(tares)
    for m in readings.values():
        if insp.tare_method == "net":
            nets.append(m.value)
        elif insp.tare_method == "average" and average_tare is not None:
            nets.append(m.value - average_tare)
        elif m.tare is not None:
            nets.append(m.value - m.tare)
    tally = running_tally(nets, deficiency)
    return {
        "object": insp,
        "rows": rows,
        "tally": tally,
        "entered": len(readings),
        "complete": len(readings) >= insp.sample_size,
        "t1_allowed": plan_allowed,
        "limits": _limits(deficiency),
        "t1_over": tally.t1_count > plan_allowed,
    }


@login_required
@require_http_methods(["GET", "POST"])
def inspection_measure(request: HttpRequest, pk: int) -> HttpResponse:
    """The phone screen: one large input per sampled unit. Each value is POSTed as it is
    entered and saved at once; the answer is the running tally (HTMX partial)."""
    insp = inspection_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    if request.method == "GET":
        if not insp.is_draft:
            return redirect(insp.get_absolute_url())
        return render(request, "prepackages/inspection_measure.html", running_context(insp))
    if "_finalise" in request.POST:
        return _finalise(request, insp)
    errors: list[str] = []
    position_raw = request.POST.get("position", "")
    try:
        position = int(position_raw)
    except ValueError:
        position = 0
    try:
        if request.POST.get("_remove"):
            services.measurement_remove(
                inspection=insp, position=position, by=authenticated_user(request)
            )
        else:
            services.measurement_record(
                inspection=insp,
                position=position,
                value=request.POST.get("value"),
                tare=request.POST.get("tare"),
                by=authenticated_user(request),
            )
    except ValidationError as exc:
        errors = (
            [str(m) for messages in exc.message_dict.values() for m in messages]
            if hasattr(exc, "error_dict")
            else [str(m) for m in exc.messages]
        )
    insp.refresh_from_db()
    context = running_context(insp)
    context.update(position=position, errors=errors, saved=not errors)
    # Always 200: HTMX swaps the tally and the row's message (a refusal is shown, not lost).
    return render(request, "prepackages/partials/running.html", context)


def _finalise(request: HttpRequest, insp: QuantityInspection) -> HttpResponse:
    try:
        services.inspection_finalise(inspection=insp, by=authenticated_user(request))
    except ValidationError as exc:
        context = running_context(insp)
        context["finalise_errors"] = exc.messages
        return render(request, "prepackages/inspection_measure.html", context, status=422)
    return redirect(insp.get_absolute_url())


def minutes_context(insp: QuantityInspection) -> dict[str, Any]:
    """What the minutes print: every reading with its net quantity, T and its limits, the
    decision and the rules version."""
    try:
        limits = _limits(_deficiency(insp))
    except RuleInputError:
        limits = None
    result = insp.result or {}
    readings = inspection_measurements(insp)
    nets = result.get("net_quantities") or []
    rows = []
    for i, m in enumerate(readings):
        rows.append(
            {
                "position": m.position,
                "unit_position": m.unit_position,
                "value": plain(m.value),
                "tare": plain(m.tare) if m.tare is not None else "",
                "net": nets[i] if i < len(nets) else "",
            }
        )
    version = get_version(insp.rules_version)
    return {
        "inspection": insp,
        "result": result,
        "rows": rows,
        "limits": limits,
        "version": version,
        "draft": insp.is_draft,
        "printed_at": timezone.localtime(),
        "nominal": plain(insp.nominal_quantity),
    }


def minutes_pdf(insp: QuantityInspection) -> HttpResponse:
    """The minutes as a PDF download (a draft's file is named after its id)."""
    pdf = render_pdf(template_code="prepackage_minutes", context=minutes_context(insp))
    name = (insp.minutes_number or f"du-thao-{insp.pk}").replace("/", "-")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, f"bien-ban-{name}.pdf")
    return response


@login_required
def inspection_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    """The minutes as PDF: every reading, the decision with its reasons and the rules version.
    A draft prints as such (no number, marked DỰ THẢO)."""
    return minutes_pdf(inspection_get_for_user(user=request.user, pk=pk))


@login_required
@require_http_methods(["GET", "POST"])
def inspection_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancel a draft inspection opened by mistake: kept with its reason, never deleted."""
    insp = inspection_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    form = style_form(InspectionCancelForm(request.POST or None))
    if request.method == "POST" and form.is_valid():
        try:
            services.inspection_cancel(
                inspection=insp, by=authenticated_user(request), reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("prepackages:inspection_detail", pk=insp.pk)
    context = {"form": form, "object": insp, "title": _("Cancel the inspection")}
    return render(request, "prepackages/inspection_cancel.html", context)
