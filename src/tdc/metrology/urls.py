"""Screens of the metrology register under /metrology/."""

from django.urls import path

from tdc.core.viewregistry import register_view
from tdc.core.views_imports import import_upload
from tdc.metrology.models import (
    Certificate,
    Designation,
    Instrument,
    Market,
    MeasurementStandard,
    OutOfToleranceFinding,
    StampBatch,
    Verification,
    Verifier,
)
from tdc.metrology.views import due, register, statistics, traceability, verifications

app_name = "metrology"

urlpatterns = [
    path("instruments/", register.InstrumentListView.as_view(), name="instrument_list"),
    path("instruments/new/", register.InstrumentEditView.as_view(), name="instrument_create"),
    path(
        "instruments/import/",
        import_upload,
        {"import_type": "instruments"},
        name="instrument_import",
    ),
    path(
        "instruments/<int:pk>/", register.InstrumentDetailView.as_view(), name="instrument_detail"
    ),
    path(
        "instruments/<int:pk>/edit/", register.InstrumentEditView.as_view(), name="instrument_edit"
    ),
    path("instruments/<int:pk>/status/", register.instrument_status, name="instrument_status"),
    path("instruments/<int:pk>/archive/", register.instrument_archive, name="instrument_archive"),
    path("designations/", register.DesignationListView.as_view(), name="designation_list"),
    path("designations/new/", register.DesignationEditView.as_view(), name="designation_create"),
    path(
        "designations/<int:pk>/",
        register.DesignationDetailView.as_view(),
        name="designation_detail",
    ),
    path(
        "designations/<int:pk>/edit/",
        register.DesignationEditView.as_view(),
        name="designation_edit",
    ),
    path(
        "designations/<int:pk>/suspend/", register.designation_suspend, name="designation_suspend"
    ),
    path("designations/<int:pk>/revoke/", register.designation_revoke, name="designation_revoke"),
    path("verifiers/", register.VerifierListView.as_view(), name="verifier_list"),
    path("verifiers/new/", register.VerifierEditView.as_view(), name="verifier_create"),
    path("verifiers/<int:pk>/", register.VerifierDetailView.as_view(), name="verifier_detail"),
    path("verifiers/<int:pk>/edit/", register.VerifierEditView.as_view(), name="verifier_edit"),
    path("verifiers/<int:pk>/suspend/", register.verifier_suspend, name="verifier_suspend"),
    path("standards/", register.MeasurementStandardListView.as_view(), name="standard_list"),
    path("standards/new/", register.MeasurementStandardEditView.as_view(), name="standard_create"),
    path(
        "standards/<int:pk>/",
        register.MeasurementStandardDetailView.as_view(),
        name="standard_detail",
    ),
    path(
        "standards/<int:pk>/edit/",
        register.MeasurementStandardEditView.as_view(),
        name="standard_edit",
    ),
    path(
        "standards/<int:pk>/calibrations/new/",
        register.standard_calibration_add,
        name="standard_calibration_add",
    ),
    path("markets/", register.MarketListView.as_view(), name="market_list"),
    path("markets/new/", register.MarketEditView.as_view(), name="market_create"),
    path("markets/<int:pk>/", register.MarketDetailView.as_view(), name="market_detail"),
    path("markets/<int:pk>/edit/", register.MarketEditView.as_view(), name="market_edit"),
    path("markets/<int:pk>/weights/new/", register.market_weight_add, name="market_weight_add"),
    path("markets/<int:pk>/checks/new/", register.market_check_add, name="market_check_add"),
    # Due and overdue, reverse traceability, statistics.
    path("due/", due.DueListView.as_view(), name="due_list"),
    path("due/map/", due.due_map, name="due_map"),
    path("due/dashboard-card/", due.due_dashboard_card, name="due_dashboard_card"),
    path("traceability/", traceability.FindingListView.as_view(), name="finding_list"),
    path("traceability/new/", traceability.finding_create, name="finding_create"),
    path(
        "traceability/<int:pk>/",
        traceability.FindingDetailView.as_view(),
        name="finding_detail",
    ),
    path("traceability/<int:pk>/act/", traceability.finding_act, name="finding_act"),
    path("statistics/", statistics.statistics_page, name="statistics"),
    path(
        "verifications/import/",
        import_upload,
        {"import_type": "verifications"},
        name="verification_import",
    ),
    # Verifications, certificates and sticker/stamp stock.
    path("verifications/", verifications.VerificationListView.as_view(), name="verification_list"),
    path("verifications/new/", verifications.verification_create, name="verification_create"),
    path(
        "verifications/new/instruments/",
        verifications.verification_instrument_search,
        name="verification_instrument_search",
    ),
    path(
        "verifications/new/preview/",
        verifications.verification_preview,
        name="verification_preview",
    ),
    path(
        "verifications/<int:pk>/",
        verifications.VerificationDetailView.as_view(),
        name="verification_detail",
    ),
    path("certificates/", verifications.CertificateListView.as_view(), name="certificate_list"),
    path(
        "certificates/<int:pk>/",
        verifications.CertificateDetailView.as_view(),
        name="certificate_detail",
    ),
    path(
        "certificates/<int:pk>/pdf/", verifications.certificate_pdf_download, name="certificate_pdf"
    ),
    path(
        "certificates/<int:pk>/revoke/", verifications.certificate_revoke, name="certificate_revoke"
    ),
    path(
        "certificates/<int:pk>/suspend/",
        verifications.certificate_suspend,
        name="certificate_suspend",
    ),
    path(
        "certificates/<int:pk>/reinstate/",
        verifications.certificate_reinstate,
        name="certificate_reinstate",
    ),
    path("stamps/", verifications.StampBatchListView.as_view(), name="stamp_batch_list"),
    path("stamps/new/", verifications.StampBatchEditView.as_view(), name="stamp_batch_create"),
    path("stamps/stock/", verifications.stamp_stock_report, name="stamp_stock"),
    path(
        "stamps/<int:pk>/", verifications.StampBatchDetailView.as_view(), name="stamp_batch_detail"
    ),
    path("stamps/<int:pk>/void/", verifications.stamp_void, name="stamp_void"),
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
register_view("metrology:verification_list", "list", Verification)
register_view("metrology:verification_create", "create", Verification, "create")
register_view("metrology:verification_instrument_search", "create", Verification, "create")
register_view("metrology:verification_preview", "create", Verification, "create")
register_view("metrology:verification_detail", "detail", Verification)
register_view("metrology:certificate_list", "list", Certificate)
register_view("metrology:certificate_detail", "detail", Certificate)
register_view("metrology:certificate_pdf", "detail", Certificate)
register_view("metrology:certificate_revoke", "update", Certificate, "approve")
register_view("metrology:certificate_suspend", "update", Certificate, "approve")
register_view("metrology:certificate_reinstate", "update", Certificate, "approve")
register_view("metrology:stamp_batch_list", "list", StampBatch)
register_view("metrology:stamp_batch_create", "create", StampBatch, "create")
register_view("metrology:stamp_stock", "list", StampBatch)
register_view("metrology:stamp_batch_detail", "detail", StampBatch)
register_view("metrology:stamp_void", "update", StampBatch, "change")
