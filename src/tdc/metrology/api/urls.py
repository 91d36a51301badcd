"""Metrology endpoints under /api/v1/metrology/ (included by ``tdc.api.urls``)."""

from django.urls import path

from tdc.core.viewregistry import register_open
from tdc.metrology.api.views import MpeEvaluateView

urlpatterns = [
    path("mpe/evaluate/", MpeEvaluateView.as_view(), name="metrology-mpe-evaluate"),
]

register_open("api:metrology-mpe-evaluate", "stateless calculator for any signed-in user")
