"""The TBT enquiry point: questions from businesses (filed by themselves or by an officer),
the answer deadline in working days, and the answer."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from tdc.core.auth import authenticated_user
from tdc.core.forms import style_form
from tdc.core.roles import Action, Role
from tdc.core.scoping import get_for_user_or_404, object_in_scope
from tdc.core.views.generic import ScopedDetailView, ScopedEditView, ScopedListView
from tdc.standards import services
from tdc.standards.forms import EnquiryAnswerForm, EnquiryForm
from tdc.standards.models import Enquiry
from tdc.standards.tables import EnquiryTable


class EnquiryListView(ScopedListView):
    model = Enquiry
    table_class = EnquiryTable
    filterset_class = None
    filterset_fields: list[str] = []
    create_url_name = "standards:enquiry_create"
    export_name = "tbt-enquiries"
    title = _("TBT enquiries")


class EnquiryDetailView(ScopedDetailView):
    model = Enquiry
    template_name = "standards/enquiry_detail.html"
    detail_fields = (
        "asker",
        "question",
        "received_on",
        "answer_due",
        "deadline_rule",
        "answer",
        "answered_on",
        "publish",
    )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_answer"] = object_in_scope(
            context["object"], self.request.user, Action.APPROVE
        )
        return context


class EnquiryCreateView(ScopedEditView):
    model = Enquiry
    form_class = EnquiryForm

    def perform_create(self, form: Form) -> Enquiry:
        user = authenticated_user(self.request)
        organisation = None
        province = user.province
        if user.role == Role.BUSINESS_USER and user.organisation is not None:
            organisation = user.organisation
            province = organisation.province
        if province is None:
            raise ValidationError(_("Only a provincial account keeps the TBT point's records."))
        return services.enquiry_receive(
            by=user, province=province, organisation=organisation, **form.cleaned_data
        )


@login_required
def enquiry_answer(request: HttpRequest, pk: int) -> HttpResponse:
    user = authenticated_user(request)
    enquiry = get_for_user_or_404(Enquiry.objects.all(), user, Action.APPROVE, pk=pk)
    form = style_form(EnquiryAnswerForm(request.POST if request.method == "POST" else None))
    if request.method == "POST" and form.is_valid():
        data: dict[str, Any] = form.cleaned_data
        try:
            services.enquiry_answer(enquiry=enquiry, by=user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return HttpResponseRedirect(enquiry.get_absolute_url())
    return render(
        request,
        "standards/event_form.html",
        {"object": enquiry, "form": form, "title": _("Answer the enquiry"), "citations": None},
    )
