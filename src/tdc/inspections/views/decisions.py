"""Screens of sanction decisions: issuing one, the list, the page, payment, transfer and
remedial measures."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tdc.core import prerequisites
from tdc.core.auth import authenticated_user
from tdc.core.forms import style_form
from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet
from tdc.core.views.generic import ScopedDetailView, ScopedListView
from tdc.inspections import selectors, services
from tdc.inspections.filters import SanctionDecisionFilterSet
from tdc.inspections.forms import (
    DecisionForm,
    OfficialAmountForm,
    PaymentForm,
    RemedyForm,
    TransferForm,
)
from tdc.inspections.models import SanctionDecision
from tdc.inspections.tables import SanctionDecisionTable
from tdc.inspections.views.common import add_errors, form_step

if TYPE_CHECKING:
    from tdc.accounts.models import User


@login_required
def decision_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue the sanction decision of an inspection, with the fine of each violation."""
    inspection = selectors.inspection_get_for_user(user=request.user, pk=pk, action=Action.APPROVE)
    violations = selectors.inspection_violations(inspection)
    form = DecisionForm(request.POST or None, violations=violations)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_issue(
                inspection=inspection,
                by=authenticated_user(request),
                decided_on=form.cleaned_data["decided_on"],
                fines=form.fines(),
                signed_by_name=form.cleaned_data["signed_by_name"],
                remedies=form.remedies(),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect(decision.get_absolute_url())
    needs = selectors.decision_prerequisites(request.user, inspection, list(violations))
    return render(
        request,
        "inspections/form.html",
        {
            **prerequisites.context(needs),
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
    detail_fields = SanctionDecision.DETAIL_FIELDS

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


def _decision_to_change(request: HttpRequest, pk: int) -> SanctionDecision:
    return selectors.decision_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)


def _decision_form_step(
    form_class: type[BaseForm], service: Callable[..., object]
) -> Callable[[HttpRequest, int], HttpResponse]:
    """A POST of ``form_class`` on a decision's page, handed to ``service`` ("Saved." after)."""
    return form_step(
        _decision_to_change,
        lambda _decision, data: form_class(data),
        lambda decision, by, form: service(decision=decision, by=by, **form.cleaned_data),
        gettext_lazy("Saved."),
    )


decision_payment = _decision_form_step(PaymentForm, services.decision_payment_record)
decision_transfer = _decision_form_step(TransferForm, services.decision_transfer)
_remedy_add = _decision_form_step(RemedyForm, services.remedy_add)


@login_required
@require_POST
def decision_remedy(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a remedial measure, or mark one done (``done`` = its id)."""
    done = request.POST.get("done")
    if not done:
        return _remedy_add(request, pk)
    decision = _decision_to_change(request, pk)
    remedy = decision.remedies.filter(pk=done if done.isdigit() else 0).first()
    if remedy is None:
        raise Http404
    services.remedy_done(
        remedy=remedy, by=authenticated_user(request), done_on=timezone.localdate()
    )
    return redirect(decision.get_absolute_url())


# --- official amounts of placeholder rows (issue 11) ------------------------------------------


def _inspection_to_decide(request: HttpRequest, pk: int) -> Any:
    return selectors.inspection_get_for_user(user=request.user, pk=pk, action=Action.APPROVE)


def _official_amount_set(inspection: Any, by: User, form: OfficialAmountForm) -> Any:
    violation = inspection.violations.filter(pk=form.cleaned_data["violation"]).first()
    if violation is None:
        raise Http404
    return services.violation_official_amount_set(
        violation=violation,
        by=by,
        amount=form.cleaned_data["amount"],
        citation=form.cleaned_data["citation"],
    )


violation_official_amount = form_step(
    _inspection_to_decide,
    lambda _inspection, data: OfficialAmountForm(data),
    _official_amount_set,
    lambda violation: _("Official amount entered: {amount} VND.").format(
        amount=f"{violation.official_amount:,.0f}"
    ),
)
