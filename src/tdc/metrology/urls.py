"""Screens of the metrology register under /metrology/, each registered for the permission matrix
where it is routed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models
from django.urls import URLPattern, path

from tdc.core.viewregistry import Kind, register_view
from tdc.core.views.imports import import_upload
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


def _screen(
    route: str,
    view: Callable[..., Any],
    name: str,
    kind: Kind,
    model: type[models.Model] | None,
    action: str = "view",
    **kwargs: Any,
) -> URLPattern:
    """The route of a screen, registered as ``kind`` of ``model`` for the users who may
    ``action`` it."""
    register_view(f"{app_name}:{name}", kind, model, action)
    return path(route, view, kwargs or None, name=name)


def _records(
    prefix: str, name: str, model: type[models.Model], views: tuple[Any, Any, Any]
) -> list[URLPattern]:
    """The list, new, detail and edit screens of a register's records (``<name>_list`` …) from
    its list, edit and detail views."""
    list_view, edit_view, detail_view = views
    return [
        _screen(prefix, list_view.as_view(), f"{name}_list", "list", model),
        _screen(f"{prefix}new/", edit_view.as_view(), f"{name}_create", "create", model, "create"),
        _screen(f"{prefix}<int:pk>/", detail_view.as_view(), f"{name}_detail", "detail", model),
        _screen(
            f"{prefix}<int:pk>/edit/",
            edit_view.as_view(),
            f"{name}_edit",
            "update",
            model,
            "change",
        ),
    ]


_r = register
_v = verifications

urlpatterns = [
    # The register.
    *_records(
        "instruments/",
        "instrument",
        Instrument,
        (_r.InstrumentListView, _r.InstrumentEditView, _r.InstrumentDetailView),
    ),
    _screen(
        "instruments/import/",
        import_upload,
        "instrument_import",
        "create",
        Instrument,
        "create",
        import_type="instruments",
    ),
    _screen(
        "instruments/<int:pk>/status/",
        _r.instrument_status,
        "instrument_status",
        "update",
        Instrument,
        "change",
    ),
    _screen(
        "instruments/<int:pk>/archive/",
        _r.instrument_archive,
        "instrument_archive",
        "update",
        Instrument,
        "archive",
    ),
    *_records(
        "designations/",
        "designation",
        Designation,
        (_r.DesignationListView, _r.DesignationEditView, _r.DesignationDetailView),
    ),
    _screen(
        "designations/<int:pk>/suspend/",
        _r.designation_suspend,
        "designation_suspend",
        "update",
        Designation,
        "approve",
    ),
    _screen(
        "designations/<int:pk>/revoke/",
        _r.designation_revoke,
        "designation_revoke",
        "update",
        Designation,
        "approve",
    ),
    *_records(
        "verifiers/",
        "verifier",
        Verifier,
        (_r.VerifierListView, _r.VerifierEditView, _r.VerifierDetailView),
    ),
    _screen(
        "verifiers/<int:pk>/suspend/",
        _r.verifier_suspend,
        "verifier_suspend",
        "update",
        Verifier,
        "approve",
    ),
    *_records(
        "standards/",
        "standard",
        MeasurementStandard,
        (
            _r.MeasurementStandardListView,
            _r.MeasurementStandardEditView,
            _r.MeasurementStandardDetailView,
        ),
    ),
    _screen(
        "standards/<int:pk>/calibrations/new/",
        _r.standard_calibration_add,
        "standard_calibration_add",
        "update",
        MeasurementStandard,
        "change",
    ),
    *_records(
        "markets/", "market", Market, (_r.MarketListView, _r.MarketEditView, _r.MarketDetailView)
    ),
    _screen(
        "markets/<int:pk>/weights/new/",
        _r.market_weight_add,
        "market_weight_add",
        "update",
        Market,
        "change",
    ),
    _screen(
        "markets/<int:pk>/checks/new/",
        _r.market_check_add,
        "market_check_add",
        "update",
        Market,
        "change",
    ),
    # Due and overdue, reverse traceability, statistics.
    _screen("due/", due.DueListView.as_view(), "due_list", "list", Instrument),
    _screen("due/map/", due.due_map, "due_map", "page", None),
    _screen("due/dashboard-card/", due.due_dashboard_card, "due_dashboard_card", "page", None),
    _screen(
        "traceability/",
        traceability.FindingListView.as_view(),
        "finding_list",
        "list",
        OutOfToleranceFinding,
    ),
    _screen(
        "traceability/new/",
        traceability.finding_create,
        "finding_create",
        "create",
        OutOfToleranceFinding,
        "create",
    ),
    _screen(
        "traceability/<int:pk>/",
        traceability.FindingDetailView.as_view(),
        "finding_detail",
        "detail",
        OutOfToleranceFinding,
    ),
    _screen(
        "traceability/<int:pk>/act/",
        traceability.finding_act,
        "finding_act",
        "action",
        OutOfToleranceFinding,
        "approve",
    ),
    _screen("statistics/", statistics.statistics_page, "statistics", "page", None),
    # Verifications, certificates and sticker/stamp stock.
    _screen(
        "verifications/import/",
        import_upload,
        "verification_import",
        "create",
        Verification,
        "create",
        import_type="verifications",
    ),
    _screen(
        "verifications/",
        _v.VerificationListView.as_view(),
        "verification_list",
        "list",
        Verification,
    ),
    _screen(
        "verifications/new/",
        _v.verification_create,
        "verification_create",
        "create",
        Verification,
        "create",
    ),
    _screen(
        "verifications/new/instruments/",
        _v.verification_instrument_search,
        "verification_instrument_search",
        "create",
        Verification,
        "create",
    ),
    _screen(
        "verifications/new/preview/",
        _v.verification_preview,
        "verification_preview",
        "create",
        Verification,
        "create",
    ),
    _screen(
        "verifications/<int:pk>/",
        _v.VerificationDetailView.as_view(),
        "verification_detail",
        "detail",
        Verification,
    ),
    _screen(
        "certificates/", _v.CertificateListView.as_view(), "certificate_list", "list", Certificate
    ),
    _screen(
        "certificates/<int:pk>/",
        _v.CertificateDetailView.as_view(),
        "certificate_detail",
        "detail",
        Certificate,
    ),
    _screen(
        "certificates/<int:pk>/pdf/",
        _v.certificate_pdf_download,
        "certificate_pdf",
        "detail",
        Certificate,
    ),
    _screen(
        "certificates/<int:pk>/revoke/",
        _v.certificate_revoke,
        "certificate_revoke",
        "update",
        Certificate,
        "approve",
    ),
    _screen(
        "certificates/<int:pk>/suspend/",
        _v.certificate_suspend,
        "certificate_suspend",
        "update",
        Certificate,
        "approve",
    ),
    _screen(
        "certificates/<int:pk>/reinstate/",
        _v.certificate_reinstate,
        "certificate_reinstate",
        "update",
        Certificate,
        "approve",
    ),
    _screen("stamps/", _v.StampBatchListView.as_view(), "stamp_batch_list", "list", StampBatch),
    _screen(
        "stamps/new/",
        _v.StampBatchEditView.as_view(),
        "stamp_batch_create",
        "create",
        StampBatch,
        "create",
    ),
    _screen("stamps/stock/", _v.stamp_stock_report, "stamp_stock", "list", StampBatch),
    _screen(
        "stamps/<int:pk>/",
        _v.StampBatchDetailView.as_view(),
        "stamp_batch_detail",
        "detail",
        StampBatch,
    ),
    _screen("stamps/<int:pk>/void/", _v.stamp_void, "stamp_void", "update", StampBatch, "change"),
]
