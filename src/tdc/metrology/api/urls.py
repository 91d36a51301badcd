"""Metrology endpoints (mounted at /api/v1/): the register, verifications, certificates, stamps,
reverse traceability, calculators and the public certificate status."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from tdc.core.viewregistry import register_open, register_view
from tdc.metrology.api.public import PublicCertificateView
from tdc.metrology.api.register_views import (
    DesignationViewSet,
    InstrumentViewSet,
    MarketViewSet,
    MeasurementStandardViewSet,
    VerifierViewSet,
)
from tdc.metrology.api.traceability import FindingViewSet
from tdc.metrology.api.verifications import (
    CertificateViewSet,
    StampBatchViewSet,
    VerificationViewSet,
)
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

router = DefaultRouter()
router.include_root_view = False
router.register("metrology/instruments", InstrumentViewSet, basename="metrology-instrument")
router.register("metrology/designations", DesignationViewSet, basename="metrology-designation")
router.register("metrology/verifiers", VerifierViewSet, basename="metrology-verifier")
router.register("metrology/standards", MeasurementStandardViewSet, basename="metrology-standard")
router.register("metrology/markets", MarketViewSet, basename="metrology-market")
router.register("metrology/findings", FindingViewSet, basename="metrology-finding")
router.register("metrology/verifications", VerificationViewSet, basename="metrology-verification")
router.register("metrology/certificates", CertificateViewSet, basename="metrology-certificate")
router.register("metrology/stamp-batches", StampBatchViewSet, basename="metrology-stampbatch")

urlpatterns = [
    path("metrology/", include("tdc.metrology.api.urls_tools")),
    path(
        "public/certificates/<str:code>/",
        PublicCertificateView.as_view(),
        name="public-certificate-detail",
    ),
    path("", include(router.urls)),
]

for _name, _model in (
    ("instrument", Instrument),
    ("designation", Designation),
    ("verifier", Verifier),
    ("standard", MeasurementStandard),
    ("market", Market),
    ("verification", Verification),
    ("certificate", Certificate),
    ("stampbatch", StampBatch),
):
    register_view(f"api:metrology-{_name}-list", "api_list", _model)
    register_view(f"api:metrology-{_name}-detail", "api_detail", _model)
register_view("api:metrology-finding-list", "api_list", OutOfToleranceFinding)
register_view("api:metrology-finding-detail", "api_detail", OutOfToleranceFinding)
register_view("api:metrology-finding-affected", "api_detail", OutOfToleranceFinding)
register_view("api:metrology-finding-act", "api_detail", OutOfToleranceFinding, "approve")
register_view("api:metrology-certificate-pdf", "api_detail", Certificate)
for _name in ("revoke", "suspend", "reinstate"):
    register_view(f"api:metrology-certificate-{_name}", "api_detail", Certificate, "approve")
register_view("api:metrology-stampbatch-stock", "api_detail", StampBatch)
register_view("api:metrology-stampbatch-void", "api_detail", StampBatch, "change")
register_open(
    "api:public-certificate-detail", "public certificate status by unguessable code (throttled)"
)
