"""Routes under /api/v1/prepackages/ (included by ``tdc.api.urls``, namespace ``api``)."""

from __future__ import annotations

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from tdc.core.viewregistry import register_open, register_view
from tdc.prepackages.api.views import PrepackageEvaluateView, PrepackageRulesVersionListView
from tdc.prepackages.api.viewsets import (
    PrepackageCertificationViewSet,
    PrepackageDeclarationViewSet,
    PrepackageInspectionViewSet,
)
from tdc.prepackages.models import MarkCertification, MarkDeclaration, QuantityInspection

router = DefaultRouter()
router.include_root_view = False
router.register("inspections", PrepackageInspectionViewSet, basename="prepackage-inspection")
router.register("declarations", PrepackageDeclarationViewSet, basename="prepackage-declaration")
router.register(
    "certifications", PrepackageCertificationViewSet, basename="prepackage-certification"
)

urlpatterns = [
    path("evaluate/", PrepackageEvaluateView.as_view(), name="prepackage-evaluate"),
    path(
        "rules-versions/",
        PrepackageRulesVersionListView.as_view(),
        name="prepackage-rules-version-list",
    ),
    path("", include(router.urls)),
]

register_open(
    "api:prepackage-evaluate",
    "stateless calculator for any signed-in role: reads and stores no record, so there is no "
    "jurisdiction to scope",
)
register_open(
    "api:prepackage-rules-version-list",
    "regulation reference data (T tables, sampling plans) for any signed-in role; no records",
)

for _base, _model in (
    ("prepackage-inspection", QuantityInspection),
    ("prepackage-declaration", MarkDeclaration),
    ("prepackage-certification", MarkCertification),
):
    register_view(f"api:{_base}-list", "api_list", _model)
    register_view(f"api:{_base}-detail", "api_detail", _model)
register_view("api:prepackage-inspection-measurements", "api_detail", QuantityInspection)
register_view("api:prepackage-inspection-decision", "api_detail", QuantityInspection)
register_view("api:prepackage-inspection-minutes", "api_detail", QuantityInspection)
register_view("api:prepackage-inspection-cancel", "api_detail", QuantityInspection, "change")
register_view("api:prepackage-declaration-transition", "api_detail", MarkDeclaration, "change")
register_view("api:prepackage-certification-transition", "api_detail", MarkCertification, "change")
