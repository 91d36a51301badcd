"""Under /api/v1/quality/: the regime resolver, conformity bodies, declarations (filed by the
business itself or by an officer; receipt notice, refusal, withdrawal) and warnings."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tdc.core.api.concurrency import VersionedUpdateMixin
from tdc.core.api.parsers import SafeJSONParser
from tdc.core.api.permissions import ScopedModelPermission
from tdc.core.api.schema import ErrorSerializer
from tdc.core.auth import authenticated_user
from tdc.core.roles import Action, Role
from tdc.quality import selectors, services
from tdc.quality.api.serializers import (
    ConformityBodySerializer,
    DeclarationSerializer,
    QualityWarningSerializer,
    RegimeRequestSerializer,
    RegimeResponseSerializer,
)
from tdc.quality.filters import (
    ConformityBodyFilterSet,
    DeclarationFilterSet,
    QualityWarningFilterSet,
)
from tdc.quality.rules import QualityRuleError, RegimeResult
from tdc.quality.workflows import DECLARATION_WORKFLOW

_READ = ("GET", "HEAD", "OPTIONS")


def regime_data(result: RegimeResult) -> dict[str, Any]:
    return {
        "regime": result.regime.value,
        "risk_class": result.risk_class.value if result.risk_class else None,
        "measures": list(result.measures),
        "qcvn": list(result.qcvn),
        "legal_basis": result.legal_basis,
        "product": result.product,
        "matched_prefix": result.matched_prefix,
        "confidence": result.confidence,
        "data_source": result.source,
        "versions": list(result.versions),
    }


class RegimeView(APIView):
    """Which regime governs goods of an HS code on a day; nothing is stored."""

    permission_classes = [IsAuthenticated]
    parser_classes = [SafeJSONParser]

    @extend_schema(
        operation_id="quality_regime",
        summary="Resolve the regime, risk class and measures of an HS code on a day",
        description=(
            "Until 30/06/2026 the legacy Group 2 lists apply (`regime: group2`, `risk_class: "
            "null`); from 01/07/2026 the risk classes of TT 36/2026/TT-BKHCN (`risk_based`; "
            "codes on no list are `low`). Lists and dates are reference data with their legal "
            "basis, source and confidence. A malformed code, or one on no legacy list, answers "
            "400."
        ),
        request=RegimeRequestSerializer,
        responses={
            200: RegimeResponseSerializer,
            400: OpenApiResponse(ErrorSerializer, description="Malformed or unlisted HS code."),
        },
        examples=[
            OpenApiExample(
                "A rice cooker on 1 July 2026",
                value={"hs_code": "8516.60.10", "date": "2026-07-01"},
            )
        ],
        tags=["quality"],
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = RegimeRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            result = selectors.regime_resolve(hs_code=data["hs_code"], day=data["date"])
        except QualityRuleError as exc:
            language = get_language() or "vi"
            message = exc.message_vi if language.startswith("vi") else exc.message
            raise exceptions.ValidationError({exc.field: [message]}) from exc
        return Response(RegimeResponseSerializer(regime_data(result)).data)


class _ScopedViewSet(VersionedUpdateMixin, viewsets.ModelViewSet[Any]):
    permission_classes = [ScopedModelPermission]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def base(self, action_name: str) -> Any:
        raise NotImplementedError

    def get_queryset(self) -> Any:
        action_name = Action.VIEW if self.request.method in _READ else Action.CHANGE
        return self.base(action_name)


class ConformityBodyViewSet(_ScopedViewSet):
    """Certification bodies, labs and inspection bodies: standing, scope, validity."""

    serializer_class = ConformityBodySerializer
    filterset_class = ConformityBodyFilterSet
    ordering = ["name", "id"]

    def base(self, action_name: str) -> Any:
        return selectors.body_list(user=self.request.user, action=action_name)  # type: ignore[arg-type]

    def perform_create(self, serializer: Any) -> None:
        user = authenticated_user(self.request)
        data = dict(serializer.validated_data)
        data.pop("version", None)
        if user.province is None:
            raise ValidationError({"province": "Only a provincial account keeps this register."})
        serializer.instance = services.body_create(by=user, province=user.province, **data)

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        expected = data.pop("version", None)
        serializer.instance = services.body_update(
            body=serializer.instance,
            by=authenticated_user(self.request),
            expected_version=expected,
            **data,
        )


class _Step(serializers.Serializer[Any]):
    action = serializers.ChoiceField(choices=["accept", "refuse", "withdraw"])
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class _Offered(serializers.Serializer[Any]):
    actions = serializers.ListField(child=serializers.CharField())


class DeclarationViewSet(_ScopedViewSet):
    """Conformity declarations: a business files its own; officers issue the receipt notice
    (``accept/``), refuse or withdraw. Refusals of the checks answer 400 naming the field."""

    serializer_class = DeclarationSerializer
    filterset_class = DeclarationFilterSet
    ordering = ["-declared_on", "-id"]
    http_method_names = ["get", "post", "head", "options"]

    def base(self, action_name: str) -> Any:
        return selectors.declaration_list(user=self.request.user, action=action_name)  # type: ignore[arg-type]

    def perform_create(self, serializer: Any) -> None:
        user = authenticated_user(self.request)
        data = dict(serializer.validated_data)
        data.pop("version", None)
        declarant = data.pop("declarant", None)
        if declarant is None and user.role == Role.BUSINESS_USER:
            declarant = user.organisation
        if declarant is None:
            raise ValidationError({"declarant": "Name the declaring organisation."})
        serializer.instance = services.declaration_file(
            by=user, declarant=declarant, received_on=timezone.localdate(), **data
        )

    @extend_schema(
        methods=["GET"],
        summary="The steps the caller may take on this declaration now",
        responses={200: _Offered},
    )
    @extend_schema(
        methods=["POST"],
        summary="Issue the receipt notice (accept), refuse or withdraw it, with the reason",
        request=_Step,
        responses={200: DeclarationSerializer, 400: ErrorSerializer},
    )
    @action(detail=True, methods=["get", "post"], url_path="transition")
    def transition(self, request: Request, pk: Any = None) -> Response:
        user = authenticated_user(request)
        obj = selectors.declaration_get_for_user(user=user, pk=pk, action=Action.APPROVE)
        if request.method == "GET":
            offered = DECLARATION_WORKFLOW.actions_for(obj, user)
            return Response({"actions": [t.action for t in offered if t.label]})
        step = _Step(data=request.data)
        step.is_valid(raise_exception=True)
        name, reason = step.validated_data["action"], step.validated_data["reason"]
        today = timezone.localdate()
        if name == "accept":
            obj = services.declaration_accept(declaration=obj, by=user, accepted_on=today)
        elif name == "refuse":
            obj = services.declaration_refuse(declaration=obj, by=user, reason=reason)
        else:
            obj = services.declaration_withdraw(
                declaration=obj, by=user, reason=reason, withdrawn_on=today
            )
        return Response(DeclarationSerializer(obj).data)


class QualityWarningViewSet(_ScopedViewSet):
    """Warnings of the caller's province, drafts included; ``publish/`` makes one public."""

    serializer_class = QualityWarningSerializer
    filterset_class = QualityWarningFilterSet
    ordering = ["-published_on", "-id"]

    def base(self, action_name: str) -> Any:
        return selectors.warning_list(user=self.request.user, action=action_name)  # type: ignore[arg-type]

    def perform_create(self, serializer: Any) -> None:
        user = authenticated_user(self.request)
        data = dict(serializer.validated_data)
        data.pop("version", None)
        if user.province is None:
            raise ValidationError({"province": "Only a provincial account publishes warnings."})
        serializer.instance = services.warning_create(by=user, province=user.province, **data)

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        expected = data.pop("version", None)
        serializer.instance = services.warning_update(
            warning=serializer.instance,
            by=authenticated_user(self.request),
            expected_version=expected,
            **data,
        )

    @extend_schema(
        summary="Publish the warning from today (GET: the warning as it stands)",
        request=None,
        responses={200: QualityWarningSerializer, 400: ErrorSerializer},
    )
    @action(detail=True, methods=["get", "post"], url_path="publish")
    def publish(self, request: Request, pk: Any = None) -> Response:
        user = authenticated_user(request)
        obj = selectors.warning_get_for_user(user=user, pk=pk, action=Action.APPROVE)
        if request.method == "GET":
            return Response(QualityWarningSerializer(obj).data)
        obj = services.warning_publish(warning=obj, by=user, on=timezone.localdate())
        return Response(QualityWarningSerializer(obj).data)
