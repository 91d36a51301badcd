"""Screens of the metrology register under /metrology/."""

from django.urls import path

from tdc.core.viewregistry import register_view
from tdc.core.views_imports import import_upload
from tdc.metrology import urls_verification, views, views_due, views_statistics, views_traceability
from tdc.metrology.models import (
    Designation,
    Instrument,
    Market,
    MeasurementStandard,
    OutOfToleranceFinding,
    Verification,
    Verifier,
)

app_name = "metrology"

urlpatterns = [
    path("instruments/", views.InstrumentListView.as_view(), name="instrument_list"),
    path("instruments/new/", views.InstrumentEditView.as_view(), name="instrument_create"),
    path(
        "instruments/import/",
        import_upload,
        {"import_type": "instruments"},
        name="instrument_import",
    ),
    path("instruments/<int:pk>/", views.InstrumentDetailView.as_view(), name="instrument_detail"),
    path("instruments/<int:pk>/edit/", views.InstrumentEditView.as_view(), name="instrument_edit"),
    path("instruments/<int:pk>/status/", views.instrument_status, name="instrument_status"),
    path("instruments/<int:pk>/archive/", views.instrument_archive, name="instrument_archive"),
    path("designations/", views.DesignationListView.as_view(), name="designation_list"),
    path("designations/new/", views.DesignationEditView.as_view(), name="designation_create"),
    path(
        "designations/<int:pk>/",
        views.DesignationDetailView.as_view(),
        name="designation_detail",
    ),
    path(
        "designations/<int:pk>/edit/",
        views.DesignationEditView.as_view(),
        name="designation_edit",
    ),
    path("designations/<int:pk>/suspend/", views.designation_suspend, name="designation_suspend"),
    path("designations/<int:pk>/revoke/", views.designation_revoke, name="designation_revoke"),
    path("verifiers/", views.VerifierListView.as_view(), name="verifier_list"),
    path("verifiers/new/", views.VerifierEditView.as_view(), name="verifier_create"),
    path("verifiers/<int:pk>/", views.VerifierDetailView.as_view(), name="verifier_detail"),
    path("verifiers/<int:pk>/edit/", views.VerifierEditView.as_view(), name="verifier_edit"),
    path("verifiers/<int:pk>/suspend/", views.verifier_suspend, name="verifier_suspend"),
    path("standards/", views.MeasurementStandardListView.as_view(), name="standard_list"),
    path("standards/new/", views.MeasurementStandardEditView.as_view(), name="standard_create"),
    path(
        "standards/<int:pk>/",
        views.MeasurementStandardDetailView.as_view(),
        name="standard_detail",
    ),
    path(
        "standards/<int:pk>/edit/",
        views.MeasurementStandardEditView.as_view(),
        name="standard_edit",
    ),
    path(
        "standards/<int:pk>/calibrations/new/",
        views.standard_calibration_add,
        name="standard_calibration_add",
    ),
    path("markets/", views.MarketListView.as_view(), name="market_list"),
    path("markets/new/", views.MarketEditView.as_view(), name="market_create"),
    path("markets/<int:pk>/", views.MarketDetailView.as_view(), name="market_detail"),
    path("markets/<int:pk>/edit/", views.MarketEditView.as_view(), name="market_edit"),
    path("markets/<int:pk>/weights/new/", views.market_weight_add, name="market_weight_add"),
    path("markets/<int:pk>/checks/new/", views.market_check_add, name="market_check_add"),
    # Due and overdue, reverse traceability, statistics.
    path("due/", views_due.DueListView.as_view(), name="due_list"),
    path("due/map/", views_due.due_map, name="due_map"),
    path("due/dashboard-card/", views_due.due_dashboard_card, name="due_dashboard_card"),
    path("traceability/", views_traceability.FindingListView.as_view(), name="finding_list"),
    path("traceability/new/", views_traceability.finding_create, name="finding_create"),
    path(
        "traceability/<int:pk>/",
        views_traceability.FindingDetailView.as_view(),
        name="finding_detail",
    ),
    path("traceability/<int:pk>/act/", views_traceability.finding_act, name="finding_act"),
    path("statistics/", views_statistics.statistics_page, name="statistics"),
    path(
        "verifications/import/",
        import_upload,
        {"import_type": "verifications"},
        name="verification_import",
    ),
]

_REGISTER = [
    ("instrument", Instrument),
    ("designation", Designation),
    ("verifier", Verifier),
    ("standard", MeasurementStandard),
    ("market", Market),
]
for _name, _model in _REGISTER:
    register_view(f"metrology:{_name}_list", "list", _model)
    register_view(f"metrology:{_name}_create", "create", _model, "create")
    register_view(f"metrology:{_name}_detail", "detail", _model)
    register_view(f"metrology:{_name}_edit", "update", _model, "change")

register_view("metrology:instrument_import", "create", Instrument, "create")
register_view("metrology:instrument_status", "update", Instrument, "change")
register_view("metrology:instrument_archive", "update", Instrument, "archive")
register_view("metrology:designation_suspend", "update", Designation, "approve")
register_view("metrology:designation_revoke", "update", Designation, "approve")
register_view("metrology:verifier_suspend", "update", Verifier, "approve")
register_view("metrology:standard_calibration_add", "update", MeasurementStandard, "change")
register_view("metrology:market_weight_add", "update", Market, "change")
register_view("metrology:market_check_add", "update", Market, "change")
register_view("metrology:due_list", "list", Instrument)
register_view("metrology:due_map", "page", None)
register_view("metrology:due_dashboard_card", "page", None)
register_view("metrology:statistics", "page", None)
register_view("metrology:finding_list", "list", OutOfToleranceFinding)
register_view("metrology:finding_create", "create", OutOfToleranceFinding, "create")
register_view("metrology:finding_detail", "detail", OutOfToleranceFinding)
register_view("metrology:finding_act", "action", OutOfToleranceFinding, "approve")
register_view("metrology:verification_import", "create", Verification, "create")

# Verifications, certificates and sticker/stamp stock.
urlpatterns += urls_verification.urlpatterns
