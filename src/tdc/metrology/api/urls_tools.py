"""Metrology calculators and figures under /api/v1/metrology/ (included by
``tdc.metrology.api.urls``)."""

from django.urls import path

from tdc.core.viewregistry import register_open, register_view
from tdc.metrology.api.due import DueCountsView, DueInstrumentListView, StatisticsView
from tdc.metrology.api.views import MpeEvaluateView
from tdc.metrology.models import Instrument

urlpatterns = [
    path("mpe/evaluate/", MpeEvaluateView.as_view(), name="metrology-mpe-evaluate"),
    path("due/", DueInstrumentListView.as_view(), name="metrology-due-list"),
    path("due/counts/", DueCountsView.as_view(), name="metrology-due-counts"),
    path("statistics/", StatisticsView.as_view(), name="metrology-statistics"),
]

register_open("api:metrology-mpe-evaluate", "stateless calculator for any signed-in user")
register_view("api:metrology-due-list", "api_list", Instrument)
register_open("api:metrology-due-counts", "counts within the caller's own jurisdiction")
register_open("api:metrology-statistics", "figures within the caller's own jurisdiction")
