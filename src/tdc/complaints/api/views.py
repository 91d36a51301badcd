"""Complaints API: public filing and tracking; officers' list, handling, notes and reveal."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tdc.complaints import ratelimit, services
from tdc.complaints.api.serializers import (
    ComplaintNoteSerializer,
    ComplaintPublicSerializer,
    ComplaintReceiptSerializer,
    ComplaintSerializer,
    ComplaintSubmitSerializer,
    ReporterIdentitySerializer,
    RevealRequestSerializer,
    RevealStateSerializer,
)
from tdc.complaints.choices import ComplaintSource, ComplaintStatus
from tdc.complaints.filters import ComplaintFilterSet
from tdc.complaints.models import Complaint
from tdc.complaints.selectors import (
    complaint_base,
    complaint_notes,
    complaint_public_get,
    may_reveal_reporter,
)
from tdc.complaints.tracking import new_code
from tdc.core.api.concurrency import VersionedUpdateMixin
from tdc.core.api.parsers import SafeJSONParser
from tdc.core.api.permissions import PublicRateThrottle, ScopedModelPermission
from tdc.core.api.schema import ErrorSerializer
from tdc.core.calendar import add_working_days
from tdc.core.roles import Action


def _receipt(*, code: str, received_at: Any, deadline: Any) -> dict[str, Any]:
    return {
        "tracking_code": code,
        "status": ComplaintStatus.RECEIVED,
        "received_at": received_at,
        "deadline": deadline,
        "tracking_url": reverse("complaints_public:tracking_detail", args=[code]),
    }


class PublicComplaintCreateView(APIView):
    """File a complaint without an account (JSON, or multipart/form-data with ``photos``).

    Answers the tracking code with which the reporter follows the complaint. Limited per client
    address (``TDC_COMPLAINT_RATE``); a flood answers 429.
    """

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [PublicRateThrottle, ratelimit.ComplaintRateThrottle]
    parser_classes = [SafeJSONParser, MultiPartParser, FormParser]

    @extend_schema(
        request={
            "application/json": ComplaintSubmitSerializer,
            "multipart/form-data": ComplaintSubmitSerializer,
        },
        responses={
            201: ComplaintReceiptSerializer,
            400: OpenApiResponse(ErrorSerializer, description="A field is missing or refused."),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = ComplaintSubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if (serializer.validated_data.get("website") or "").strip():
            # Anti-robot field filled in: answer like a success, store nothing.
            ratelimit.record_filing(request)
            now = timezone.now()
            period = services.handling_period(timezone.localdate(now))
            deadline = add_working_days(
                timezone.localdate(now),
                period.working_days,
                count_from_receipt_day=period.count_from_receipt_day,
            )
            data = _receipt(code=new_code(), received_at=now, deadline=deadline)
        else:
            complaint = services.complaint_submit(
                **serializer.to_service_kwargs(), source=ComplaintSource.API
            )
            ratelimit.record_filing(request)
            data = _receipt(
                code=complaint.tracking_code,
                received_at=complaint.received_at,
                deadline=complaint.deadline,
            )
        return Response(ComplaintReceiptSerializer(data).data, status=status.HTTP_201_CREATED)


class PublicComplaintDetailView(APIView):
    """Status, dates and public outcome of a complaint, by its tracking code."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [PublicRateThrottle]

    @extend_schema(responses={200: ComplaintPublicSerializer})
    def get(self, request: Request, code: str) -> Response:
        row = complaint_public_get(code)
        if row is None:
            raise NotFound(_("No complaint has this tracking code; check the code and try again."))
        response = Response(ComplaintPublicSerializer(row).data)
        response["Cache-Control"] = "no-store"
        return response


class ComplaintViewSet(
    VersionedUpdateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Complaint],
):
    """Complaints in the caller's jurisdiction; PATCH moves one through its workflow."""

    serializer_class = ComplaintSerializer
    permission_classes = [ScopedModelPermission]
    filterset_class = ComplaintFilterSet
    ordering_fields = ["received_at", "deadline", "id"]
    ordering = ["-received_at", "-id"]
    http_method_names = ["get", "patch", "post", "head", "options"]

    def get_queryset(self) -> Any:
        safe = self.request.method in ("GET", "HEAD", "OPTIONS")
        action_name = Action.VIEW if safe or self.action == "reveal" else Action.CHANGE
        return complaint_base().for_user(self.request.user, action_name)

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        expected = data.pop("version", None)
        serializer.instance = services.complaint_update(
            complaint=serializer.instance,
            by=self.request.user,
            expected_version=expected,
            **data,
        )

    @extend_schema(methods=["GET"], responses={200: ComplaintNoteSerializer(many=True)})
    @extend_schema(
        methods=["POST"],
        request=ComplaintNoteSerializer,
        responses={201: ComplaintNoteSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def notes(self, request: Request, pk: str | None = None) -> Response:
        """Internal notes of the handlers (GET lists, POST adds one)."""
        complaint = self.get_object()
        if request.method == "POST":
            serializer = ComplaintNoteSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            note = services.complaint_note_add(
                complaint=complaint, by=request.user, text=serializer.validated_data["text"]
            )
            return Response(ComplaintNoteSerializer(note).data, status=status.HTTP_201_CREATED)
        return Response(ComplaintNoteSerializer(complaint_notes(complaint), many=True).data)

    @extend_schema(methods=["GET"], responses={200: RevealStateSerializer})
    @extend_schema(
        methods=["POST"],
        request=RevealRequestSerializer,
        responses={200: ReporterIdentitySerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def reveal(self, request: Request, pk: str | None = None) -> Response:
        """The reporter's identity, for a complaint handler giving a reason (audited).

        GET says whether the caller may reveal; POST with ``reason`` reveals.
        """
        complaint: Complaint = self.get_object()
        allowed = may_reveal_reporter(request.user, complaint)
        if request.method == "GET":
            state = {"may_reveal": allowed, "has_reporter_identity": complaint.has_identity}
            return Response(RevealStateSerializer(state).data)
        if not allowed:
            raise PermissionDenied(
                _("Only complaint handlers may reveal a reporter; ask the administrator.")
            )
        serializer = RevealRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        identity = services.complaint_reveal_reporter(
            complaint=complaint, by=request.user, reason=serializer.validated_data["reason"]
        )
        response = Response(ReporterIdentitySerializer(identity).data)
        response["Cache-Control"] = "no-store"
        return response
