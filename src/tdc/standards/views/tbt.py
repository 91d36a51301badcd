"""The TBT point's screens: WTO notifications with the province's exporters they concern, and
the exporters' interests (HS codes and markets) they are matched on."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.forms import Form
from django.utils.translation import gettext_lazy as _

from tdc.core.auth import authenticated_user
from tdc.core.scoping import ScopedQuerySet
from tdc.core.views.generic import ScopedDetailView, ScopedEditView, ScopedListView
from tdc.standards import services
from tdc.standards.filters import ExporterInterestFilterSet, TbtNotificationFilterSet
from tdc.standards.forms import ExporterInterestForm, TbtNotificationForm
from tdc.standards.models import ExporterInterest, TbtNotification
from tdc.standards.selectors import tbt_matches
from tdc.standards.tables import ExporterInterestTable, TbtNotificationTable


class TbtListView(ScopedListView):
    model = TbtNotification
    table_class = TbtNotificationTable
    filterset_class = TbtNotificationFilterSet
    create_url_name = "standards:tbt_create"
    export_name = "tbt-notifications"
    title = _("TBT notifications")


class TbtDetailView(ScopedDetailView):
    model = TbtNotification
    template_name = "standards/tbt_detail.html"
    detail_fields = ("symbol", "member", *TbtNotification.FIELDS[1:])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["matches"] = tbt_matches(context["object"], user=self.request.user)
        return context


class TbtCreateView(ScopedEditView):
    model = TbtNotification
    form_class = TbtNotificationForm

    def perform_create(self, form: Form) -> TbtNotification:
        user = authenticated_user(self.request)
        if user.province is None:
            raise ValidationError(_("Only a provincial account keeps the TBT point's records."))
        return services.tbt_notification_create(
            by=user, province=user.province, **form.cleaned_data
        )


class InterestListView(ScopedListView):
    model = ExporterInterest
    table_class = ExporterInterestTable
    filterset_class = ExporterInterestFilterSet
    create_url_name = "standards:interest_create"
    export_name = "exporter-interests"
    title = _("Exporters' interests")

    def base_queryset(self) -> ScopedQuerySet[ExporterInterest]:
        return ExporterInterest.objects.select_related("organisation")


class InterestEditView(ScopedEditView):
    model = ExporterInterest
    form_class = ExporterInterestForm

    def perform_create(self, form: Form) -> ExporterInterest:
        return services.exporter_interest_save(
            by=authenticated_user(self.request), **form.cleaned_data
        )

    def perform_update(self, form: Form, expected_version: int | None) -> ExporterInterest:
        assert isinstance(self.object, ExporterInterest)
        data = dict(form.cleaned_data)
        data.pop("organisation", None)
        return services.exporter_interest_save(
            by=authenticated_user(self.request),
            organisation=self.object.organisation,
            interest=self.object,
            expected_version=expected_version,
            **data,
        )
