"""Quality warnings for the province's staff: list, entry, detail, publication."""

from __future__ import annotations

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
from tdc.core.scoping import ScopedQuerySet
from tdc.core.views.generic import ScopedDetailView, ScopedEditView, ScopedListView
from tdc.quality import services
from tdc.quality.filters import QualityWarningFilterSet
from tdc.quality.forms import DeclarationStepForm, QualityWarningForm
from tdc.quality.models import QualityWarning
from tdc.quality.selectors import warning_base, warning_get_for_user
from tdc.quality.tables import QualityWarningTable


class WarningListView(ScopedListView):
    model = QualityWarning
    table_class = QualityWarningTable
    filterset_class = QualityWarningFilterSet
    create_url_name = "quality:warning_create"
    export_name = "quality-warnings"
    title = _("Quality warnings")

    def base_queryset(self) -> ScopedQuerySet[QualityWarning]:
        return warning_base()


class WarningDetailView(ScopedDetailView):
    model = QualityWarning
    edit_url_name = "quality:warning_edit"
    template_name = "quality/warning_detail.html"
    detail_fields = (*QualityWarning.FIELDS, "published_on", "withdrawn_on")

    def base_queryset(self) -> ScopedQuerySet[QualityWarning]:
        return warning_base()


class WarningEditView(ScopedEditView):
    model = QualityWarning
    form_class = QualityWarningForm

    def base_queryset(self) -> ScopedQuerySet[QualityWarning]:
        return warning_base()

    def perform_create(self, form: Form) -> QualityWarning:
        user = authenticated_user(self.request)
        if user.province is None:
            raise ValidationError(_("Only a provincial account publishes warnings."))
        return services.warning_create(by=user, province=user.province, **form.cleaned_data)

    def perform_update(self, form: Form, expected_version: int | None) -> QualityWarning:
        assert isinstance(self.object, QualityWarning)
        return services.warning_update(
            warning=self.object,
            by=authenticated_user(self.request),
            expected_version=expected_version,
            **form.cleaned_data,
        )


@login_required
def warning_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish the warning on the public page, the feed and the API."""
    user = authenticated_user(request)
    obj = warning_get_for_user(user=user, pk=pk, action=Action.APPROVE)
    form = style_form(DeclarationStepForm(request.POST if request.method == "POST" else None))
    if request.method == "POST" and form.is_valid():
        try:
            services.warning_publish(
                warning=obj, by=user, on=form.cleaned_data.get("on") or timezone.localdate()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return HttpResponseRedirect(obj.get_absolute_url())
    return render(
        request,
        "quality/step_form.html",
        {"object": obj, "form": form, "title": _("Publish the warning"), "version": obj.version},
    )
