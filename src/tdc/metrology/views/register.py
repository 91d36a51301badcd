"""Screens of the metrology register: instruments, designations, verifiers, standards, markets."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.core.prerequisites import Prerequisite
from tdc.core.roles import Action
from tdc.core.scoping import object_in_scope, user_may
from tdc.core.views.generic import ScopedDetailView, ScopedListView
from tdc.core.views.imports import ImportLinkMixin
from tdc.metrology import forms as mforms
from tdc.metrology import services
from tdc.metrology.fields import (
    DESIGNATION_DETAIL,
    INSTRUMENT_DETAIL,
    INSTRUMENT_DETAIL_GROUPS,
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
    Verifier,
)
from tdc.metrology.selectors import (
    designation_base,
    instrument_base,
    instrument_current,
    instrument_type_names,
    instrument_verifications,
    market_base,
    market_checks,
    market_weights,
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
from tdc.metrology.views.common import SelectorMixin, ServiceEditView, record_action
from tdc.registry.selectors import organisation_prerequisite


def _type_rows(record: Designation | Verifier) -> list[tuple[str, str]]:
    """The instrument types of a designation or a verifier, with their names."""
    names = instrument_type_names()
    return [(t.type_code, names.get(t.type_code, "")) for t in record.instrument_types.all()]


# --- instruments ------------------------------------------------------------------------------


class InstrumentListView(SelectorMixin, ImportLinkMixin, ScopedListView):
    model = Instrument
    selector = instrument_current
    import_url_name = "metrology:instrument_import"
    table_class = InstrumentTable
    filterset_class = InstrumentFilterSet
    create_url_name = "metrology:instrument_create"
    export_name = "instruments"


class InstrumentDetailView(SelectorMixin, ScopedDetailView):
    model = Instrument
    selector = instrument_base
    template_name = "metrology/instrument_detail.html"
    edit_url_name = "metrology:instrument_edit"
    detail_fields = INSTRUMENT_DETAIL
    detail_groups = INSTRUMENT_DETAIL_GROUPS

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        obj: Instrument = context["object"]
        context["type_name"] = instrument_type_names(timezone.localdate()).get(obj.type_code, "")
        context["verifications"] = list(instrument_verifications(obj)[:50])
        context["can_archive"] = user_may(self.request.user, Instrument, Action.ARCHIVE)
        return context


class InstrumentEditView(ServiceEditView):
    model = Instrument
    selector = instrument_base
    form_class = mforms.InstrumentForm
    create_service = services.instrument_register
    update_service = services.instrument_update
    record_name = "instrument"

    def get_prerequisites(self) -> list[Prerequisite]:
        return [
            organisation_prerequisite(user=self.request.user, label=_("An owner in the register"))
        ]


instrument_status = record_action(
    instrument_base,
    Action.CHANGE,
    mforms.InstrumentStatusForm,
    title=lambda instrument: _("Change the status of {name}").format(name=instrument),
    perform=lambda instrument, by, data: services.instrument_change_status(
        instrument=instrument, by=by, **data
    ),
)
instrument_archive = record_action(
    instrument_base,
    Action.ARCHIVE,
    mforms.ReasonForm,
    title=lambda instrument: _("Archive {name}").format(name=instrument),
    perform=lambda instrument, by, data: services.instrument_archive(
        instrument=instrument, by=by, reason=data["reason"]
    ),
)


# --- designations and verifiers ---------------------------------------------------------------


class DesignationListView(SelectorMixin, ScopedListView):
    model = Designation
    selector = designation_base
    table_class = DesignationTable
    filterset_class = DesignationFilterSet
    create_url_name = "metrology:designation_create"
    export_name = "designations"


class DesignationDetailView(SelectorMixin, ScopedDetailView):
    model = Designation
    selector = designation_base
    template_name = "metrology/designation_detail.html"
    edit_url_name = "metrology:designation_edit"
    detail_fields = DESIGNATION_DETAIL

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        obj: Designation = context["object"]
        context["type_rows"] = _type_rows(obj)
        context["provinces"] = list(obj.provinces.all())
        context["verifiers"] = list(obj.verifiers.all())
        context["can_decide"] = object_in_scope(obj, self.request.user, Action.APPROVE)
        return context


class DesignationEditView(ServiceEditView):
    model = Designation
    selector = designation_base
    form_class = mforms.DesignationForm
    create_service = services.designation_create
    update_service = services.designation_update
    record_name = "designation"


designation_suspend = record_action(
    designation_base,
    Action.APPROVE,
    mforms.SuspendForm,
    title=lambda designation: _("Suspend designation {name}").format(
        name=designation.decision_number
    ),
    perform=lambda designation, by, data: services.designation_suspend(
        designation=designation, by=by, **data
    ),
)
designation_revoke = record_action(
    designation_base,
    Action.APPROVE,
    mforms.ReasonForm,
    title=lambda designation: _("Revoke designation {name}").format(
        name=designation.decision_number
    ),
    perform=lambda designation, by, data: services.designation_revoke(
        designation=designation, by=by, reason=data["reason"]
    ),
)


class VerifierListView(SelectorMixin, ScopedListView):
    model = Verifier
    selector = verifier_base
    table_class = VerifierTable
    filterset_class = VerifierFilterSet
    create_url_name = "metrology:verifier_create"
    export_name = "verifiers"


class VerifierDetailView(SelectorMixin, ScopedDetailView):
    model = Verifier
    selector = verifier_base
    template_name = "metrology/verifier_detail.html"
    edit_url_name = "metrology:verifier_edit"
    detail_fields = VERIFIER_DETAIL

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["type_rows"] = _type_rows(context["object"])
        context["can_decide"] = object_in_scope(
            context["object"], self.request.user, Action.APPROVE
        )
        return context


class VerifierEditView(ServiceEditView):
    model = Verifier
    selector = verifier_base
    form_class = mforms.VerifierForm
    create_service = services.verifier_create
    update_service = services.verifier_update
    record_name = "verifier"


verifier_suspend = record_action(
    verifier_base,
    Action.APPROVE,
    mforms.ReasonForm,
    title=lambda verifier: _("Suspend verifier {name}").format(name=verifier),
    perform=lambda verifier, by, data: services.verifier_suspend(
        verifier=verifier, by=by, reason=data["reason"]
    ),
)


# --- measurement standards --------------------------------------------------------------------


class MeasurementStandardListView(SelectorMixin, ScopedListView):
    model = MeasurementStandard
    selector = standard_base
    table_class = MeasurementStandardTable
    filterset_class = MeasurementStandardFilterSet
    create_url_name = "metrology:standard_create"
    export_name = "measurement-standards"


class MeasurementStandardDetailView(SelectorMixin, ScopedDetailView):
    model = MeasurementStandard
    selector = standard_base
    template_name = "metrology/standard_detail.html"
    edit_url_name = "metrology:standard_edit"
    detail_fields = STANDARD_DETAIL

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


class MeasurementStandardEditView(ServiceEditView):
    model = MeasurementStandard
    selector = standard_base
    form_class = mforms.MeasurementStandardForm
    create_service = services.standard_create
    update_service = services.standard_update
    record_name = "standard"


standard_calibration_add = record_action(
    standard_base,
    Action.CHANGE,
    mforms.StandardCalibrationForm,
    title=lambda standard: _("Record a calibration of {name}").format(name=standard),
    perform=lambda standard, by, data: services.standard_calibration_record(
        standard=standard, by=by, **data
    ),
    form_takes_user=True,
)


# --- markets ----------------------------------------------------------------------------------


class MarketListView(SelectorMixin, ScopedListView):
    model = Market
    selector = market_base
    table_class = MarketTable
    filterset_class = MarketFilterSet
    create_url_name = "metrology:market_create"
    export_name = "markets"


class MarketDetailView(SelectorMixin, ScopedDetailView):
    model = Market
    selector = market_base
    template_name = "metrology/market_detail.html"
    edit_url_name = "metrology:market_edit"
    detail_fields = MARKET_DETAIL

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        obj: Market = context["object"]
        context["weights"] = list(market_weights(obj))
        context["checks"] = list(market_checks(obj))
        context["today"] = timezone.localdate()
        return context


class MarketEditView(ServiceEditView):
    model = Market
    selector = market_base
    form_class = mforms.MarketForm
    create_service = services.market_create
    update_service = services.market_update
    record_name = "market"


market_weight_add = record_action(
    market_base,
    Action.CHANGE,
    mforms.ReferenceWeightForm,
    title=lambda market: _("Add a reference weight or scale to {name}").format(name=market),
    perform=lambda market, by, data: services.reference_weight_add(market=market, by=by, **data),
    form_takes_user=True,
)
market_check_add = record_action(
    market_base,
    Action.CHANGE,
    mforms.MarketCheckForm,
    title=lambda market: _("Record a check of {name}").format(name=market),
    perform=lambda market, by, data: services.market_check_record(market=market, by=by, **data),
    form_takes_user=True,
    also_may=MarketCheck,
)
