"""Inspections (with readings added one by one and the decision), declarations and
certificates under /api/v1/prepackages/; filters shared with the screens."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from tdc.core.api.concurrency import VersionedUpdateMixin
from tdc.core.api.permissions import ScopedModelPermission
from tdc.core.api.schema import ErrorSerializer
from tdc.core.auth import authenticated_user
from tdc.core.roles import Action
from tdc.core.scoping import get_for_user_or_404, object_in_scope
from tdc.prepackages import services
from tdc.prepackages.api.serializers import (
    PrepackageCertificationSerializer,
    PrepackageDeclarationSerializer,
    PrepackageInspectionSerializer,
    PrepackageMeasurementInputSerializer,
    PrepackageMeasurementSerializer,
    PrepackageRunningSerializer,
    PrepackageTransitionListSerializer,
    PrepackageTransitionSerializer,
)
from tdc.prepackages.filters import (
    MarkCertificationFilterSet,
    MarkDeclarationFilterSet,
    QuantityInspectionFilterSet,
)
from tdc.prepackages.forms import TransitionForm
from tdc.prepackages.models import QuantityInspection
from tdc.prepackages.selectors import (
    certification_base,
    declaration_base,
    inspection_base,
    inspection_measurements,
)
from tdc.prepackages.views.inspections import minutes_pdf, running_context
from tdc.prepackages.views.marks import CERTIFICATIONS, DECLARATIONS, Register

_READ = ("GET", "HEAD", "OPTIONS")


class InspectionCancelSerializer(serializers.Serializer):  # type: ignore[type-arg]
    reason = serializers.CharField(help_text="Why the draft is cancelled; kept in the history.")


class _ScopedViewSet(VersionedUpdateMixin, viewsets.ModelViewSet[Any]):
    permission_classes = [ScopedModelPermission]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def base(self) -> Any:
        raise NotImplementedError

    def get_queryset(self) -> Any:
        action_name = Action.VIEW if self.request.method in _READ else Action.CHANGE
        return self.base().for_user(self.request.user, action_name)


class PrepackageInspectionViewSet(_ScopedViewSet):
    """Quantity inspections in the caller's jurisdiction. Create a lot, POST its readings one by
    one to ``measurements/`` (each saved at once), then POST ``decision/``."""

    serializer_class = PrepackageInspectionSerializer
    filterset_class = QuantityInspectionFilterSet
    ordering_fields = ["inspected_on", "id", "modified_at"]
    ordering = ["-inspected_on", "-id"]

    def base(self) -> Any:
        return inspection_base()

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("version", None)
        insp = services.inspection_create(by=authenticated_user(self.request), **data)
        if not object_in_scope(insp, self.request.user, Action.VIEW):
            raise ValidationError({"province": "Choose a place inside your jurisdiction."})
        serializer.instance = insp

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        expected = data.pop("version", None)
        serializer.instance = services.inspection_update(
            inspection=serializer.instance,
            by=authenticated_user(self.request),
            expected_version=expected,
            **data,
        )

    def _draft(self, pk: Any, action_name: str) -> QuantityInspection:
        return get_for_user_or_404(inspection_base(), self.request.user, action_name, pk=pk)

    @extend_schema(
        methods=["GET"],
        summary="List the readings entered so far",
        responses={200: PrepackageMeasurementSerializer(many=True)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Save the reading of one sampled unit (saved at once; again to correct it)",
        request=PrepackageMeasurementInputSerializer,
        responses={
            201: PrepackageRunningSerializer,
            400: OpenApiResponse(ErrorSerializer, description="A reading that cannot be right."),
        },
    )
    @action(detail=True, methods=["get", "post"], url_path="measurements")
    def measurements(self, request: Request, pk: Any = None) -> Response:
        if request.method == "GET":
            insp = self._draft(pk, Action.VIEW)
            rows = inspection_measurements(insp)
            return Response(PrepackageMeasurementSerializer(rows, many=True).data)
        insp = self._draft(pk, Action.CHANGE)
        data = PrepackageMeasurementInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.measurement_record(
            inspection=insp,
            position=data.validated_data["position"],
            value=data.validated_data["value"],
            tare=data.validated_data.get("tare"),
            by=authenticated_user(request),
        )
        insp.refresh_from_db()
        return Response(_running(insp), status=201)

    @extend_schema(
        methods=["GET"],
        summary="The running tally, or the decision once taken",
        responses={200: PrepackageRunningSerializer},
    )
    @extend_schema(
        methods=["POST"],
        summary="Decide the lot: evaluate the complete sample with the rules module",
        request=None,
        responses={
            200: PrepackageInspectionSerializer,
            400: OpenApiResponse(ErrorSerializer, description="Sample incomplete or invalid."),
        },
    )
    @action(detail=True, methods=["get", "post"], url_path="decision")
    def decision(self, request: Request, pk: Any = None) -> Response:
        if request.method == "GET":
            return Response(_running(self._draft(pk, Action.VIEW)))
        insp = services.inspection_finalise(
            inspection=self._draft(pk, Action.CHANGE), by=authenticated_user(request)
        )
        return Response(PrepackageInspectionSerializer(insp).data)

    @extend_schema(
        methods=["POST"],
        summary="Cancel a draft opened by mistake (kept with its reason, never deleted)",
        request=InspectionCancelSerializer,
        responses={
            200: PrepackageInspectionSerializer,
            400: OpenApiResponse(ErrorSerializer, description="No reason, or not a draft."),
        },
    )
    @action(detail=True, methods=["get", "post"], url_path="cancel")
    def cancel(self, request: Request, pk: Any = None) -> Response:
        if request.method == "GET":
            insp = self._draft(pk, Action.CHANGE)
            return Response(PrepackageInspectionSerializer(insp).data)
        payload = InspectionCancelSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        insp = services.inspection_cancel(
            inspection=self._draft(pk, Action.CHANGE),
            by=authenticated_user(request),
            reason=payload.validated_data["reason"],
        )
        return Response(PrepackageInspectionSerializer(insp).data)

    @extend_schema(
        summary="The minutes as PDF (a draft prints marked as such)",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
    )
    @action(detail=True, methods=["get"], url_path="minutes")
    def minutes(self, request: Request, pk: Any = None) -> HttpResponse:
        return minutes_pdf(self._draft(pk, Action.VIEW))


def _running(insp: QuantityInspection) -> dict[str, Any]:
    if not insp.is_draft and insp.result:
        return {
            "entered": insp.sample_size,
            "sample_size": insp.sample_size,
            "t1_count": insp.t1_count or 0,
            "t1_allowed": insp.result.get("t1_allowed", 0),
            "t2_count": insp.t2_count or 0,
            "mean": insp.result.get("mean"),
            "complete": True,
            "decision": insp.decision,
        }
    context = running_context(insp)
    tally = context["tally"]
    return {
        "entered": context["entered"],
        "sample_size": insp.sample_size,
        "t1_count": tally.t1_count,
        "t1_allowed": context["t1_allowed"],
        "t2_count": tally.t2_count,
        "mean": None if tally.mean is None else str(tally.mean),
        "complete": context["complete"],
        "decision": insp.decision,
    }


class _MarkRegisterViewSet(_ScopedViewSet):
    """A quantity-mark register: POST registers a file (through ``receive``); ``transition/``
    lists the steps open to the caller (GET) and takes one (POST)."""

    http_method_names = ["get", "post", "head", "options"]
    register: ClassVar[Register]
    receive: ClassVar[Callable[..., Model]]

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = type(self).receive(
            by=authenticated_user(self.request), **serializer.validated_data
        )

    @action(detail=True, methods=["get", "post"], url_path="transition")
    def transition(self, request: Request, pk: Any = None) -> Response:
        obj = get_for_user_or_404(self.base(), request.user, Action.CHANGE, pk=pk)
        user = authenticated_user(request)
        allowed = [step.action for step in self.register.workflow.actions_for(obj, user)]
        if request.method == "GET":
            return Response({"status": obj.status, "actions": allowed})
        data = PrepackageTransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        name = data.validated_data["action"]
        if name not in allowed:
            raise ValidationError(
                {"action": f"Not open now; choose one of: {', '.join(allowed) or 'none'}."}
            )
        form = TransitionForm(
            data={
                "on": data.validated_data.get("on") or timezone.localdate(),
                "until": data.validated_data.get("until") or "",
                "assessed_on": data.validated_data.get("assessed_on") or "",
                "reason": data.validated_data.get("reason", ""),
                "missing_items": data.validated_data.get("missing_items", ""),
                "assessors": "\n".join(
                    f"{a.get('name', '')} - {a.get('role', '')}"
                    for a in data.validated_data.get("assessors", [])
                ),
            }
        )
        form.is_valid()
        updated = self.register.perform(obj, name, form, user)
        return Response(self.get_serializer(updated).data)


_LIST_STEPS = "The transitions open to the caller now"


@extend_schema_view(
    transition=[
        extend_schema(
            methods=["GET"],
            summary=_LIST_STEPS,
            responses={200: PrepackageTransitionListSerializer},
        ),
        extend_schema(
            methods=["POST"],
            summary="Perform a transition (incomplete, complete, accept, drop, cancel)",
            request=PrepackageTransitionSerializer,
            responses={200: PrepackageDeclarationSerializer, 400: ErrorSerializer},
        ),
    ]
)
class PrepackageDeclarationViewSet(_MarkRegisterViewSet):
    """Group 1 quantity-mark declarations (receipt register); POST creates with the next
    receipt number and the deadlines in working days."""

    serializer_class = PrepackageDeclarationSerializer
    filterset_class = MarkDeclarationFilterSet
    ordering_fields = ["received_on", "id"]
    ordering = ["-received_on", "-id"]
    register = DECLARATIONS
    receive = services.declaration_receive

    def base(self) -> Any:
        return declaration_base()


@extend_schema_view(
    transition=[
        extend_schema(
            methods=["GET"],
            summary=_LIST_STEPS,
            responses={200: PrepackageTransitionListSerializer},
        ),
        extend_schema(
            methods=["POST"],
            summary="Perform a transition (incomplete, accept_file, team, issue, refuse, suspend, "
            "reinstate, revoke)",
            request=PrepackageTransitionSerializer,
            responses={200: PrepackageCertificationSerializer, 400: ErrorSerializer},
        ),
    ]
)
class PrepackageCertificationViewSet(_MarkRegisterViewSet):
    """Group 2 quantity-mark certification files and certificates."""

    serializer_class = PrepackageCertificationSerializer
    filterset_class = MarkCertificationFilterSet
    ordering_fields = ["received_on", "valid_until", "id"]
    ordering = ["-received_on", "-id"]
    register = CERTIFICATIONS
    receive = services.certification_receive

    def base(self) -> Any:
        return certification_base()
