"""Screens of risk-based targeting and de-confliction: the ranking and its weights, who
inspected a business lately, and other agencies' inspections."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tdc.core.auth import authenticated_user
from tdc.core.forms import style_form
from tdc.core.refdata import reference_row_update
from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet, get_for_user_or_404, user_may
from tdc.core.views.generic import ScopedDetailView, ScopedEditView, ScopedListView
from tdc.inspections import selectors, services
from tdc.inspections.filters import ExternalInspectionFilterSet
from tdc.inspections.forms import ExternalInspectionForm, RiskWeightsForm
from tdc.inspections.models import ExternalInspection, RiskWeights
from tdc.inspections.rules.risk import FACTORS
from tdc.inspections.tables import ExternalInspectionTable
from tdc.inspections.views.common import add_errors, errors_to_messages
from tdc.registry.selectors import organisation_get_for_user

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
    detail_fields = ExternalInspection.EDIT_FIELDS

    def base_queryset(self) -> ScopedQuerySet[ExternalInspection]:
        return selectors.external_base()


class ExternalInspectionEditView(ScopedEditView):
    model = ExternalInspection
    form_class = ExternalInspectionForm

    def base_queryset(self) -> ScopedQuerySet[ExternalInspection]:
        return selectors.external_base()

    def perform_create(self, form: Form) -> ExternalInspection:
        return services.external_inspection_create(
            by=authenticated_user(self.request), **form.cleaned_data
        )

    def perform_update(self, form: Form, expected_version: int | None) -> ExternalInspection:
        assert isinstance(self.object, ExternalInspection)
        return services.external_inspection_update(
            row=self.object,
            by=authenticated_user(self.request),
            expected_version=expected_version,
            **form.cleaned_data,
        )
