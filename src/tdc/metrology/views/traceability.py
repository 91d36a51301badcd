"""Screens of reverse traceability: out-of-tolerance findings, what they affect, the action."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tdc.core.auth import authenticated_user
from tdc.core.exceptions import ConcurrentEditError
from tdc.core.exports import csv_response, table_rows, xlsx_response
from tdc.core.forms import style_form
from tdc.core.roles import Action
from tdc.core.scoping import get_for_user_or_404, object_in_scope, user_may
from tdc.core.views.generic import ScopedDetailView, ScopedListView
from tdc.metrology import selectors, services
from tdc.metrology.choices import FindingStatus
from tdc.metrology.fields import FINDING_DETAIL
from tdc.metrology.filters import FindingFilterSet
from tdc.metrology.forms import FindingForm
from tdc.metrology.models import OutOfToleranceFinding, Verification
from tdc.metrology.selectors import finding_base
from tdc.metrology.tables import AffectedTable, FindingTable
from tdc.metrology.views.common import SelectorMixin, add_errors, moved_to


class FindingListView(SelectorMixin, ScopedListView):
    model = OutOfToleranceFinding
    selector = finding_base
    table_class = FindingTable
    filterset_class = FindingFilterSet
    create_url_name = "metrology:finding_create"
    title = gettext_lazy("Out-of-tolerance findings (reverse traceability)")
    export_name = "out-of-tolerance-findings"


@login_required
def finding_create(request: HttpRequest) -> HttpResponse:
    """Record that a standard was found out of tolerance (the start of reverse traceability)."""
    if not user_may(request.user, OutOfToleranceFinding, Action.CREATE):
        raise PermissionDenied
    initial = {"standard": request.GET.get("standard")} if request.GET.get("standard") else None
    form = style_form(FindingForm(request.POST or None, user=request.user, initial=initial))
    if request.method == "POST" and form.is_valid():
        try:
            finding = services.finding_record(by=authenticated_user(request), **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Finding recorded: {n} verifications are affected. Review them below.").format(
                    n=finding.affected_count
                ),
            )
            return moved_to(request, finding.get_absolute_url())
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Record an out-of-tolerance finding")},
    )


class FindingDetailView(SelectorMixin, ScopedDetailView):
    model = OutOfToleranceFinding
    selector = finding_base
    template_name = "metrology/traceability_finding.html"
    detail_fields = FINDING_DETAIL

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        fmt = request.GET.get("_export")
        if fmt in {"csv", "xlsx"}:
            return self.export(fmt)  # type: ignore[return-value]
        return super().get(request, *args, **kwargs)

    def export(self, fmt: str) -> HttpResponseBase:
        finding = self.get_object()
        if not user_may(self.request.user, Verification, Action.EXPORT):
            raise PermissionDenied
        assert isinstance(finding, OutOfToleranceFinding)
        windows = selectors.affected_windows(finding)
        rows = list(
            selectors.affected_verifications(
                finding, user=self.request.user, windows=windows, action=Action.EXPORT
            )
        )
        via = selectors.standards_used([v.pk for v in rows], windows)
        table = AffectedTable(rows, via=via)
        header, body = table_rows(table)
        name = f"finding-{finding.pk}-affected"
        if fmt == "csv":
            return csv_response(name, header, body)
        return xlsx_response(name, header, body)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        finding: OutOfToleranceFinding = context["object"]
        user = self.request.user
        impact = selectors.impact(finding, user=user)
        affected = selectors.affected_verifications(finding, user=user, windows=impact.windows)
        page = Paginator(affected, 50).get_page(self.request.GET.get("page"))
        via = selectors.standards_used([v.pk for v in page.object_list], impact.windows)
        context.update(
            impact=impact,
            root_window=impact.windows[0],
            chain=selectors.chain_up(finding.standard),
            page=page,
            affected_table=AffectedTable(page.object_list, via=via),
            can_act=finding.status == FindingStatus.OPEN
            and object_in_scope(finding, user, Action.APPROVE),
            can_export=user_may(user, Verification, Action.EXPORT),
            today=timezone.localdate(),
        )
        return context


@login_required
@require_POST
def finding_act(request: HttpRequest, pk: int) -> HttpResponse:
    """Flag every affected instrument for re-verification and notify the owners (one action)."""
    finding = get_for_user_or_404(finding_base(), request.user, Action.APPROVE, pk=pk)
    version = request.POST.get("version")
    try:
        outcome = services.finding_act(
            finding=finding,
            by=authenticated_user(request),
            expected_version=int(version) if version and version.isdigit() else None,
        )
    except ConcurrentEditError:
        messages.error(
            request, _("Someone changed this finding meanwhile; review it again and repeat.")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        text = _("{n} instruments flagged for re-verification; {owners} owners notified.").format(
            n=len(outcome.flagged), owners=outcome.owners_notified
        )
        if outcome.owners_without_account:
            text += " " + _(
                "These owners have no account and must be told by letter: {names}."
            ).format(names=", ".join(outcome.owners_without_account))
        messages.success(request, text)
    return HttpResponseRedirect(finding.get_absolute_url())
