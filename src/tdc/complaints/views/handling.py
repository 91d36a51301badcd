"""Staff screens: complaint list, detail with notes, handling, revealing the reporter, charts."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from tdc.complaints import services
from tdc.complaints.filters import ComplaintFilterSet
from tdc.complaints.forms import ComplaintForm, ComplaintNoteForm, RevealForm
from tdc.complaints.models import Complaint
from tdc.complaints.selectors import (
    complaint_base,
    complaint_get_for_user,
    complaint_notes,
    complaint_statistics,
    may_reveal_reporter,
)
from tdc.complaints.tables import ComplaintTable
from tdc.core.auth import authenticated_user
from tdc.core.forms import style_form
from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet, user_may
from tdc.core.views.generic import ScopedDetailView, ScopedEditView, ScopedListView


class ComplaintListView(ScopedListView):
    model = Complaint
    table_class = ComplaintTable
    filterset_class = ComplaintFilterSet
    export_name = "complaints"

    def base_queryset(self) -> ScopedQuerySet[Complaint]:
        return complaint_base()


class ComplaintDetailView(ScopedDetailView):
    model = Complaint
    template_name = "complaints/complaint_detail.html"
    edit_url_name = "complaints:complaint_edit"
    detail_fields = Complaint.DETAIL_FIELDS

    def base_queryset(self) -> ScopedQuerySet[Complaint]:
        return complaint_base()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        complaint = context["object"]
        context.update(
            notes=complaint_notes(complaint),
            note_form=style_form(ComplaintNoteForm()),
            may_reveal=may_reveal_reporter(self.request.user, complaint),
            overdue=(
                complaint.deadline < timezone.localdate() and not services.is_finished(complaint)
            ),
        )
        return context


class ComplaintEditView(ScopedEditView):
    """Handle a complaint: move it on in the workflow, assign it, write the outcome."""

    model = Complaint
    form_class = ComplaintForm

    def base_queryset(self) -> ScopedQuerySet[Complaint]:
        return complaint_base()

    def perform_create(self, form: Form) -> Complaint:  # pragma: no cover - no create URL
        raise PermissionDenied

    def perform_update(self, form: Form, expected_version: int | None) -> Complaint:
        assert isinstance(self.object, Complaint)
        return services.complaint_update(
            complaint=self.object,
            by=authenticated_user(self.request),
            expected_version=expected_version,
            **form.cleaned_data,
        )


@login_required
def complaint_note_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an internal note (never shown to the reporter)."""
    complaint = complaint_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    form = ComplaintNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.complaint_note_add(
                complaint=complaint, by=authenticated_user(request), text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            form.add_error("text", exc.messages)
        else:
            return redirect(complaint.get_absolute_url())
    style_form(form)
    return render(request, "complaints/note_form.html", {"form": form, "object": complaint})


@login_required
def complaint_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """The reporter's identity, for a complaint handler who gives a reason (audited)."""
    complaint = complaint_get_for_user(user=request.user, pk=pk, action=Action.VIEW)
    allowed = may_reveal_reporter(request.user, complaint)
    form = RevealForm(request.POST or None)
    identity = None
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied
        if form.is_valid():
            try:
                identity = services.complaint_reveal_reporter(
                    complaint=complaint,
                    by=authenticated_user(request),
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                form.add_error("reason" if hasattr(exc, "error_dict") else None, exc.messages)
    style_form(form)
    context = {"object": complaint, "form": form, "allowed": allowed, "identity": identity}
    response = render(request, "complaints/reveal.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _chart(rows: list[tuple[str, int]]) -> str:
    return json.dumps({"labels": [label for label, _n in rows], "data": [n for _l, n in rows]})


@login_required
def complaint_statistics_view(request: HttpRequest) -> HttpResponse:
    """Complaints by category, outcome, month and commune, in the user's jurisdiction."""
    since = timezone.localdate().replace(day=1, month=1, year=timezone.localdate().year - 1)
    stats = complaint_statistics(user=request.user, since=since)
    context = {
        "stats": stats,
        "since": since,
        "charts": {
            "category": _chart(stats["by_category"]),
            "status": _chart(stats["by_status"]),
            "month": _chart(stats["by_month"]),
            "commune": _chart(stats["by_commune"]),
        },
        "may_view": user_may(request.user, Complaint, Action.VIEW),
    }
    return render(request, "complaints/statistics.html", context)


@login_required
def dashboard_card(request: HttpRequest) -> HttpResponse:
    """The complaints card of the dashboard (loaded through HTMX)."""
    if not user_may(request.user, Complaint, Action.VIEW):
        return HttpResponse("")
    stats = complaint_statistics(user=request.user)
    context = {"stats": stats, "chart": _chart(stats["by_category"])}
    return render(request, "complaints/partials/dashboard_card.html", context)
