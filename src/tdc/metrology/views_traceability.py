"""Screens of reverse traceability: out-of-tolerance findings, what they affect, the action."""

from __future__ import annotations

from typing import Any

import django_filters
import django_tables2 as tables
from django import forms
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

from tdc.core.exceptions import ConcurrentEditError
from tdc.core.exports import csv_response, xlsx_response
from tdc.core.forms import style_form
from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet, get_for_user_or_404, user_may
from tdc.core.views_generic import ScopedDetailView, ScopedListView
from tdc.metrology import traceability
from tdc.metrology.choices import FindingStatus
from tdc.metrology.models import (
    MeasurementStandard,
    OutOfToleranceFinding,
    StandardCalibration,
    Verification,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def finding_base() -> ScopedQuerySet[OutOfToleranceFinding]:
    return OutOfToleranceFinding.objects.select_related(
        "standard", "standard__holder", "calibration", "last_good_calibration", "acted_by"
    )


class FindingFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=FindingStatus.choices
    )

    class Meta:
        model = OutOfToleranceFinding
        fields = ["status"]


class FindingTable(tables.Table):
    found_on = tables.DateColumn(
        verbose_name=gettext_lazy("Found out of tolerance on"), format="d/m/Y", linkify=True
    )
    standard = tables.Column(verbose_name=gettext_lazy("Standard"), order_by=("standard__name",))
    holder = tables.Column(
        verbose_name=gettext_lazy("Holder"), accessor="standard__holder", orderable=False
    )
    affected_count = tables.Column(verbose_name=gettext_lazy("Affected verifications"))
    status = tables.Column(verbose_name=gettext_lazy("Status"))

    class Meta:
        model = OutOfToleranceFinding
        fields = ("found_on", "standard", "holder", "affected_count", "status")
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = ("-found_on",)


class FindingListView(ScopedListView):
    model = OutOfToleranceFinding
    table_class = FindingTable
    filterset_class = FindingFilterSet
    create_url_name = "metrology:finding_create"
    title = gettext_lazy("Out-of-tolerance findings (reverse traceability)")
    export_name = "out-of-tolerance-findings"

    def base_queryset(self) -> ScopedQuerySet[OutOfToleranceFinding]:
        return finding_base()


class FindingForm(forms.Form):
    standard = forms.ModelChoiceField(
        label=gettext_lazy("Standard found out of tolerance"),
        queryset=MeasurementStandard.objects.none(),
    )
    found_on = forms.DateField(label=gettext_lazy("Found out of tolerance on"), widget=DATE)
    calibration = forms.ModelChoiceField(
        label=gettext_lazy("Calibration that found it"),
        queryset=StandardCalibration.objects.none(),
        required=False,
    )
    last_good_calibration = forms.ModelChoiceField(
        label=gettext_lazy("Last in-tolerance calibration"),
        queryset=StandardCalibration.objects.none(),
        required=False,
        help_text=gettext_lazy(
            "Leave empty to use the standard's latest in-tolerance calibration before the finding."
        ),
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes"), required=False, widget=forms.Textarea({"rows": 3})
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        standards = MeasurementStandard.objects.for_user(user, Action.CREATE).select_related(
            "holder"
        )
        self.fields["standard"].queryset = standards  # type: ignore[attr-defined]
        calibrations = StandardCalibration.objects.filter(
            standard__in=standards.values("pk")
        ).select_related("standard")
        self.fields["calibration"].queryset = calibrations  # type: ignore[attr-defined]
        self.fields["last_good_calibration"].queryset = calibrations  # type: ignore[attr-defined]


@login_required
def finding_create(request: HttpRequest) -> HttpResponse:
    """Record that a standard was found out of tolerance (the start of reverse traceability)."""
    if not user_may(request.user, OutOfToleranceFinding, Action.CREATE):
        raise PermissionDenied
    initial = {"standard": request.GET.get("standard")} if request.GET.get("standard") else None
    form = style_form(FindingForm(request.POST or None, user=request.user, initial=initial))
    if request.method == "POST" and form.is_valid():
        try:
            finding = traceability.finding_record(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Finding recorded: {n} verifications are affected. Review them below.").format(
                    n=finding.affected_count
                ),
            )
            if getattr(request, "htmx", None):  # the form posts with htmx: the page moves
                response = HttpResponse(status=204)
                response["HX-Location"] = finding.get_absolute_url()
                return response
            return HttpResponseRedirect(finding.get_absolute_url())
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Record an out-of-tolerance finding")},
    )


