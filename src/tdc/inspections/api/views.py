"""API of the inspections module: thin viewsets over the selectors and services."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tdc.core.api.permissions import ScopedModelPermission
from tdc.core.roles import Action
from tdc.inspections import selectors, services
from tdc.inspections.api import serializers as s
from tdc.inspections.filters import (
    ExternalInspectionFilterSet,
    InspectionFilterSet,
    InspectionPlanFilterSet,
    SanctionDecisionFilterSet,
)
from tdc.inspections.models import Campaign
from tdc.registry.selectors import organisation_get_for_user


class _Scoped:
    """Reads with ``view``, writes with ``change`` unless an action names its own."""

    request: Any
    action_scopes: dict[str, str] = {}

    def scope_action(self) -> str:
        name = getattr(self, "action", None)
        if name in self.action_scopes:
            return self.action_scopes[name]
        return Action.VIEW if self.request.method in ("GET", "HEAD", "OPTIONS") else Action.CHANGE


class InspectionPlanViewSet(
    _Scoped,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Annual inspection plans; submit, approve (leaders only) and return with a reason."""

    serializer_class = s.InspectionPlanSerializer
    permission_classes = [ScopedModelPermission]
    filterset_class = InspectionPlanFilterSet
    action_scopes = {"approve": Action.APPROVE, "return_plan": Action.APPROVE}

    def get_queryset(self) -> Any:
        return selectors.plan_base().for_user(self.request.user, self.scope_action())

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = services.plan_create(by=self.request.user, **data)

    @extend_schema(request=None, responses=s.InspectionPlanSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: Any = None) -> Response:
        plan = services.plan_submit(plan=self.get_object(), by=request.user)
        return Response(s.InspectionPlanSerializer(plan).data)

    @extend_schema(request=None, responses=s.InspectionPlanSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: Any = None) -> Response:
        plan = services.plan_approve(plan=self.get_object(), by=request.user)
        return Response(s.InspectionPlanSerializer(plan).data)

    @extend_schema(request=s.PlanReturnSerializer, responses=s.InspectionPlanSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_plan(self, request: Request, pk: Any = None) -> Response:
        obj = self.get_object()
        body = s.PlanReturnSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        plan = services.plan_return(plan=obj, by=request.user, reason=body.validated_data["reason"])
        return Response(s.InspectionPlanSerializer(plan).data)


class CampaignViewSet(_Scoped, viewsets.ReadOnlyModelViewSet):
    """Campaigns of the plans; add a target (the answer carries the de-confliction warning)."""

    serializer_class = s.CampaignSerializer
    permission_classes = [ScopedModelPermission]

    def get_queryset(self) -> Any:
        return (
            Campaign.objects.select_related("plan")
            .for_user(self.request.user, self.scope_action())
            .order_by("start_date", "id")
        )

    @extend_schema(
        request=s.CampaignTargetInputSerializer, responses=s.RecentInspectionSerializer(many=True)
    )
    @action(detail=True, methods=["post"])
    def targets(self, request: Request, pk: Any = None) -> Response:
        campaign = self.get_object()
        body = s.CampaignTargetInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        organisation = organisation_get_for_user(
            user=request.user, pk=body.validated_data["organisation"]
        )
        _target, conflicts = services.campaign_target_add(
            campaign=campaign,
            organisation=organisation,
            by=request.user,
            reason=body.validated_data["reason"],
        )
        return Response(
            s.RecentInspectionSerializer(conflicts, many=True).data, status=status.HTTP_201_CREATED
        )


class InspectionViewSet(
    _Scoped,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Field inspections: open one, answer the checklist, record violations, sign, decide."""

    serializer_class = s.InspectionSerializer
    permission_classes = [ScopedModelPermission]
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
        body = s.InspectionCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        organisation = organisation_get_for_user(user=request.user, pk=data.pop("organisation"))
        campaign_id = data.pop("campaign", None)
        campaign = (
            get_object_or_404(selectors.campaign_list(user=request.user), pk=campaign_id)
            if campaign_id
            else None
        )
        inspection = services.inspection_create(
            by=request.user, organisation=organisation, campaign=campaign, **data
        )
        return Response(s.InspectionSerializer(inspection).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.AnswerInputSerializer, responses=s.ChecklistAnswerSerializer)
    @action(detail=True, methods=["post"])
    def answers(self, request: Request, pk: Any = None) -> Response:
        obj = self.get_object()
        body = s.AnswerInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        row = services.answer_save(
            inspection=obj,
            by=request.user,
            item_code=body.validated_data["item"],
            answer=body.validated_data["answer"],
            note=body.validated_data["note"],
        )
        return Response(s.ChecklistAnswerSerializer(row).data)

    @extend_schema(request=s.ViolationInputSerializer, responses={201: s.ViolationSerializer})
    @action(detail=True, methods=["post"])
    def violations(self, request: Request, pk: Any = None) -> Response:
        obj = self.get_object()
        body = s.ViolationInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        violation = services.violation_add(
            inspection=obj,
            by=request.user,
            violation_code=data.pop("violation_type"),
            **data,
        )
        return Response(s.ViolationSerializer(violation).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.SignatureInputSerializer, responses=s.InspectionSerializer)
    @action(detail=True, methods=["post"])
    def signatures(self, request: Request, pk: Any = None) -> Response:
        obj = self.get_object()
        body = s.SignatureInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            png = base64.b64decode(
                body.validated_data["signature"].split(",", 1)[-1], validate=True
            )
        except (binascii.Error, ValueError) as exc:
            raise ValidationError(
                {"signature": "The signature is not base64; sign again."}
            ) from exc
        inspection = services.signature_add(
            inspection=obj, by=request.user, role=body.validated_data["role"], png=png
        )
        return Response(s.InspectionSerializer(inspection).data)

    @extend_schema(request=s.DecisionInputSerializer, responses={201: s.SanctionDecisionSerializer})
    @action(detail=True, methods=["post"])
    def decision(self, request: Request, pk: Any = None) -> Response:
        obj = self.get_object()
        body = s.DecisionInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        decision = services.decision_issue(
            inspection=obj,
            by=request.user,
            decided_on=data["decided_on"],
            signed_by_name=data["signed_by_name"],
            fines={int(k): v for k, v in (data.get("fines") or {}).items()},
        )
        return Response(s.SanctionDecisionSerializer(decision).data, status=status.HTTP_201_CREATED)


class ViolationViewSet(_Scoped, viewsets.ReadOnlyModelViewSet):
    """Violations found, with the catalogue and fine-rule versions used."""

    serializer_class = s.ViolationSerializer
    permission_classes = [ScopedModelPermission]

    def get_queryset(self) -> Any:
        from tdc.inspections.models import Violation

        return (
            Violation.objects.select_related("violation_type")
            .for_user(self.request.user, self.scope_action())
            .order_by("-id")
        )


class SanctionDecisionViewSet(_Scoped, viewsets.ReadOnlyModelViewSet):
    """Sanction decisions; record the payment or the transfer."""

    serializer_class = s.SanctionDecisionSerializer
    permission_classes = [ScopedModelPermission]
    filterset_class = SanctionDecisionFilterSet

    def get_queryset(self) -> Any:
        return selectors.decision_base().for_user(self.request.user, self.scope_action())

    @extend_schema(request=s.PaymentInputSerializer, responses=s.SanctionDecisionSerializer)
    @action(detail=True, methods=["post"])
    def payment(self, request: Request, pk: Any = None) -> Response:
        obj = self.get_object()
        body = s.PaymentInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        decision = services.decision_payment_record(
            decision=obj, by=request.user, **body.validated_data
        )
        return Response(s.SanctionDecisionSerializer(decision).data)

    @extend_schema(request=s.TransferInputSerializer, responses=s.SanctionDecisionSerializer)
    @action(detail=True, methods=["post"])
    def transfer(self, request: Request, pk: Any = None) -> Response:
        obj = self.get_object()
        body = s.TransferInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        decision = services.decision_transfer(decision=obj, by=request.user, **body.validated_data)
        return Response(s.SanctionDecisionSerializer(decision).data)


class ExternalInspectionViewSet(
    _Scoped,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Inspections by other agencies, for de-confliction."""

    serializer_class = s.ExternalInspectionSerializer
    permission_classes = [ScopedModelPermission]
    filterset_class = ExternalInspectionFilterSet

    def get_queryset(self) -> Any:
        return selectors.external_base().for_user(self.request.user, self.scope_action())

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        organisation = organisation_get_for_user(user=self.request.user, pk=data["organisation"].pk)
        data["organisation"] = organisation
        serializer.instance = services.external_inspection_create(by=self.request.user, **data)


class ViolationTypeViewSet(viewsets.ReadOnlyModelViewSet):
    """The violations catalogue (reference data), with every version and its confidence."""

    serializer_class = s.ViolationTypeSerializer

    def get_queryset(self) -> Any:
        from tdc.inspections.models import ViolationType

        return ViolationType.objects.order_by(
            "article", "clause", "point", "code", "effective_from"
        )


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
