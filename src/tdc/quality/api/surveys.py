"""Under /api/v1/quality/surveys/: survey plans and their samples; a sample is sealed, handed
over to a laboratory and given its laboratory results (one row per indicator) through actions;
the verdict, the decision rule and the limit versions come back with the sample."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from tdc.core.api.permissions import ScopedModelPermission
from tdc.core.api.schema import ErrorSerializer
from tdc.core.auth import authenticated_user
from tdc.core.roles import Action
from tdc.quality import selectors, services
from tdc.quality.choices import ProductGroup
from tdc.quality.filters import SampleFilterSet, SurveyPlanFilterSet
from tdc.quality.models import LabAssignment, LabResult, Sample, SurveyPlan
from tdc.registry.selectors import organisation_all

_READ = ("GET", "HEAD", "OPTIONS")


def _related(**kwargs: Any) -> serializers.PrimaryKeyRelatedField[Any]:
    return serializers.PrimaryKeyRelatedField(
        pk_field=serializers.IntegerField(min_value=1, max_value=2**63 - 1), **kwargs
    )


class SurveyPlanSerializer(serializers.ModelSerializer[SurveyPlan]):
    product_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=ProductGroup.values), min_length=1
    )
    communes: Any = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")

    class Meta:
        model = SurveyPlan
        fields = ["id", *SurveyPlan.FIELDS, "communes", "status", "approved_on", "version"]
        read_only_fields = ["id", "communes", "status", "approved_on", "version"]


class LabResultSerializer(serializers.ModelSerializer[LabResult]):
    code = serializers.CharField(source="limit.code", read_only=True)
    indicator = serializers.CharField(source="limit.indicator", read_only=True)
    limit_unit = serializers.CharField(source="limit.unit", read_only=True)
    limit_bounds = serializers.CharField(source="limit.bounds", read_only=True)

    class Meta:
        model = LabResult
        fields = [
            "code",
            "indicator",
            "value",
            "unit",
            "uncertainty",
            "value_in_limit_unit",
            "limit_unit",
            "limit_bounds",
            "decision_rule",
            "verdict",
            "in_guard_band",
            "limit_version",
        ]
        read_only_fields = fields


class LabAssignmentSerializer(serializers.ModelSerializer[LabAssignment]):
    class Meta:
        model = LabAssignment
        fields = ["lab", "handed_over_on", "report_number", "reported_on"]
        read_only_fields = fields


class SampleSerializer(serializers.ModelSerializer[Sample]):
    plan = _related(queryset=SurveyPlan.objects.all())
    business = _related(queryset=organisation_all())
    results = LabResultSerializer(many=True, read_only=True)
    assignment = LabAssignmentSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Sample
        fields = [
            "id",
            "number",
            "plan",
            *Sample.FIELDS,
            "status",
            "seal_number",
            "sealed_on",
            "seal_record_number",
            "handover_record_number",
            "assignment",
            "results",
            "verdict",
            "verdict_on",
            "decision_rule",
            "inspection_referral",
            "warning",
            "version",
        ]
        read_only_fields = [f for f in fields if f not in ("plan", *Sample.FIELDS)]


class SealSerializer(serializers.Serializer[Any]):
    seal_number = serializers.CharField(max_length=64)
    sealed_on = serializers.DateField()


class HandOverSerializer(serializers.Serializer[Any]):
    lab = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    handed_over_on = serializers.DateField()


class ResultRowSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(max_length=48, help_text="Indicator code of the limit row.")
    value = serializers.DecimalField(max_digits=14, decimal_places=6)
    unit = serializers.CharField(max_length=24)
    uncertainty = serializers.DecimalField(
        max_digits=14, decimal_places=6, required=False, default=Decimal(0), min_value=Decimal(0)
    )


class ResultsSerializer(serializers.Serializer[Any]):
    report_number = serializers.CharField(max_length=64)
    reported_on = serializers.DateField()
    rows = ResultRowSerializer(many=True, allow_empty=False)


class _Base(viewsets.ModelViewSet[Any]):
    permission_classes = [ScopedModelPermission]
    http_method_names = ["get", "post", "head", "options"]


class SurveyPlanViewSet(_Base):
    """The province's survey plans; a leader approves one in the web screens."""

    serializer_class = SurveyPlanSerializer
    filterset_class = SurveyPlanFilterSet
    ordering = ["-year", "-id"]

    def get_queryset(self) -> Any:
        action_name = Action.VIEW if self.request.method in _READ else Action.CHANGE
        return selectors.survey_plan_base().for_user(self.request.user, action_name)

    def perform_create(self, serializer: Any) -> None:
        user = authenticated_user(self.request)
        if user.province is None:
            raise ValidationError({"province": "Only a provincial account plans surveys."})
        data = dict(serializer.validated_data)
        serializer.instance = services.survey_plan_create(by=user, province=user.province, **data)


