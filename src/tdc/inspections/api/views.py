"""API of the inspections module: thin viewsets over the selectors and services."""

from __future__ import annotations

import base64
import binascii
from typing import TYPE_CHECKING, Any, ClassVar

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tdc.core.api.permissions import ScopedModelPermission
from tdc.core.auth import authenticated_user
from tdc.core.roles import Action
from tdc.inspections import selectors, services
from tdc.inspections.api import serializers as s
from tdc.inspections.filters import (
    ExternalInspectionFilterSet,
    InspectionFilterSet,
    InspectionPlanFilterSet,
    SanctionDecisionFilterSet,
)
from tdc.registry.selectors import organisation_get_for_user

if TYPE_CHECKING:
    from tdc.accounts.models import User


class _ScopedViewSet(viewsets.GenericViewSet[Any]):
    """A viewset over a scoped queryset: reads with ``view``, writes with ``change`` unless an
    action names its own scope in ``action_scopes``."""

    permission_classes = [ScopedModelPermission]
    action_scopes: ClassVar[dict[str, str]] = {}

    def scope_action(self) -> str:
        name = getattr(self, "action", None)
        if name in self.action_scopes:
            return self.action_scopes[name]
        return Action.VIEW if self.request.method in ("GET", "HEAD", "OPTIONS") else Action.CHANGE

    def body(self, serializer_class: type[serializers.Serializer[Any]]) -> dict[str, Any]:
        """The request's body, validated by ``serializer_class`` (400 with the fields if not)."""
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    @property
    def by(self) -> User:
        return authenticated_user(self.request)


class InspectionPlanViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, _ScopedViewSet
):
    """Annual inspection plans; submit, approve (leaders only) and return with a reason."""

    serializer_class = s.InspectionPlanSerializer
    filterset_class = InspectionPlanFilterSet
    action_scopes = {"approve": Action.APPROVE, "return_plan": Action.APPROVE}

    def get_queryset(self) -> Any:
        return selectors.plan_base().for_user(self.request.user, self.scope_action())

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.plan_create(by=self.by, **serializer.validated_data)

    @extend_schema(request=None, responses=s.InspectionPlanSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: Any = None) -> Response:
        plan = services.plan_submit(plan=self.get_object(), by=self.by)
        return Response(s.InspectionPlanSerializer(plan).data)

    @extend_schema(request=None, responses=s.InspectionPlanSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: Any = None) -> Response:
        plan = services.plan_approve(plan=self.get_object(), by=self.by)
        return Response(s.InspectionPlanSerializer(plan).data)

    @extend_schema(request=s.PlanReturnSerializer, responses=s.InspectionPlanSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_plan(self, request: Request, pk: Any = None) -> Response:
        obj = self.get_object()
        reason = self.body(s.PlanReturnSerializer)["reason"]
        plan = services.plan_return(plan=obj, by=self.by, reason=reason)
        return Response(s.InspectionPlanSerializer(plan).data)


class CampaignViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _ScopedViewSet):
    """Campaigns of the plans; add a target (the answer carries the de-confliction warning)."""

    serializer_class = s.CampaignSerializer

    def get_queryset(self) -> Any:
        return selectors.campaign_list(user=self.request.user, action=self.scope_action()).order_by(
            "start_date", "id"
        )

    @extend_schema(
        request=s.CampaignTargetInputSerializer, responses=s.RecentInspectionSerializer(many=True)
    )
    @action(detail=True, methods=["post"])
    def targets(self, request: Request, pk: Any = None) -> Response:
        campaign = self.get_object()
        data = self.body(s.CampaignTargetInputSerializer)
        organisation = organisation_get_for_user(user=request.user, pk=data["organisation"])
        _target, conflicts = services.campaign_target_add(
            campaign=campaign, organisation=organisation, by=self.by, reason=data["reason"]
        )
        return Response(
            s.RecentInspectionSerializer(conflicts, many=True).data, status=status.HTTP_201_CREATED
        )


class InspectionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _ScopedViewSet):
    """Field inspections: open one, answer the checklist, record violations, sign, decide."""

    serializer_class = s.InspectionSerializer
    filterset_class = InspectionFilterSet
    action_scopes = {"decision": Action.APPROVE}

    def get_queryset(self) -> Any:
        return (
            selectors.inspection_base()
            .prefetch_related("answers__item")
            .for_user(self.request.user, self.scope_action())
        )

    @extend_schema(request=s.InspectionCreateSerializer, responses={201: s.InspectionSerializer})
    def create(self, request: Request) -> Response:
        data = self.body(s.InspectionCreateSerializer)
        organisation = organisation_get_for_user(user=request.user, pk=data.pop("organisation"))
        campaign_id = data.pop("campaign", None)
        campaign = (
            get_object_or_404(selectors.campaign_list(user=request.user), pk=campaign_id)
            if campaign_id
            else None
        )
        inspection = services.inspection_create(
            by=self.by, organisation=organisation, campaign=campaign, **data
        )
        return Response(s.InspectionSerializer(inspection).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.AnswerInputSerializer, responses=s.ChecklistAnswerSerializer)
    @action(detail=True, methods=["post"])
    def answers(self, request: Request, pk: Any = None) -> Response:
        obj = self.get_object()
        data = self.body(s.AnswerInputSerializer)
        row = services.answer_save(
            inspection=obj,
            by=self.by,
            item_code=data["item"],
            answer=data["answer"],
            note=data["note"],
        )
        return Response(s.ChecklistAnswerSerializer(row).data)

    @extend_schema(request=s.ViolationInputSerializer, responses={201: s.ViolationSerializer})
    @action(detail=True, methods=["post"])
    def violations(self, request: Request, pk: Any = None) -> Response:
        obj = self.get_object()
        data = self.body(s.ViolationInputSerializer)
        violation = services.violation_add(
            inspection=obj, by=self.by, violation_code=data.pop("violation_type"), **data
        )
        return Response(s.ViolationSerializer(violation).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.SignatureInputSerializer, responses=s.InspectionSerializer)
    @action(detail=True, methods=["post"])
    def signatures(self, request: Request, pk: Any = None) -> Response:
        obj = self.get_object()
        data = self.body(s.SignatureInputSerializer)
        try:
            png = base64.b64decode(data["signature"].split(",", 1)[-1], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValidationError(
                {"signature": "The signature is not base64; sign again."}
            ) from exc
        inspection = services.signature_add(inspection=obj, by=self.by, role=data["role"], png=png)
        return Response(s.InspectionSerializer(inspection).data)

    @extend_schema(request=s.DecisionInputSerializer, responses={201: s.SanctionDecisionSerializer})
    @action(detail=True, methods=["post"])
    def decision(self, request: Request, pk: Any = None) -> Response:
        obj = self.get_object()
        data = self.body(s.DecisionInputSerializer)
        decision = services.decision_issue(
            inspection=obj,
            by=self.by,
            decided_on=data["decided_on"],
            signed_by_name=data["signed_by_name"],
            fines={int(k): v for k, v in (data.get("fines") or {}).items()},
        )
        return Response(s.SanctionDecisionSerializer(decision).data, status=status.HTTP_201_CREATED)


class ViolationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _ScopedViewSet):
    """Violations found, with the catalogue and fine-rule versions used."""

    serializer_class = s.ViolationSerializer

    def get_queryset(self) -> Any:
        return selectors.violation_list(user=self.request.user, action=self.scope_action())


class SanctionDecisionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _ScopedViewSet):
    """Sanction decisions; record the payment or the transfer."""

    serializer_class = s.SanctionDecisionSerializer
    filterset_class = SanctionDecisionFilterSet

    def get_queryset(self) -> Any:
        return selectors.decision_base().for_user(self.request.user, self.scope_action())

    @extend_schema(request=s.PaymentInputSerializer, responses=s.SanctionDecisionSerializer)
    @action(detail=True, methods=["post"])
    def payment(self, request: Request, pk: Any = None) -> Response:
        obj = self.get_object()
        data = self.body(s.PaymentInputSerializer)
        decision = services.decision_payment_record(decision=obj, by=self.by, **data)
        return Response(s.SanctionDecisionSerializer(decision).data)

    @extend_schema(request=s.TransferInputSerializer, responses=s.SanctionDecisionSerializer)
    @action(detail=True, methods=["post"])
    def transfer(self, request: Request, pk: Any = None) -> Response:
        obj = self.get_object()
        data = self.body(s.TransferInputSerializer)
        decision = services.decision_transfer(decision=obj, by=self.by, **data)
        return Response(s.SanctionDecisionSerializer(decision).data)


class ExternalInspectionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, _ScopedViewSet
):
    """Inspections by other agencies, for de-confliction."""

    serializer_class = s.ExternalInspectionSerializer
    filterset_class = ExternalInspectionFilterSet

    def get_queryset(self) -> Any:
        return selectors.external_base().for_user(self.request.user, self.scope_action())

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data["organisation"] = organisation_get_for_user(
            user=self.request.user, pk=data["organisation"].pk
        )
        serializer.instance = services.external_inspection_create(by=self.by, **data)


class ViolationTypeViewSet(viewsets.ReadOnlyModelViewSet):
    """The violations catalogue (reference data), with every version and its confidence."""

    serializer_class = s.ViolationTypeSerializer

    def get_queryset(self) -> Any:
        return selectors.violation_type_list()


class RiskRankingView(APIView):
    """Organisations of the caller's jurisdiction ranked by risk score, with contributions."""

    @extend_schema(responses=s.RiskRankingSerializer)
    def get(self, request: Request) -> Response:
        if not selectors.may_see_risk(request.user):
            return Response({"weights_version": "", "results": []})
        ranked, weights = selectors.risk_ranking(user=request.user)
        data = {
            "weights_version": weights.version_label,
            "results": [
                {
                    "organisation": r.organisation.pk,
                    "name": r.organisation.name,
                    "score": r.score.total,
                    "contributions": r.score.contributions,
                }
                for r in ranked
            ],
        }
        return Response(s.RiskRankingSerializer(data).data)


class StatisticsView(APIView):
    """Inspections by area, month and commune; violations by article; fines."""

    @extend_schema(responses=s.StatisticsSerializer)
    def get(self, request: Request) -> Response:
        year = request.query_params.get("year")
        data = selectors.statistics(
            user=request.user, year=int(year) if year and year.isdigit() else None
        )
        return Response(s.StatisticsSerializer(data).data)
