"""Screens of plans, campaigns, risk ranking, de-confliction, other agencies' inspections,
the catalogue and statistics."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdc.core.auth import authenticated_user
from tdc.core.forms import style_form
from tdc.core.refdata import reference_row_update
from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet, get_for_user_or_404, user_may
from tdc.core.views_generic import ScopedDetailView, ScopedEditView, ScopedListView
from tdc.inspections import selectors, services
from tdc.inspections.filters import ExternalInspectionFilterSet, InspectionPlanFilterSet
from tdc.inspections.forms import (
    CampaignForm,
    ExternalInspectionForm,
    PlanForm,
    ReturnForm,
    RiskWeightsForm,
    TargetForm,
    TeamForm,
)
from tdc.inspections.models import ExternalInspection, InspectionPlan, RiskWeights
from tdc.inspections.rules.risk import FACTORS
from tdc.inspections.tables import ExternalInspectionTable, InspectionPlanTable
from tdc.registry.selectors import organisation_get_for_user


def errors_to_messages(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def add_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


# --- Plans -------------------------------------------------------------------------------


class PlanListView(ScopedListView):
    model = InspectionPlan
    table_class = InspectionPlanTable
    filterset_class = InspectionPlanFilterSet
    create_url_name = "inspections:plan_create"
    export_name = "inspection-plans"

    def base_queryset(self) -> ScopedQuerySet[InspectionPlan]:
        return selectors.plan_base()


class PlanDetailView(ScopedDetailView):
    model = InspectionPlan
    template_name = "inspections/plan_detail.html"
    edit_url_name = "inspections:plan_edit"
    detail_fields = (
        "province",
        "year",
        "title",
        "legal_basis",
        "status",
        "return_reason",
        "approved_by",
        "approved_at",
    )

    def base_queryset(self) -> ScopedQuerySet[InspectionPlan]:
        return selectors.plan_base()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        plan = context["object"]
        user = self.request.user
        context.update(
            campaigns=plan.campaigns.order_by("start_date", "id"),
            can_change=context["can_change"] and plan.is_editable,
            may_approve=InspectionPlan.objects.filter(pk=plan.pk)
            .for_user(user, Action.APPROVE)
            .exists(),
            return_form=style_form(ReturnForm()),
        )
        return context


class PlanEditView(ScopedEditView):
    model = InspectionPlan
    form_class = PlanForm

    def base_queryset(self) -> ScopedQuerySet[InspectionPlan]:
        return selectors.plan_base()

    def perform_create(self, form: Form) -> InspectionPlan:
        return services.plan_create(by=self.request.user, **form.cleaned_data)

    def perform_update(self, form: Form, expected_version: int | None) -> InspectionPlan:
        assert isinstance(self.object, InspectionPlan)
        return services.plan_update(
            plan=self.object,
            by=self.request.user,
            expected_version=expected_version,
            **form.cleaned_data,
        )


def _plan_action(request: HttpRequest, pk: int, action: str, call: Any) -> HttpResponse:
    plan = selectors.plan_get_for_user(user=request.user, pk=pk, action=action)
    try:
        call(plan)
    except ValidationError as exc:
        errors_to_messages(request, exc)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    return redirect(plan.get_absolute_url())


@login_required
@require_POST
def plan_submit(request: HttpRequest, pk: int) -> HttpResponse:
    def call(plan: InspectionPlan) -> None:
        services.plan_submit(plan=plan, by=request.user)
        messages.success(request, _("The plan was submitted to the provincial leaders."))

    return _plan_action(request, pk, Action.CHANGE, call)


@login_required
@require_POST
def plan_approve(request: HttpRequest, pk: int) -> HttpResponse:
    def call(plan: InspectionPlan) -> None:
        services.plan_approve(plan=plan, by=request.user)
        messages.success(request, _("The plan is approved."))

    return _plan_action(request, pk, Action.APPROVE, call)


@login_required
@require_POST
def plan_return(request: HttpRequest, pk: int) -> HttpResponse:
    def call(plan: InspectionPlan) -> None:
        services.plan_return(plan=plan, by=request.user, reason=request.POST.get("reason", ""))
        messages.success(request, _("The plan was returned to the officers."))

    return _plan_action(request, pk, Action.APPROVE, call)


@login_required
def campaign_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(plan=plan, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect(campaign.get_absolute_url())
    return render(
        request,
        "inspections/form.html",
        {
            "form": style_form(form),
            "title": _("New campaign of {plan}").format(plan=plan),
            "back": plan.get_absolute_url(),
        },
    )


# --- Campaigns -----------------------------------------------------------------------------


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_get_for_user(user=request.user, pk=pk)
    may_change = selectors.user_may_change(request.user, campaign) and campaign.plan.is_editable
    context = {
        "object": campaign,
        "conflicts": selectors.campaign_conflicts(campaign),
        "may_change": may_change,
        "target_form": style_form(TargetForm(user=request.user)) if may_change else None,
        "team_form": style_form(TeamForm(province_id=campaign.plan.province_id))
        if may_change
        else None,
    }
    return render(request, "inspections/campaign_detail.html", context)


@login_required
@require_POST
def campaign_target_add(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    form = TargetForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose an organisation to add as a target."))
        return redirect(campaign.get_absolute_url())
    try:
        _target, conflicts = services.campaign_target_add(
            campaign=campaign, by=request.user, **form.cleaned_data
        )
    except ValidationError as exc:
        errors_to_messages(request, exc)
    else:
        if conflicts:
            messages.warning(
                request,
                _(
                    "Warning: {org} was inspected in the last 12 months ({who}); make sure this "
                    "inspection does not duplicate it."
                ).format(
                    org=form.cleaned_data["organisation"],
                    who="; ".join(
                        f"{c.agency} {c.inspected_on:%d/%m/%Y} {c.reference}" for c in conflicts
                    ),
                ),
            )
        else:
            messages.success(request, _("Target added."))
    return redirect(campaign.get_absolute_url())


@login_required
@require_POST
def campaign_team_add(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    form = TeamForm(request.POST, province_id=campaign.plan.province_id)
    if not form.is_valid():
        messages.error(request, _("Choose an officer and a role."))
        return redirect(campaign.get_absolute_url())
    try:
        services.campaign_team_add(campaign=campaign, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        errors_to_messages(request, exc)
    return redirect(campaign.get_absolute_url())


# --- Risk ----------------------------------------------------------------------------------


@login_required
def risk_ranking(request: HttpRequest) -> HttpResponse:
    """Organisations ranked by risk score with each factor's contribution; staff only."""
    context: dict[str, Any] = {"allowed": selectors.may_see_risk(request.user)}
    if context["allowed"]:
        try:
            ranked, weights = selectors.risk_ranking(user=request.user)
        except ValidationError as exc:
            errors_to_messages(request, exc)
            ranked, weights = [], None
        top = max((r.score.total for r in ranked), default=0) or 1
        context.update(
            ranked=ranked,
            weights=weights,
            factors=FACTORS,
            top=top,
            may_edit_weights=weights is not None
            and user_may(request.user, RiskWeights, Action.CHANGE),
        )
    return render(request, "inspections/risk_ranking.html", context)


