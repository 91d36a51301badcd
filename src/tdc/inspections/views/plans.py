"""Screens of annual plans (list, page, edit, submit, approve, return) and their campaigns."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tdc.core.auth import authenticated_user
from tdc.core.forms import style_form
from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet
from tdc.core.views.generic import ScopedDetailView, ScopedEditView, ScopedListView
from tdc.inspections import selectors, services
from tdc.inspections.filters import InspectionPlanFilterSet
from tdc.inspections.forms import CampaignForm, PlanForm, ReturnForm, TargetForm, TeamForm
from tdc.inspections.models import Campaign, InspectionPlan
from tdc.inspections.tables import InspectionPlanTable
from tdc.inspections.views.common import add_errors, errors_to_messages, record_step

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
    detail_fields = InspectionPlan.DETAIL_FIELDS

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
        return services.plan_create(by=authenticated_user(self.request), **form.cleaned_data)

    def perform_update(self, form: Form, expected_version: int | None) -> InspectionPlan:
        assert isinstance(self.object, InspectionPlan)
        return services.plan_update(
            plan=self.object,
            by=authenticated_user(self.request),
            expected_version=expected_version,
            **form.cleaned_data,
        )


def _plan_to_change(request: HttpRequest, pk: int) -> InspectionPlan:
    return selectors.plan_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)


def _plan_to_decide(request: HttpRequest, pk: int) -> InspectionPlan:
    return selectors.plan_get_for_user(user=request.user, pk=pk, action=Action.APPROVE)


plan_submit = record_step(
    _plan_to_change,
    lambda plan, by, _request: services.plan_submit(plan=plan, by=by),
    gettext_lazy("The plan was submitted to the provincial leaders."),
)
plan_approve = record_step(
    _plan_to_decide,
    lambda plan, by, _request: services.plan_approve(plan=plan, by=by),
    gettext_lazy("The plan is approved."),
)
plan_return = record_step(
    _plan_to_decide,
    lambda plan, by, request: services.plan_return(
        plan=plan, by=by, reason=request.POST.get("reason", "")
    ),
    gettext_lazy("The plan was returned to the officers."),
)


@login_required
def campaign_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_to_change(request, pk)
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(
                plan=plan, by=authenticated_user(request), **form.cleaned_data
            )
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


def _campaign_to_change(request: HttpRequest, pk: int) -> Campaign:
    return selectors.campaign_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)


@login_required
@require_POST
def campaign_target_add(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign_to_change(request, pk)
    form = TargetForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose an organisation to add as a target."))
        return redirect(campaign.get_absolute_url())
    try:
        _target, conflicts = services.campaign_target_add(
            campaign=campaign, by=authenticated_user(request), **form.cleaned_data
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
    campaign = _campaign_to_change(request, pk)
    form = TeamForm(request.POST, province_id=campaign.plan.province_id)
    if not form.is_valid():
        messages.error(request, _("Choose an officer and a role."))
        return redirect(campaign.get_absolute_url())
    try:
        services.campaign_team_add(
            campaign=campaign, by=authenticated_user(request), **form.cleaned_data
        )
    except ValidationError as exc:
        errors_to_messages(request, exc)
    return redirect(campaign.get_absolute_url())