class AffectedTable(tables.Table):
    """Affected verifications with their instruments and owners (screen and exports)."""

    verified_on = tables.DateColumn(verbose_name=gettext_lazy("Verification date"), format="d/m/Y")
    certificate_number = tables.Column(verbose_name=gettext_lazy("Certificate number"))
    organisation = tables.Column(verbose_name=gettext_lazy("Verification organisation"))
    instrument = tables.Column(verbose_name=gettext_lazy("Instrument"), linkify=True)
    owner = tables.Column(verbose_name=gettext_lazy("Owner"))
    owner_tax_code = tables.Column(
        verbose_name=gettext_lazy("Owner tax code"), accessor="owner__tax_code"
    )
    commune = tables.Column(verbose_name=gettext_lazy("Commune"))
    result = tables.Column(verbose_name=gettext_lazy("Result"))
    valid_until = tables.DateColumn(verbose_name=gettext_lazy("Valid until"), format="d/m/Y")
    via = tables.Column(verbose_name=gettext_lazy("Standards used"), empty_values=())
    flagged = tables.BooleanColumn(
        verbose_name=gettext_lazy("Re-verification required"),
        accessor="instrument__needs_reverification",
    )

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle"}
        orderable = False

    def __init__(self, data: Any, *, via: dict[int, list[str]], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.via_map = via

    def render_via(self, record: Verification) -> str:
        return "; ".join(self.via_map.get(record.pk, []))

    def value_via(self, record: Verification) -> str:
        return self.render_via(record)


class FindingDetailView(ScopedDetailView):
    model = OutOfToleranceFinding
    template_name = "metrology/traceability_finding.html"
    detail_fields = (
        "standard",
        "found_on",
        "calibration",
        "last_good_calibration",
        "notes",
        "status",
        "affected_count",
        "acted_by",
        "acted_at",
    )

    def base_queryset(self) -> ScopedQuerySet[OutOfToleranceFinding]:
        return finding_base()

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
        windows = traceability.affected_windows(finding)
        rows = list(
            traceability.affected_verifications(
                finding, user=self.request.user, windows=windows, action=Action.EXPORT
            )
        )
        via = traceability.standards_used([v.pk for v in rows], windows)
        table = AffectedTable(rows, via=via)
        from tdc.core.exports import table_rows

        header, body = table_rows(table)
        name = f"finding-{finding.pk}-affected"
        if fmt == "csv":
            return csv_response(name, header, body)
        return xlsx_response(name, header, body)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        finding: OutOfToleranceFinding = context["object"]
        user = self.request.user
        impact = traceability.impact(finding, user=user)
        affected = traceability.affected_verifications(finding, user=user, windows=impact.windows)
        page = Paginator(affected, 50).get_page(self.request.GET.get("page"))
        via = traceability.standards_used([v.pk for v in page.object_list], impact.windows)
        context.update(
            impact=impact,
            root_window=impact.windows[0],
            chain=traceability.chain_up(finding.standard),
            page=page,
            affected_table=AffectedTable(page.object_list, via=via),
            can_act=finding.status == FindingStatus.OPEN
            and OutOfToleranceFinding.objects.filter(pk=finding.pk)
            .for_user(user, Action.APPROVE)
            .exists(),
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
        outcome = traceability.finding_act(
            finding=finding,
            by=request.user,
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