@login_required
def risk_weights_edit(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_for_user_or_404(RiskWeights.objects.all(), request.user, Action.CHANGE, pk=pk)
    form = RiskWeightsForm(request.POST or None, instance=row)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        try:
            reference_row_update(
                row=row,
                by=authenticated_user(request),
                expected_version=row.version,
                reason=reason,
                **data,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The weights were changed; the ranking uses them now."))
            return redirect("inspections:risk_ranking")
    return render(
        request,
        "inspections/form.html",
        {
            "form": style_form(form),
            "title": _("Risk-score weights {row}").format(row=row),
            "back": "../../",
        },
    )


@login_required
def organisation_history(request: HttpRequest, pk: int) -> HttpResponse:
    """De-confliction: who inspected this business in the last 12 months."""
    organisation = organisation_get_for_user(user=request.user, pk=pk)
    allowed = user_may(request.user, ExternalInspection, Action.VIEW)
    context = {
        "organisation": organisation,
        "allowed": allowed,
        "recent": selectors.recent_inspections(organisation.pk) if allowed else [],
    }
    return render(request, "inspections/organisation_history.html", context)


# --- Other agencies' inspections -----------------------------------------------------------


class ExternalInspectionListView(ScopedListView):
    model = ExternalInspection
    table_class = ExternalInspectionTable
    filterset_class = ExternalInspectionFilterSet
    create_url_name = "inspections:external_create"
    export_name = "other-agency-inspections"

    def base_queryset(self) -> ScopedQuerySet[ExternalInspection]:
        return selectors.external_base()


class ExternalInspectionDetailView(ScopedDetailView):
    model = ExternalInspection
    detail_fields = ("organisation", "agency", "inspected_on", "subject", "reference", "notes")

    def base_queryset(self) -> ScopedQuerySet[ExternalInspection]:
        return selectors.external_base()


class ExternalInspectionEditView(ScopedEditView):
    model = ExternalInspection
    form_class = ExternalInspectionForm

    def base_queryset(self) -> ScopedQuerySet[ExternalInspection]:
        return selectors.external_base()

    def perform_create(self, form: Form) -> ExternalInspection:
        return services.external_inspection_create(by=self.request.user, **form.cleaned_data)

    def perform_update(self, form: Form, expected_version: int | None) -> ExternalInspection:
        assert isinstance(self.object, ExternalInspection)
        return services.external_inspection_update(
            row=self.object,
            by=self.request.user,
            expected_version=expected_version,
            **form.cleaned_data,
        )


# --- Catalogue and statistics --------------------------------------------------------------


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    """The violations catalogue in force on a day (reference data, every signed-in user)."""
    day = timezone.localdate()
    raw = request.GET.get("on")
    if raw:
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:
            messages.error(request, _("Give the date as YYYY-MM-DD."))
    rows = selectors.violation_types_in_force(day)
    return render(request, "inspections/catalogue.html", {"rows": rows, "day": day})


def _chart(pairs: list[tuple[str, Any]]) -> str:
    return json.dumps({"labels": [p[0] for p in pairs], "data": [float(p[1]) for p in pairs]})


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    year = request.GET.get("year")
    stats = selectors.statistics(
        user=request.user, year=int(year) if year and year.isdigit() else None
    )
    charts = {
        "area": _chart(stats["by_area"]),
        "month": _chart(stats["by_month"]),
        "commune": _chart(stats["by_commune"]),
        "article": _chart(stats["by_article"]),
        "fines": _chart(
            [
                (_("Proposed"), stats["fines"]["proposed"]),
                (_("Decided"), stats["fines"]["decided"]),
                (_("Paid"), stats["fines"]["paid"]),
            ]
        ),
    }
    return render(
        request, "inspections/statistics.html", {"stats": stats, "charts": charts, "year": year}
    )


@login_required
def dashboard_card(request: HttpRequest) -> HttpResponse:
    stats = selectors.statistics(user=request.user, year=timezone.localdate().year)
    return render(request, "inspections/partials/dashboard_card_body.html", {"stats": stats})


def redirect_back(request: HttpRequest, fallback: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(fallback)
