"""Routes under /api/v1/quality/ (included by ``tdc.api.urls``, namespace ``api``)."""

from __future__ import annotations

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from tdc.core.viewregistry import register_open, register_view
from tdc.quality.api.surveys import SampleViewSet, SurveyPlanViewSet
from tdc.quality.api.views import (
    ConformityBodyViewSet,
    DeclarationViewSet,
    QualityWarningViewSet,
    RegimeView,
)
from tdc.quality.models import ConformityBody, Declaration, QualityWarning, Sample, SurveyPlan

router = DefaultRouter()
router.include_root_view = False
router.register("bodies", ConformityBodyViewSet, basename="quality-body")
router.register("declarations", DeclarationViewSet, basename="quality-declaration")
router.register("warnings", QualityWarningViewSet, basename="quality-warning")
router.register("surveys/plans", SurveyPlanViewSet, basename="quality-survey-plan")
router.register("surveys/samples", SampleViewSet, basename="quality-survey-sample")

urlpatterns = [
    path("regime/", RegimeView.as_view(), name="quality-regime"),
    path("", include(router.urls)),
]

register_open(
    "api:quality-regime",
    "stateless regime resolver for any signed-in role: reads reference lists, stores nothing",
)
for _base, _model in (
    ("quality-body", ConformityBody),
    ("quality-declaration", Declaration),
    ("quality-warning", QualityWarning),
):
    register_view(f"api:{_base}-list", "api_list", _model)
    register_view(f"api:{_base}-detail", "api_detail", _model)
register_view("api:quality-declaration-transition", "api_detail", Declaration, "approve")
register_view("api:quality-warning-publish", "api_detail", QualityWarning, "approve")
for _survey_base, _survey_model in (
    ("quality-survey-plan", SurveyPlan),
    ("quality-survey-sample", Sample),
):
    register_view(f"api:{_survey_base}-list", "api_list", _survey_model)
    register_view(f"api:{_survey_base}-detail", "api_detail", _survey_model)
for _step in ("seal", "hand-over", "results"):
    register_view(f"api:quality-survey-sample-{_step}", "api_detail", Sample, "change")
