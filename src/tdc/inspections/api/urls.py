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
register_view("api:inspections-plan-submit", "action", InspectionPlan, "change")
register_view("api:inspections-plan-approve", "action", InspectionPlan, "approve")
register_view("api:inspections-plan-return", "action", InspectionPlan, "approve")
register_view("api:inspections-campaign-targets", "action", Campaign, "change")
register_view("api:inspections-inspection-answers", "action", Inspection, "change")
register_view("api:inspections-inspection-violations", "action", Inspection, "change")
register_view("api:inspections-inspection-signatures", "action", Inspection, "change")
register_view("api:inspections-inspection-decision", "action", Inspection, "approve")
register_view("api:inspections-decision-payment", "action", SanctionDecision, "change")
register_view("api:inspections-decision-transfer", "action", SanctionDecision, "change")
_REFERENCE = "reference data every signed-in user reads (the violations catalogue)"
register_open("api:inspections-catalogue-list", _REFERENCE)
register_open("api:inspections-catalogue-detail", _REFERENCE)
register_open(
    "api:inspections-risk", "scores only within the caller's jurisdiction; empty for other roles"
)
register_open(
    "api:inspections-statistics", "counts only within the caller's jurisdiction (empty if none)"
)
