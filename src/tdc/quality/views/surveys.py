"""Quality surveys and testing: survey plans (approval), samples with their sealing and hand-over
steps and their three records as numbered PDFs, the entry of a laboratory's results one row per
indicator, the verdict, and the warning drafted from a non-conforming sample."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdc.core.auth import authenticated_user
from tdc.core.documents import render_pdf
from tdc.core.forms import style_form
from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet, object_in_scope
from tdc.core.views.generic import ScopedDetailView, ScopedEditView, ScopedListView
from tdc.quality import selectors, services
from tdc.quality.choices import SampleStatus, SurveyStatus, VerdictChoice
from tdc.quality.filters import SampleFilterSet, SurveyPlanFilterSet
from tdc.quality.forms import (
    LabReportForm,
    QualityWarningForm,
    ResultRowFormSet,
    SampleForm,
    SampleHandOverForm,
    SampleSealForm,
    SurveyPlanForm,
)
from tdc.quality.models import Sample, SurveyPlan
from tdc.quality.tables import SampleTable, SurveyPlanTable

# --- Plans -------------------------------------------------------------------------------


class SurveyPlanListView(ScopedListView):
    model = SurveyPlan
    table_class = SurveyPlanTable
    filterset_class = SurveyPlanFilterSet
    create_url_name = "quality:survey_create"
    export_name = "quality-survey-plans"
    title = gettext_lazy("Quality survey plans")

    def base_queryset(self) -> ScopedQuerySet[SurveyPlan]:
        return selectors.survey_plan_base()


class SurveyPlanDetailView(ScopedDetailView):
    model = SurveyPlan
    template_name = "quality/surveys/plan_detail.html"
    detail_fields = (
        "title",
        "year",
        "status",
        "legal_basis",
        "decision_rule",
        "approved_on",
    )

    def base_queryset(self) -> ScopedQuerySet[SurveyPlan]:
        return selectors.survey_plan_base()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        plan = context["object"]
        user = self.request.user
        context["groups"] = selectors.plan_group_labels(plan)
        context["communes"] = list(plan.communes.order_by("name"))
        context["samples"] = selectors.plan_samples(plan=plan, user=user)  # type: ignore[arg-type]
        context["may_approve"] = plan.status == SurveyStatus.DRAFT and object_in_scope(
            plan, user, Action.APPROVE
        )
        return context


class SurveyPlanEditView(ScopedEditView):
    model = SurveyPlan
    form_class = SurveyPlanForm
    title = gettext_lazy("New quality survey plan")

    def base_queryset(self) -> ScopedQuerySet[SurveyPlan]:
        return selectors.survey_plan_base()

    def perform_create(self, form: Form) -> SurveyPlan:
        user = authenticated_user(self.request)
        if user.province is None:
            raise ValidationError(_("Only a provincial account plans surveys."))
        data = dict(form.cleaned_data)
        communes = data.pop("communes", [])
        return services.survey_plan_create(
            by=user, province=user.province, communes=communes, **data
        )


def _step_page(
    request: HttpRequest, obj: Any, form: Any, title: str, *, extra: dict[str, Any] | None = None
) -> HttpResponse:
    context = {"object": obj, "form": style_form(form), "title": title, "version": obj.version}
    context.update(extra or {})
    return render(request, "quality/step_form.html", context)


@login_required
def survey_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """A leader approves a draft survey plan."""
    user = authenticated_user(request)
    plan = selectors.survey_plan_get_for_user(user=user, pk=pk, action=Action.APPROVE)
    form = Form(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        try:
            services.survey_plan_approve(plan=plan, by=user, on=timezone.localdate())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return HttpResponseRedirect(plan.get_absolute_url())
    return _step_page(request, plan, form, _("Approve the survey plan"))


# --- Samples -----------------------------------------------------------------------------


class SampleListView(ScopedListView):
    model = Sample
    table_class = SampleTable
    filterset_class = SampleFilterSet
    create_url_name = "quality:sample_create"
    export_name = "quality-survey-samples"
    title = gettext_lazy("Survey samples")

    def base_queryset(self) -> ScopedQuerySet[Sample]:
        return selectors.sample_base()


class SampleDetailView(ScopedDetailView):
    model = Sample
    template_name = "quality/surveys/sample_detail.html"
    detail_fields = (
        "number",
        "plan",
        "status",
        *Sample.FIELDS,
        "sampler",
        "seal_number",
        "sealed_on",
        "seal_record_number",
        "handover_record_number",
        "verdict",
        "verdict_on",
        "decision_rule",
    )

    def base_queryset(self) -> ScopedQuerySet[Sample]:
        return selectors.sample_base()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        sample = context["object"]
        user = self.request.user
        context["results"] = selectors.sample_results(sample)
        context["assignment"] = selectors.sample_assignment(sample)
        context["referral"] = selectors.sample_referral(sample)
        context["may_change"] = object_in_scope(sample, user, Action.CHANGE)
        context["offer_warning"] = (
            sample.verdict == VerdictChoice.NON_CONFORMING and sample.warning_id is None
        )
        return context


class SampleEditView(ScopedEditView):
    model = Sample
    form_class = SampleForm
    title = gettext_lazy("Record a survey sample (sampling record)")

    def base_queryset(self) -> ScopedQuerySet[Sample]:
        return selectors.sample_base()

    def get_initial(self) -> dict[str, Any]:
        initial = super().get_initial()
        plan = self.request.GET.get("plan", "")
        if plan.isdigit():
            initial["plan"] = int(plan)
        return initial

    def perform_create(self, form: Form) -> Sample:
        data = dict(form.cleaned_data)
        plan, business = data.pop("plan"), data.pop("business")
        return services.sample_take(
            plan=plan, by=authenticated_user(self.request), business=business, **data
        )


def _sample(request: HttpRequest, pk: int, action: str = Action.CHANGE) -> Sample:
    return selectors.sample_get_for_user(user=authenticated_user(request), pk=pk, action=action)


@login_required
def sample_seal(request: HttpRequest, pk: int) -> HttpResponse:
    """Seal the sample with a numbered seal (niêm phong); the sealing record is numbered."""
    sample = _sample(request, pk)
    form = SampleSealForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.sample_seal(sample=sample, by=authenticated_user(request), **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return HttpResponseRedirect(sample.get_absolute_url())
    return _step_page(request, sample, form, _("Seal the sample"))


@login_required
def sample_hand_over(request: HttpRequest, pk: int) -> HttpResponse:
    """Hand the sealed sample to a laboratory in scope (biên bản bàn giao mẫu)."""
    sample = _sample(request, pk)
    user = authenticated_user(request)
    form = SampleHandOverForm(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.sample_hand_over(sample=sample, by=user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return HttpResponseRedirect(sample.get_absolute_url())
    return _step_page(request, sample, form, _("Hand the sample over to a laboratory"))


def _initial_rows(sample: Sample) -> list[dict[str, Any]]:
    return [
        {"code": limit.code, "unit": limit.unit, "value": "", "uncertainty": ""}
        for limit in services.limits_for(sample)
    ]


@login_required
def sample_results(request: HttpRequest, pk: int) -> HttpResponse:
    """Enter the laboratory's report: one row per indicator of the regulation in force."""
    sample = _sample(request, pk)
    user = authenticated_user(request)
    limits = {limit.code: limit for limit in services.limits_for(sample)}
    posted = request.method == "POST"
    report = LabReportForm(request.POST if posted else None, prefix="report")
    rows = ResultRowFormSet(
        request.POST if posted else None, initial=_initial_rows(sample), prefix="rows"
    )
    errors: list[str] = []
    if posted and report.is_valid() and rows.is_valid():
        entered = [r for r in rows.cleaned_data if r and str(r.get("value") or "").strip()]
        try:
            services.results_record(sample=sample, by=user, rows=entered, **report.cleaned_data)
        except ValidationError as exc:
            errors = [str(m) for m in exc.messages]
        else:
            return HttpResponseRedirect(sample.get_absolute_url())
    style_form(report)
    for row in rows:
        style_form(row)
    lines = [(row, limits.get(str(row["code"].value()))) for row in rows]
    return render(
        request,
        "quality/surveys/results_form.html",
        {
            "object": sample,
            "report": report,
            "rows": rows,
            "lines": lines,
            "errors": errors,
            "rule": sample.plan.get_decision_rule_display(),
        },
    )


