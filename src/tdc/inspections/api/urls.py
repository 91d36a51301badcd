"""Inspection endpoints under /api/v1/inspections/ (included by ``tdc.api.urls``)."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from tdc.core.viewregistry import register_open, register_view
from tdc.inspections.api import views
from tdc.inspections.models import (
    Campaign,
    ExternalInspection,
    Inspection,
    InspectionPlan,
    SanctionDecision,
    Violation,
)

router = DefaultRouter()
router.include_root_view = False
router.register("plans", views.InspectionPlanViewSet, basename="inspections-plan")
router.register("campaigns", views.CampaignViewSet, basename="inspections-campaign")
router.register("inspections", views.InspectionViewSet, basename="inspections-inspection")
router.register("violations", views.ViolationViewSet, basename="inspections-violation")
router.register("decisions", views.SanctionDecisionViewSet, basename="inspections-decision")
router.register("other-agencies", views.ExternalInspectionViewSet, basename="inspections-external")
router.register("catalogue", views.ViolationTypeViewSet, basename="inspections-catalogue")

urlpatterns = [
    path("risk/", views.RiskRankingView.as_view(), name="inspections-risk"),
    path("statistics/", views.StatisticsView.as_view(), name="inspections-statistics"),
    path("", include(router.urls)),
]

for _model, _base in (
    (InspectionPlan, "plan"),
    (Campaign, "campaign"),
    (Inspection, "inspection"),
    (Violation, "violation"),
    (SanctionDecision, "decision"),
    (ExternalInspection, "external"),
):
    register_view(f"api:inspections-{_base}-list", "api_list", _model)
    register_view(f"api:inspections-{_base}-detail", "api_detail", _model)
# POST-only API actions: the object is loaded through the viewset's scoped queryset with the
# action's own scope (change, or approve for plan approval and sanction decisions), so an
# object outside the caller's scope or role answers 404; anonymous callers get 401. They are
# covered by tdc/inspections/tests/test_api.py rather than by the GET-based matrix.
_API_ACTION = "POST-only API action on an object loaded through the scoped queryset (404 outside)"
for _name in (
    "plan-submit",
    "plan-approve",
    "plan-return",
    "campaign-targets",
    "inspection-answers",
    "inspection-violations",
    "inspection-signatures",
    "inspection-decision",
    "decision-payment",
    "decision-transfer",
):
    register_open(f"api:inspections-{_name}", _API_ACTION)
_REFERENCE = "reference data every signed-in user reads (the violations catalogue)"
register_open("api:inspections-catalogue-list", _REFERENCE)
register_open("api:inspections-catalogue-detail", _REFERENCE)
register_open(
    "api:inspections-risk", "scores only within the caller's jurisdiction; empty for other roles"
)
register_open(
    "api:inspections-statistics", "counts only within the caller's jurisdiction (empty if none)"
)
