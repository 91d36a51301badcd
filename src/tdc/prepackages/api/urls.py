"""Routes under /api/v1/prepackages/ (included by ``tdc.api.urls``, namespace ``api``)."""

from __future__ import annotations

from django.urls import path

from tdc.core.viewregistry import register_open
from tdc.prepackages.api.views import PrepackageEvaluateView, PrepackageRulesVersionListView

urlpatterns = [
    path("evaluate/", PrepackageEvaluateView.as_view(), name="prepackage-evaluate"),
    path(
        "rules-versions/",
        PrepackageRulesVersionListView.as_view(),
        name="prepackage-rules-version-list",
    ),
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
