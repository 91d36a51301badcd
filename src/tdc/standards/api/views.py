"""Under /api/v1/standards/: the catalogue (read for officers, written by the library's
keepers) and the notation parser."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tdc.core.api.concurrency import VersionedUpdateMixin
from tdc.core.api.permissions import ScopedModelPermission
from tdc.core.api.schema import ErrorSerializer
from tdc.core.auth import authenticated_user
from tdc.core.roles import Action
from tdc.standards import rules, services
from tdc.standards.api.serializers import (
    ParsedSerializer,
    StandardSerializer,
    TbtNotificationSerializer,
)
from tdc.standards.choices import StandardKind
from tdc.standards.filters import StandardFilterSet, TbtNotificationFilterSet
from tdc.standards.models import TbtNotification
from tdc.standards.selectors import designation_status, standard_base

_READ = ("GET", "HEAD", "OPTIONS")


class StandardViewSet(VersionedUpdateMixin, viewsets.ModelViewSet[Any]):
    """Catalogue documents with their status today and lifecycle events; the designation is
    read in any usual spelling and stored canonical."""

    permission_classes = [ScopedModelPermission]
    http_method_names = ["get", "post", "patch", "head", "options"]
    serializer_class = StandardSerializer
    filterset_class = StandardFilterSet
    ordering = ["kind", "number_key", "id"]

    def get_queryset(self) -> Any:
        action_name = Action.VIEW if self.request.method in _READ else Action.CHANGE
        return standard_base().for_user(self.request.user, action_name)

    def _data(self, serializer: Any) -> tuple[dict[str, Any], Any, list[str] | None]:
        data = dict(serializer.validated_data)
        expected = data.pop("version", None)
        ics = data.pop("ics_list", None)
        return data, expected, ics

    def perform_create(self, serializer: Any) -> None:
        user = authenticated_user(self.request)
        data, _expected, ics = self._data(serializer)
        parsed = services.parse_designation(data.get("designation", ""))
        province = user.province if parsed.kind == StandardKind.QCDP else None
        serializer.instance = services.standard_create(
            by=user, ics_codes=ics or (), province=province, **data
        )

    def perform_update(self, serializer: Any) -> None:
        data, expected, ics = self._data(serializer)
        if expected is None:
            expected = getattr(self, "_if_match", None)
        serializer.instance = services.standard_update(
            standard=serializer.instance,
            by=authenticated_user(self.request),
            expected_version=expected,
            ics_codes=ics,
            **data,
        )


class ParseView(APIView):
    """Reads a designation written any usual way into its parts and canonical form."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="standards_parse",
        summary="Parse a standard's or regulation's designation",
        parameters=[
            OpenApiParameter("number", str, required=True, description="e.g. QCVN 03 : 2019/BKHCN")
        ],
        responses={
            200: ParsedSerializer,
            400: OpenApiResponse(ErrorSerializer, description="Unreadable designation."),
        },
        tags=["standards"],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        text = str(request.query_params.get("number", ""))[:200]
        try:
            parsed = rules.parse(text)
        except rules.NotationError as exc:
            raise exceptions.ValidationError({"number": [exc.message_vi]}) from exc
        standard, _status = designation_status(text, on=timezone.localdate())
        return Response(
            ParsedSerializer(
                {
                    "canonical": parsed.canonical,
                    "kind": parsed.kind,
                    "number": parsed.number,
                    "year": parsed.year,
                    "authority": parsed.authority,
                    "amendment": parsed.amendment,
                    "amendment_year": parsed.amendment_year,
                    "adopted": parsed.adopted.canonical if parsed.adopted else None,
                    "in_catalogue": standard.pk if standard else None,
                }
            ).data
        )


class TbtNotificationViewSet(viewsets.ModelViewSet[Any]):
    """WTO TBT notifications recorded by the province's TBT point; the detail lists the
    province's exporters each concerns. Malformed symbols or HS codes answer 400."""

    permission_classes = [ScopedModelPermission]
    http_method_names = ["get", "post", "head", "options"]
    serializer_class = TbtNotificationSerializer
    filterset_class = TbtNotificationFilterSet
    ordering = ["-distributed_on", "-id"]

    def get_queryset(self) -> Any:
        action_name = Action.VIEW if self.request.method in _READ else Action.CREATE
        return TbtNotification.objects.for_user(self.request.user, action_name)

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "view_action": self.action}

    def perform_create(self, serializer: Any) -> None:
        user = authenticated_user(self.request)
        if user.province is None:
            raise DjangoValidationError(
                {"symbol": "Chỉ tài khoản cấp tỉnh mới quản lý hồ sơ của điểm TBT."}
            )
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = services.tbt_notification_create(
            by=user, province=user.province, **data
        )