_RECORDS = {
    "sampling": ("quality_survey_sampling", "number", "bien-ban-lay-mau"),
    "seal": ("quality_survey_seal", "seal_record_number", "bien-ban-niem-phong"),
    "handover": ("quality_survey_handover", "handover_record_number", "bien-ban-ban-giao"),
}


@login_required
def sample_record(request: HttpRequest, pk: int, record: str) -> HttpResponse:
    """One of the sample's three records as a numbered PDF, once it exists."""
    sample = selectors.sample_get_for_user(user=request.user, pk=pk)  # type: ignore[arg-type]
    if record not in _RECORDS:
        raise Http404
    template_code, number_field, slug = _RECORDS[record]
    number = getattr(sample, number_field)
    if not number:
        raise PermissionDenied
    context = {
        "sample": sample,
        "number": number,
        "assignment": selectors.sample_assignment(sample),
        "province": sample.plan.province,
    }
    pdf = render_pdf(template_code=template_code, context=context)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{slug}-{number.replace('/', '-')}.pdf"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@login_required
def sample_warning(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft the public warning of a non-conforming sample, prefilled from the finding."""
    sample = _sample(request, pk)
    user = authenticated_user(request)
    if sample.verdict != VerdictChoice.NON_CONFORMING or sample.warning_id is not None:
        messages.info(request, _("Only a non-conforming sample without a warning offers one."))
        return HttpResponseRedirect(sample.get_absolute_url())
    initial = services.warning_prefill(sample)
    form = QualityWarningForm(
        request.POST if request.method == "POST" else None, initial=initial, user=user
    )
    form.fields["source"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("source", None)
        try:
            warning = services.sample_warning_create(sample=sample, by=user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The warning is drafted; publish it when it is right."))
            return HttpResponseRedirect(warning.get_absolute_url())
    return _step_page(
        request,
        sample,
        form,
        _("Publish a warning from this finding"),
        extra={"status_tested": sample.status == SampleStatus.TESTED},
    )
