"""The officers' library: list and search, a document's page (status today, lifecycle events,
replacement chain and the records that cite it), entry, correction and lifecycle events."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdc.core.auth import authenticated_user
from tdc.core.forms import style_form
from tdc.core.roles import Action
from tdc.core.views.generic import ScopedDetailView, ScopedEditView, ScopedListView
from tdc.standards import services
from tdc.standards.choices import StandardKind
from tdc.standards.filters import StandardFilterSet
from tdc.standards.forms import StandardEventForm, StandardForm
from tdc.standards.models import Standard, StandardQuerySet
from tdc.standards.selectors import (
    citing_records,
    ics_of,
    replacement_chain,
    standard_base,
    standard_get_for_user,
)
from tdc.standards.tables import StandardTable


class StandardListView(ScopedListView):
    model = Standard
    table_class = StandardTable
    filterset_class = StandardFilterSet
    create_url_name = "standards:standard_create"
    export_name = "standards"
    title = _("Standards and technical regulations")

    def base_queryset(self) -> StandardQuerySet:
        return standard_base()


class StandardDetailView(ScopedDetailView):
    model = Standard
    edit_url_name = "standards:standard_edit"
    template_name = "standards/standard_detail.html"
    detail_fields = (
        "kind",
        "title_vi",
        "title_en",
        "harmonisation",
        "international_designation",
        "issuing_decision",
        "issued_on",
        "effective_from",
        "scope_text",
        "source",
        "confidence",
    )

    def base_queryset(self) -> StandardQuerySet:
        return standard_base()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        standard: Standard = context["object"]
        context.update(
            status=standard.status_on(timezone.localdate()),
            events=list(standard.events.all()),
            chain=replacement_chain(standard),
            ics=ics_of(standard),
            citations=citing_records(standard, user=self.request.user),
        )
        return context


class StandardEditView(ScopedEditView):
    model = Standard
    form_class = StandardForm

    def base_queryset(self) -> StandardQuerySet:
        return standard_base()

    def perform_create(self, form: Form) -> Standard:
        user = authenticated_user(self.request)
        data = dict(form.cleaned_data)
        ics_codes = data.pop("ics_codes", [])
        parsed = services.parse_designation(data["designation"])
        province = user.province if parsed.kind == StandardKind.QCDP else None
        return services.standard_create(by=user, ics_codes=ics_codes, province=province, **data)

    def perform_update(self, form: Form, expected_version: int | None) -> Standard:
        assert isinstance(self.object, Standard)
        data = dict(form.cleaned_data)
        ics_codes = data.pop("ics_codes", [])
        return services.standard_update(
            standard=self.object,
            by=authenticated_user(self.request),
            expected_version=expected_version,
            ics_codes=ics_codes,
            **data,
        )


@login_required
def standard_event(request: HttpRequest, pk: int) -> HttpResponse:
    """Record an amendment, a review, a replacement (with its successor) or a cancellation."""
    user = authenticated_user(request)
    standard = standard_get_for_user(user=user, pk=pk, action=Action.CHANGE)
    form = style_form(
        StandardEventForm(request.POST if request.method == "POST" else None, standard=standard)
    )
    if request.method == "POST" and form.is_valid():
        data: dict[str, Any] = form.cleaned_data
        try:
            services.standard_event_add(standard=standard, by=user, **data)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            return HttpResponseRedirect(standard.get_absolute_url())
    return render(
        request,
        "standards/event_form.html",
        {
            "object": standard,
            "form": form,
            "title": _("Record a lifecycle event"),
            "citations": citing_records(standard, user=user),
        },
    )
