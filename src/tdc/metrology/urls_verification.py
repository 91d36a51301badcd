"""Screens of verifications, certificates and sticker/stamp stock (added to /metrology/)."""

from django.urls import path

from tdc.core.viewregistry import register_view
from tdc.metrology import views_verification
from tdc.metrology.models import Certificate, StampBatch, Verification

_vv = views_verification
urlpatterns = [
    path("verifications/", _vv.VerificationListView.as_view(), name="verification_list"),
    path("verifications/new/", _vv.verification_create, name="verification_create"),
    path(
        "verifications/new/instruments/",
        _vv.verification_instrument_search,
        name="verification_instrument_search",
    ),
    path("verifications/new/preview/", _vv.verification_preview, name="verification_preview"),
    path(
        "verifications/<int:pk>/",
        _vv.VerificationDetailView.as_view(),
        name="verification_detail",
    ),
    path("certificates/", _vv.CertificateListView.as_view(), name="certificate_list"),
    path("certificates/<int:pk>/", _vv.CertificateDetailView.as_view(), name="certificate_detail"),
    path("certificates/<int:pk>/pdf/", _vv.certificate_pdf_download, name="certificate_pdf"),
    path("certificates/<int:pk>/revoke/", _vv.certificate_revoke, name="certificate_revoke"),
    path("certificates/<int:pk>/suspend/", _vv.certificate_suspend, name="certificate_suspend"),
    path(
        "certificates/<int:pk>/reinstate/",
        _vv.certificate_reinstate,
        name="certificate_reinstate",
    ),
    path("stamps/", _vv.StampBatchListView.as_view(), name="stamp_batch_list"),
    path("stamps/new/", _vv.StampBatchEditView.as_view(), name="stamp_batch_create"),
    path("stamps/stock/", _vv.stamp_stock_report, name="stamp_stock"),
    path("stamps/<int:pk>/", _vv.StampBatchDetailView.as_view(), name="stamp_batch_detail"),
    path("stamps/<int:pk>/void/", _vv.stamp_void, name="stamp_void"),
]
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
