"""Screens of the metrology register: instruments, designations, verifiers, standards, markets."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.core.auth import authenticated_user
from tdc.core.roles import Action
from tdc.core.scoping import ScopedQuerySet, get_for_user_or_404, user_may
from tdc.core.views_generic import ScopedDetailView, ScopedEditView, ScopedListView
from tdc.core.views_imports import ImportLinkMixin
from tdc.metrology import forms as mforms
from tdc.metrology import services
from tdc.metrology.fields import (
    DESIGNATION_DETAIL,
    INSTRUMENT_DETAIL,
    MARKET_DETAIL,
    STANDARD_DETAIL,
    VERIFIER_DETAIL,
)
from tdc.metrology.filters import (
    DesignationFilterSet,
    InstrumentFilterSet,
    MarketFilterSet,
    MeasurementStandardFilterSet,
    VerifierFilterSet,
)
from tdc.metrology.models import (
    Designation,
    Instrument,
    Market,
    MarketCheck,
    MeasurementStandard,
    ReferenceWeight,
    Verifier,
)
from tdc.metrology.selectors import (
    designation_base,
    instrument_base,
    instrument_type_names,
    instrument_verifications,
    market_base,
    standard_base,
    standard_chain,
    standard_latest_calibrations,
    verifier_base,
)
from tdc.metrology.tables import (
    DesignationTable,
    InstrumentTable,
    MarketTable,
    MeasurementStandardTable,
    VerifierTable,
)
from tdc.metrology.views.common import action_form

# --- instruments ------------------------------------------------------------------------------


class InstrumentListView(ImportLinkMixin, ScopedListView):
    model = Instrument
    import_url_name = "metrology:instrument_import"
    table_class = InstrumentTable
    filterset_class = InstrumentFilterSet
    create_url_name = "metrology:instrument_create"
    export_name = "instruments"

    def base_queryset(self) -> ScopedQuerySet[Instrument]:
        return instrument_base().filter(archived_at__isnull=True)


class InstrumentDetailView(ScopedDetailView):
    model = Instrument
    template_name = "metrology/instrument_detail.html"
    edit_url_name = "metrology:instrument_edit"
    detail_fields = INSTRUMENT_DETAIL

    def base_queryset(self) -> ScopedQuerySet[Instrument]:
        return instrument_base()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        obj: Instrument = context["object"]
        context["type_name"] = instrument_type_names(timezone.localdate()).get(obj.type_code, "")
        context["verifications"] = list(instrument_verifications(obj)[:50])
        context["can_archive"] = user_may(self.request.user, Instrument, Action.ARCHIVE)
        return context


class InstrumentEditView(ScopedEditView):
    model = Instrument
    form_class = mforms.InstrumentForm

    def base_queryset(self) -> ScopedQuerySet[Instrument]:
        return instrument_base()

    def perform_create(self, form: Form) -> Instrument:
        return services.instrument_register(
            by=authenticated_user(self.request), **form.cleaned_data
        )

    def perform_update(self, form: Form, expected_version: int | None) -> Instrument:
        assert isinstance(self.object, Instrument)
        return services.instrument_update(
            instrument=self.object,
            by=authenticated_user(self.request),
            expected_version=expected_version,
            **form.cleaned_data,
        )


@login_required
def instrument_status(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = get_for_user_or_404(instrument_base(), request.user, Action.CHANGE, pk=pk)
    return action_form(
        request,
        obj=instrument,
        form_class=mforms.InstrumentStatusForm,
        title=_("Change the status of {name}").format(name=instrument),
        perform=lambda data: services.instrument_change_status(
            instrument=instrument, by=authenticated_user(request), **data
        ),
    )


@login_required
def instrument_archive(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = get_for_user_or_404(instrument_base(), request.user, Action.ARCHIVE, pk=pk)
    return action_form(
        request,
        obj=instrument,
        form_class=mforms.ReasonForm,
        title=_("Archive {name}").format(name=instrument),
        perform=lambda data: services.instrument_archive(
            instrument=instrument, by=authenticated_user(request), reason=data["reason"]
        ),
    )


# --- designations and verifiers ---------------------------------------------------------------


class DesignationListView(ScopedListView):
    model = Designation
    table_class = DesignationTable
    filterset_class = DesignationFilterSet
    create_url_name = "metrology:designation_create"
    export_name = "designations"

    def base_queryset(self) -> ScopedQuerySet[Designation]:
        return designation_base()


class DesignationDetailView(ScopedDetailView):
    model = Designation
    template_name = "metrology/designation_detail.html"
    edit_url_name = "metrology:designation_edit"
    detail_fields = DESIGNATION_DETAIL

    def base_queryset(self) -> ScopedQuerySet[Designation]:
        return designation_base()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        obj: Designation = context["object"]
        names = instrument_type_names()
        context["type_rows"] = [
            (t.type_code, names.get(t.type_code, "")) for t in obj.instrument_types.all()
        ]
        context["provinces"] = list(obj.provinces.all())
        context["verifiers"] = list(obj.verifiers.all())
        context["can_decide"] = (
            Designation.objects.filter(pk=obj.pk)
            .for_user(self.request.user, Action.APPROVE)
            .exists()
        )
        return context


class DesignationEditView(ScopedEditView):
    model = Designation
    form_class = mforms.DesignationForm

    def base_queryset(self) -> ScopedQuerySet[Designation]:
        return designation_base()

    def perform_create(self, form: Form) -> Designation:
        return services.designation_create(by=authenticated_user(self.request), **form.cleaned_data)

    def perform_update(self, form: Form, expected_version: int | None) -> Designation:
        assert isinstance(self.object, Designation)
        return services.designation_update(
            designation=self.object,
            by=authenticated_user(self.request),
            expected_version=expected_version,
            **form.cleaned_data,
        )


@login_required
def designation_suspend(request: HttpRequest, pk: int) -> HttpResponse:
    designation = get_for_user_or_404(designation_base(), request.user, Action.APPROVE, pk=pk)
    return action_form(
        request,
        obj=designation,
        form_class=mforms.SuspendForm,
        title=_("Suspend designation {name}").format(name=designation.decision_number),
        perform=lambda data: services.designation_suspend(
            designation=designation, by=authenticated_user(request), **data
        ),
    )


@login_required
def designation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    designation = get_for_user_or_404(designation_base(), request.user, Action.APPROVE, pk=pk)
    return action_form(
        request,
        obj=designation,
        form_class=mforms.ReasonForm,
        title=_("Revoke designation {name}").format(name=designation.decision_number),
        perform=lambda data: services.designation_revoke(
            designation=designation, by=authenticated_user(request), reason=data["reason"]
        ),
    )


class VerifierListView(ScopedListView):
    model = Verifier
    table_class = VerifierTable
    filterset_class = VerifierFilterSet
    create_url_name = "metrology:verifier_create"
    export_name = "verifiers"

    def base_queryset(self) -> ScopedQuerySet[Verifier]:
        return verifier_base()


class VerifierDetailView(ScopedDetailView):
    model = Verifier
    template_name = "metrology/verifier_detail.html"
    edit_url_name = "metrology:verifier_edit"
    detail_fields = VERIFIER_DETAIL

    def base_queryset(self) -> ScopedQuerySet[Verifier]:
        return verifier_base()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        names = instrument_type_names()
        context["type_rows"] = [
            (t.type_code, names.get(t.type_code, ""))
            for t in context["object"].instrument_types.all()
        ]
        context["can_decide"] = (
            Verifier.objects.filter(pk=context["object"].pk)
            .for_user(self.request.user, Action.APPROVE)
            .exists()
        )
        return context


class VerifierEditView(ScopedEditView):
    model = Verifier
    form_class = mforms.VerifierForm

    def base_queryset(self) -> ScopedQuerySet[Verifier]:
        return verifier_base()

    def perform_create(self, form: Form) -> Verifier:
        return services.verifier_create(by=authenticated_user(self.request), **form.cleaned_data)

    def perform_update(self, form: Form, expected_version: int | None) -> Verifier:
        assert isinstance(self.object, Verifier)
        return services.verifier_update(
            verifier=self.object,
            by=authenticated_user(self.request),
            expected_version=expected_version,
            **form.cleaned_data,
        )


@login_required
def verifier_suspend(request: HttpRequest, pk: int) -> HttpResponse:
    verifier = get_for_user_or_404(verifier_base(), request.user, Action.APPROVE, pk=pk)
    return action_form(
        request,
        obj=verifier,
        form_class=mforms.ReasonForm,
        title=_("Suspend verifier {name}").format(name=verifier),
        perform=lambda data: services.verifier_suspend(
            verifier=verifier, by=authenticated_user(request), reason=data["reason"]
        ),
    )


# --- measurement standards --------------------------------------------------------------------


class MeasurementStandardListView(ScopedListView):
    model = MeasurementStandard
    table_class = MeasurementStandardTable
    filterset_class = MeasurementStandardFilterSet
    create_url_name = "metrology:standard_create"
    export_name = "measurement-standards"

    def base_queryset(self) -> ScopedQuerySet[MeasurementStandard]:
        return standard_base()


class MeasurementStandardDetailView(ScopedDetailView):
    model = MeasurementStandard
    template_name = "metrology/standard_detail.html"
    edit_url_name = "metrology:standard_edit"
    detail_fields = STANDARD_DETAIL

    def base_queryset(self) -> ScopedQuerySet[MeasurementStandard]:
        return standard_base()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        obj: MeasurementStandard = context["object"]
        chain = standard_chain(obj)
        latest = standard_latest_calibrations(chain)
        context["chain"] = [(s, latest.get(s.pk)) for s in chain]
        context["chain_reaches_national"] = chain[-1].level == "national"
        context["calibrations"] = list(obj.calibrations.select_related("laboratory")[:50])
        context["today"] = timezone.localdate()
        return context


class MeasurementStandardEditView(ScopedEditView):
    model = MeasurementStandard
    form_class = mforms.MeasurementStandardForm

    def base_queryset(self) -> ScopedQuerySet[MeasurementStandard]:
        return standard_base()

    def perform_create(self, form: Form) -> MeasurementStandard:
        return services.standard_create(by=authenticated_user(self.request), **form.cleaned_data)

    def perform_update(self, form: Form, expected_version: int | None) -> MeasurementStandard:
        assert isinstance(self.object, MeasurementStandard)
        return services.standard_update(
            standard=self.object,
            by=authenticated_user(self.request),
            expected_version=expected_version,
            **form.cleaned_data,
        )


@login_required
def standard_calibration_add(request: HttpRequest, pk: int) -> HttpResponse:
    standard = get_for_user_or_404(standard_base(), request.user, Action.CHANGE, pk=pk)
    return action_form(
        request,
        obj=standard,
        form_class=mforms.StandardCalibrationForm,
        form_kwargs={"user": request.user},
        title=_("Record a calibration of {name}").format(name=standard),
        perform=lambda data: services.standard_calibration_record(
            standard=standard, by=authenticated_user(request), **data
        ),
    )


# --- markets ----------------------------------------------------------------------------------


class MarketListView(ScopedListView):
    model = Market
    table_class = MarketTable
    filterset_class = MarketFilterSet
    create_url_name = "metrology:market_create"
    export_name = "markets"

    def base_queryset(self) -> ScopedQuerySet[Market]:
        return market_base()


class MarketDetailView(ScopedDetailView):
    model = Market
    template_name = "metrology/market_detail.html"
    edit_url_name = "metrology:market_edit"
    detail_fields = MARKET_DETAIL

    def base_queryset(self) -> ScopedQuerySet[Market]:
        return market_base()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        obj: Market = context["object"]
        context["weights"] = list(ReferenceWeight.objects.filter(market=obj))
        context["checks"] = list(MarketCheck.objects.filter(market=obj).select_related("officer"))
        context["today"] = timezone.localdate()
        return context


class MarketEditView(ScopedEditView):
    model = Market
    form_class = mforms.MarketForm

    def base_queryset(self) -> ScopedQuerySet[Market]:
        return market_base()

    def perform_create(self, form: Form) -> Market:
        return services.market_create(by=authenticated_user(self.request), **form.cleaned_data)

    def perform_update(self, form: Form, expected_version: int | None) -> Market:
        assert isinstance(self.object, Market)
        return services.market_update(
            market=self.object,
            by=authenticated_user(self.request),
            expected_version=expected_version,
            **form.cleaned_data,
        )


@login_required
def market_weight_add(request: HttpRequest, pk: int) -> HttpResponse:
    market = get_for_user_or_404(market_base(), request.user, Action.CHANGE, pk=pk)
    return action_form(
        request,
        obj=market,
        form_class=mforms.ReferenceWeightForm,
        form_kwargs={"user": request.user},
        title=_("Add a reference weight or scale to {name}").format(name=market),
        perform=lambda data: services.reference_weight_add(
            market=market, by=authenticated_user(request), **data
        ),
    )


@login_required
def market_check_add(request: HttpRequest, pk: int) -> HttpResponse:
    market = get_for_user_or_404(market_base(), request.user, Action.CHANGE, pk=pk)
    if not user_may(request.user, MarketCheck, Action.CREATE):
        raise PermissionDenied
    return action_form(
        request,
        obj=market,
        form_class=mforms.MarketCheckForm,
        form_kwargs={"user": request.user},
        title=_("Record a check of {name}").format(name=market),
        perform=lambda data: services.market_check_record(
            market=market, by=authenticated_user(request), **data
        ),
    )
