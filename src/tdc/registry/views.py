"""Organisation screens: list, detail (with timeline), create, edit, merge."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tdc.core.auth import authenticated_user
from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet
from tdc.core.views.generic import ScopedDetailView, ScopedEditView, ScopedListView
from tdc.core.views.imports import ImportLinkMixin
from tdc.registry import services
from tdc.registry.filters import OrganisationFilterSet
from tdc.registry.forms import OrganisationForm, OrganisationMergeForm
from tdc.registry.models import Organisation
from tdc.registry.selectors import organisation_base, organisation_get_for_user
from tdc.registry.tables import OrganisationTable


class OrganisationListView(ImportLinkMixin, ScopedListView):
    model = Organisation
    import_url_name = "registry:organisation_import"
    table_class = OrganisationTable
    filterset_class = OrganisationFilterSet
    create_url_name = "registry:organisation_create"
    export_name = "organisations"

    def base_queryset(self) -> ScopedQuerySet[Organisation]:
        return organisation_base()


class OrganisationDetailView(ScopedDetailView):
    model = Organisation
    template_name = "registry/organisation_detail.html"
    edit_url_name = "registry:organisation_edit"
    detail_fields = (
        "kind",
        "name",
        "short_name",
        "english_name",
        "tax_code",
        "province",
        "commune",
        "address",
        "legacy_address",
        "legal_representative",
        "phone",
        "email",
        "status",
        "merged_into",
    )

    def base_queryset(self) -> ScopedQuerySet[Organisation]:
        return organisation_base().select_related("merged_into")


class OrganisationEditView(ScopedEditView):
    model = Organisation
    form_class = OrganisationForm

    def base_queryset(self) -> ScopedQuerySet[Organisation]:
        return organisation_base()

    def perform_create(self, form: Form) -> Organisation:
        return services.organisation_create(
            by=authenticated_user(self.request), **form.cleaned_data
        )

    def perform_update(self, form: Form, expected_version: int | None) -> Organisation:
        assert isinstance(self.object, Organisation)
        return services.organisation_update(
            organisation=self.object,
            by=authenticated_user(self.request),
            expected_version=expected_version,
            **form.cleaned_data,
        )


@login_required
def organisation_merge(request: HttpRequest, pk: int) -> HttpResponse:
    keep = organisation_get_for_user(user=request.user, pk=pk, action=Action.ARCHIVE)
    form = OrganisationMergeForm(request.POST or None, user=request.user, keep=keep)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_merge(
                keep=keep,
                duplicate=form.cleaned_data["duplicate"],
                by=authenticated_user(request),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect(keep.get_absolute_url())
    context: dict[str, Any] = {"form": form, "object": keep}
    return render(request, "registry/organisation_merge.html", context)