class SampleViewSet(_Base):
    """Samples with their records, laboratory results and verdict. ``seal/``, ``hand-over/``
    and ``results/`` take the next step (GET: the sample as it stands); a refusal answers 400
    naming the field and nothing is written."""

    serializer_class = SampleSerializer
    filterset_class = SampleFilterSet
    ordering = ["-sampled_on", "-id"]

    def get_queryset(self) -> Any:
        action_name = Action.VIEW if self.request.method in _READ else Action.CHANGE
        return (
            selectors.sample_base()
            .prefetch_related("results__limit", "assignment")
            .for_user(self.request.user, action_name)
        )

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        plan, business = data.pop("plan"), data.pop("business")
        plan = selectors.survey_plan_get_for_user(
            user=self.request.user,  # type: ignore[arg-type]
            pk=plan.pk,
            action=Action.CREATE,
        )
        serializer.instance = services.sample_take(
            plan=plan, by=authenticated_user(self.request), business=business, **data
        )

    def _step(self, pk: Any) -> Sample:
        return selectors.sample_get_for_user(
            user=self.request.user,  # type: ignore[arg-type]
            pk=pk,
            action=Action.CHANGE,
        )

    def _answer(self, sample: Sample) -> Response:
        fresh = self.get_queryset().get(pk=sample.pk)
        return Response(SampleSerializer(fresh).data)

    @extend_schema(
        summary="Seal the sample (GET: the sample as it stands)",
        request=SealSerializer,
        responses={200: SampleSerializer, 400: ErrorSerializer},
    )
    @action(detail=True, methods=["get", "post"], url_path="seal")
    def seal(self, request: Request, pk: Any = None) -> Response:
        sample = self._step(pk)
        if request.method == "POST":
            data = SealSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            services.sample_seal(
                sample=sample, by=authenticated_user(request), **data.validated_data
            )
        return self._answer(sample)

    @extend_schema(
        summary="Hand the sealed sample over to a laboratory (GET: the sample as it stands)",
        request=HandOverSerializer,
        responses={200: SampleSerializer, 400: ErrorSerializer},
    )
    @action(detail=True, methods=["get", "post"], url_path="hand-over")
    def hand_over(self, request: Request, pk: Any = None) -> Response:
        sample = self._step(pk)
        if request.method == "POST":
            data = HandOverSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            lab = selectors.lab_choices(user=request.user).filter(pk=data.validated_data["lab"])  # type: ignore[arg-type]
            if not lab.exists():
                raise ValidationError({"lab": "Choose a testing laboratory of the register."})
            services.sample_hand_over(
                sample=sample,
                by=authenticated_user(request),
                lab=lab.get(),
                handed_over_on=data.validated_data["handed_over_on"],
            )
        return self._answer(sample)

    @extend_schema(
        summary="Record the laboratory's results and the verdict (GET: the sample as it stands)",
        request=ResultsSerializer,
        responses={200: SampleSerializer, 400: ErrorSerializer},
    )
    @action(detail=True, methods=["get", "post"], url_path="results")
    def results(self, request: Request, pk: Any = None) -> Response:
        sample = self._step(pk)
        if request.method == "POST":
            data = ResultsSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            services.results_record(
                sample=sample,
                by=authenticated_user(request),
                rows=[dict(row) for row in data.validated_data["rows"]],
                report_number=data.validated_data["report_number"],
                reported_on=data.validated_data["reported_on"],
            )
        return self._answer(sample)
