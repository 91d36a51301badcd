"""The register of businesses under management: the list, one page per business, and the
compliance commitments businesses sign."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from tdc.core.auth import authenticated_user
from tdc.core.prerequisites import Prerequisite
from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet, user_may
from tdc.core.views.generic import ScopedDetailView, ScopedEditView, ScopedListView
from tdc.quality import services
from tdc.quality.filters import BusinessFilterSet
from tdc.quality.forms import ComplianceCommitmentForm
from tdc.quality.models import ComplianceCommitment
from tdc.quality.selectors_register import business_profile, businesses_under_management
from tdc.quality.tables import BusinessTable


def _organisation_model() -> Any:
    from django.apps import apps

    return apps.get_model("registry", "Organisation")


class BusinessListView(ScopedListView):
    """Businesses the quality records name, with their declarations, samples and commitments."""

    table_class = BusinessTable
    filterset_class = BusinessFilterSet
    export_name = "businesses-under-management"
    title = _("Businesses under management")

    @property
    def model(self) -> Any:  # type: ignore[override]
        return _organisation_model()

    def base_queryset(self) -> Any:
        return businesses_under_management(self.request.user)


@login_required
def business_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One business's page: its managed products, declarations, survey results, inspections
    and commitments."""
    from tdc.registry.selectors import organisation_get_for_user

    organisation = organisation_get_for_user(user=request.user, pk=pk)
    profile = business_profile(request.user, organisation)
    return render(
        request,
        "quality/register/business_detail.html",
        {
            "organisation": organisation,
            "profile": profile,
            "may_add_commitment": user_may(request.user, ComplianceCommitment, Action.CREATE),
        },
    )


class CommitmentDetailView(ScopedDetailView):
    model = ComplianceCommitment
    detail_fields = ComplianceCommitment.FIELDS

    def base_queryset(self) -> ScopedQuerySet[ComplianceCommitment]:
        return ComplianceCommitment.objects.select_related("organisation")


class CommitmentEditView(ScopedEditView):
    model = ComplianceCommitment
    form_class = ComplianceCommitmentForm
    title = _("New compliance commitment")

    def base_queryset(self) -> ScopedQuerySet[ComplianceCommitment]:
        return ComplianceCommitment.objects.all()

    def get_initial(self) -> dict[str, Any]:
        initial = super().get_initial()
        if (org := self.request.GET.get("organisation", "")).isdigit():
            initial["organisation"] = int(org)
        return initial

    def get_prerequisites(self) -> list[Prerequisite]:
        from tdc.registry.selectors import organisation_prerequisite

        return [organisation_prerequisite(user=self.request.user, label=str(_("A business")))]

    def perform_create(self, form: Form) -> ComplianceCommitment:
        return services.commitment_record(by=authenticated_user(self.request), **form.cleaned_data)

    def perform_update(self, form: Form, expected_version: int | None) -> ComplianceCommitment:
        raise PermissionDenied  # a signed commitment is not edited; record a new one
