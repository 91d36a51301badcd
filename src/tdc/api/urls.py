"""/api/v1/: routing and versioning only; viewsets live in each app's ``api/``."""

from django.db.models import Model
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from tdc.accounts.api.views import MeView
from tdc.attachments.api.views import AttachmentViewSet
from tdc.attachments.models import Attachment
from tdc.complaints.api.views import ComplaintViewSet
from tdc.complaints.models import Complaint
from tdc.core.api.calendar import AddWorkingDaysView, HolidayListView
from tdc.core.api.views import AuditEventViewSet
from tdc.core.models import AuditEvent
from tdc.core.viewregistry import register_open, register_view
from tdc.metrology import models as _metrology_models
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
    Designation,
    Instrument,
    Market,
    MeasurementStandard,
    OutOfToleranceFinding,
    Verifier,
)
from tdc.notifications.api.views import NotificationViewSet
from tdc.places.api.views import CommuneViewSet, ProvinceViewSet, ResolveView
from tdc.registry.api.views import OrganisationViewSet
from tdc.registry.models import Organisation

app_name = "api"

router = DefaultRouter()
router.include_root_view = False
router.register("attachments", AttachmentViewSet, basename="attachment")
router.register("audit-events", AuditEventViewSet, basename="auditevent")
router.register("complaints", ComplaintViewSet, basename="complaint")
router.register("notifications", NotificationViewSet, basename="notification")
router.register("metrology/instruments", InstrumentViewSet, basename="metrology-instrument")
router.register("metrology/designations", DesignationViewSet, basename="metrology-designation")
router.register("metrology/verifiers", VerifierViewSet, basename="metrology-verifier")
router.register("metrology/standards", MeasurementStandardViewSet, basename="metrology-standard")
router.register("metrology/markets", MarketViewSet, basename="metrology-market")
router.register("metrology/findings", FindingViewSet, basename="metrology-finding")
router.register("metrology/verifications", VerificationViewSet, basename="metrology-verification")
router.register("metrology/certificates", CertificateViewSet, basename="metrology-certificate")
router.register("metrology/stamp-batches", StampBatchViewSet, basename="metrology-stampbatch")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("places/provinces", ProvinceViewSet, basename="province")
router.register("places/communes", CommuneViewSet, basename="commune")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("me/", MeView.as_view(), name="me"),
    path(
        "calendar/add-working-days/",
        AddWorkingDaysView.as_view(),
        name="calendar_add_working_days",
    ),
    path("calendar/holidays/", HolidayListView.as_view(), name="calendar_holidays"),
    path("places/resolve/", ResolveView.as_view(), name="places-resolve"),
    path("metrology/", include("tdc.metrology.api.urls")),
    path("prepackages/", include("tdc.prepackages.api.urls")),
    path("inspections/", include("tdc.inspections.api.urls")),
    path("public/complaints/", include("tdc.complaints.api.urls")),
    path(
        "public/certificates/<str:code>/",
        PublicCertificateView.as_view(),
        name="public-certificate-detail",
    ),
    path("", include(router.urls)),
]

register_open("api:schema", "OpenAPI schema (public contract)")
register_open("api:docs", "API documentation page")
register_open("api:me", "the caller's own account")
register_open("api:calendar_add_working_days", "public reference data: working-day calculator")
register_open("api:calendar_holidays", "public reference data: public holidays of a year")
register_view("api:auditevent-list", "api_list", AuditEvent)
register_view("api:auditevent-detail", "api_detail", AuditEvent)
register_view("api:complaint-list", "api_list", Complaint)
register_view("api:complaint-detail", "api_detail", Complaint)
register_view("api:complaint-notes", "api_detail", Complaint)
register_view("api:complaint-reveal", "api_detail", Complaint)
register_view("api:organisation-list", "api_list", Organisation)
register_view("api:organisation-detail", "api_detail", Organisation)
register_open("api:province-list", "public reference data (administrative units)")
register_open("api:province-detail", "public reference data (administrative units)")
register_open("api:commune-list", "public reference data (administrative units)")
register_open("api:commune-detail", "public reference data (administrative units)")
# Attachments follow their parent record's scope (view to list and download, change to upload).
register_view("api:attachment-list", "api_list", Attachment)
register_view("api:attachment-detail", "api_detail", Attachment)
register_view("api:attachment-download", "api_detail", Attachment)
_OWN_NOTIFICATIONS = "recipient-only: the caller's own notifications"
register_open("api:notification-list", _OWN_NOTIFICATIONS)
register_open("api:notification-detail", _OWN_NOTIFICATIONS)
register_open("api:notification-read", _OWN_NOTIFICATIONS)
register_open("api:notification-read-all", _OWN_NOTIFICATIONS)
register_open("api:places-resolve", "public reference data: old and new address resolution")
_model: type[Model]
for _name, _model in (
    ("instrument", Instrument),
    ("designation", Designation),
    ("verifier", Verifier),
    ("standard", MeasurementStandard),
    ("market", Market),
):
    register_view(f"api:metrology-{_name}-list", "api_list", _model)
    register_view(f"api:metrology-{_name}-detail", "api_detail", _model)
register_view("api:metrology-finding-list", "api_list", OutOfToleranceFinding)
register_view("api:metrology-finding-detail", "api_detail", OutOfToleranceFinding)
register_view("api:metrology-finding-affected", "api_detail", OutOfToleranceFinding)
register_view("api:metrology-finding-act", "api_detail", OutOfToleranceFinding, "approve")
register_open(
    "api:public-certificate-detail", "public certificate status by unguessable code (throttled)"
)
for _name, _model in (
    ("verification", _metrology_models.Verification),
    ("certificate", _metrology_models.Certificate),
    ("stampbatch", _metrology_models.StampBatch),
):
    register_view(f"api:metrology-{_name}-list", "api_list", _model)
    register_view(f"api:metrology-{_name}-detail", "api_detail", _model)
register_view("api:metrology-certificate-pdf", "api_detail", _metrology_models.Certificate)
for _name in ("revoke", "suspend", "reinstate"):
    register_view(
        f"api:metrology-certificate-{_name}", "api_detail", _metrology_models.Certificate, "approve"
    )
register_view("api:metrology-stampbatch-stock", "api_detail", _metrology_models.StampBatch)
register_view("api:metrology-stampbatch-void", "api_detail", _metrology_models.StampBatch, "change")
