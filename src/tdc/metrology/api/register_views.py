"""Endpoints of the metrology register under /api/v1/metrology/…; filters shared with the UI."""

from __future__ import annotations

from typing import Any

from rest_framework import viewsets

from tdc.core.api.concurrency import VersionedUpdateMixin
from tdc.core.api.permissions import ScopedModelPermission
from tdc.core.auth import authenticated_user
from tdc.core.roles import Action
from tdc.metrology import services
from tdc.metrology.api.register_serializers import (
    DesignationSerializer,
    InstrumentSerializer,
    MarketSerializer,
    MeasurementStandardSerializer,
    VerifierSerializer,
)
from tdc.metrology.filters import (
    DesignationFilterSet,
    InstrumentFilterSet,
    MarketFilterSet,
    MeasurementStandardFilterSet,
    VerifierFilterSet,
)
from tdc.metrology.models import Designation, Instrument, Market, MeasurementStandard, Verifier
from tdc.metrology.selectors import (
    designation_base,
    instrument_current,
    market_base,
    standard_base,
    verifier_base,
)


def _action(request: Any) -> str:
    return Action.VIEW if request.method in ("GET", "HEAD", "OPTIONS") else Action.CHANGE


class InstrumentViewSet(VersionedUpdateMixin, viewsets.ModelViewSet[Instrument]):
    """Measuring instruments in the caller's jurisdiction; filter by type, status, owner's tax
    code, commune or due date. Create and update go through the register's services."""

    serializer_class = InstrumentSerializer
    permission_classes = [ScopedModelPermission]
    filterset_class = InstrumentFilterSet
    ordering_fields = ["serial_number", "next_due_date", "id", "modified_at"]
    ordering = ["id"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> Any:
        return instrument_current().for_user(self.request.user, _action(self.request))

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = services.instrument_register(
            by=authenticated_user(self.request), **data
        )

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        expected = data.pop("version", None)
        serializer.instance = services.instrument_update(
            instrument=serializer.instance,
            by=authenticated_user(self.request),
            expected_version=expected,
            **data,
        )


class DesignationViewSet(viewsets.ReadOnlyModelViewSet[Designation]):
    """Designation decisions of verification organisations visible to the caller."""

    serializer_class = DesignationSerializer
    permission_classes = [ScopedModelPermission]
    filterset_class = DesignationFilterSet
    ordering = ["-valid_from", "id"]

    def get_queryset(self) -> Any:
        return designation_base().for_user(self.request.user, Action.VIEW)


class VerifierViewSet(viewsets.ReadOnlyModelViewSet[Verifier]):
    """Certified verifiers visible to the caller."""

    serializer_class = VerifierSerializer
    permission_classes = [ScopedModelPermission]
    filterset_class = VerifierFilterSet
    ordering = ["full_name", "id"]

    def get_queryset(self) -> Any:
        return verifier_base().for_user(self.request.user, Action.VIEW)


class MeasurementStandardViewSet(viewsets.ReadOnlyModelViewSet[MeasurementStandard]):
    """Measurement standards visible to the caller."""

    serializer_class = MeasurementStandardSerializer
    permission_classes = [ScopedModelPermission]
    filterset_class = MeasurementStandardFilterSet
    ordering = ["level", "name", "id"]

    def get_queryset(self) -> Any:
        return standard_base().for_user(self.request.user, Action.VIEW)


class MarketViewSet(viewsets.ReadOnlyModelViewSet[Market]):
    """Markets (TT 09/2017) visible to the caller."""

    serializer_class = MarketSerializer
    permission_classes = [ScopedModelPermission]
    filterset_class = MarketFilterSet
    ordering = ["name", "id"]

    def get_queryset(self) -> Any:
        return market_base().for_user(self.request.user, Action.VIEW)
