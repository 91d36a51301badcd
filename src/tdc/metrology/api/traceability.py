"""Reverse traceability under /api/v1/metrology/findings/: record a finding, list what it
affects, and act on it (flag the instruments, notify the owners)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from tdc.core.api.permissions import ScopedModelPermission
from tdc.core.auth import authenticated_user
from tdc.core.roles import Action
from tdc.metrology import selectors, services
from tdc.metrology.fields import FINDING_DETAIL, with_labels
from tdc.metrology.models import (
    MeasurementStandard,
    OutOfToleranceFinding,
    StandardCalibration,
    Verification,
)


class FindingSerializer(serializers.ModelSerializer[OutOfToleranceFinding]):
    standard = serializers.PrimaryKeyRelatedField(queryset=MeasurementStandard.objects.all())
    calibration = serializers.PrimaryKeyRelatedField(
        queryset=StandardCalibration.objects.all(), required=False, allow_null=True
    )
    last_good_calibration = serializers.PrimaryKeyRelatedField(
        queryset=StandardCalibration.objects.all(), required=False, allow_null=True
    )
    standard_name = serializers.CharField(source="standard.__str__", read_only=True)

    class Meta:
        model = OutOfToleranceFinding
        fields = ["id", *with_labels(FINDING_DETAIL, standard=("standard_name",)), "version"]
        read_only_fields = ["status", "affected_count", "acted_by", "acted_at", "version"]

    def validate_standard(self, value: MeasurementStandard) -> MeasurementStandard:
        user = self.context["request"].user
        if (
            not MeasurementStandard.objects.filter(pk=value.pk)
            .for_user(user, Action.CREATE)
            .exists()
        ):
            raise serializers.ValidationError(
                _("This standard is outside your jurisdiction; choose one you manage.")
            )
        return value


class AffectedVerificationSerializer(serializers.ModelSerializer[Verification]):
    instrument_label = serializers.CharField(source="instrument.__str__", read_only=True)
    owner_name = serializers.CharField(source="owner.name", read_only=True)
    owner_tax_code = serializers.CharField(source="owner.tax_code", read_only=True, default="")
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    needs_reverification = serializers.BooleanField(
        source="instrument.needs_reverification", read_only=True
    )
    standards_used = serializers.SerializerMethodField()

    class Meta:
        model = Verification
        fields = [
            "id",
            "verified_on",
            "kind",
            "result",
            "certificate_number",
            "valid_until",
            "organisation",
            "organisation_name",
            "instrument",
            "instrument_label",
            "owner",
            "owner_name",
            "owner_tax_code",
            "province",
            "commune",
            "needs_reverification",
            "standards_used",
        ]
        read_only_fields = fields

    def get_standards_used(self, obj: Verification) -> list[str]:
        return list(self.context.get("via", {}).get(obj.pk, []))


class ImpactSerializer(serializers.Serializer[Any]):
    affected_in_jurisdiction = serializers.IntegerField()
    affected_total = serializers.IntegerField()
    affected_outside_jurisdiction = serializers.IntegerField()
    instruments = serializers.IntegerField()
    owners = serializers.IntegerField()
    organisations = serializers.IntegerField()
    standards = serializers.ListField(child=serializers.DictField())


class ActResultSerializer(serializers.Serializer[Any]):
    instruments_flagged = serializers.IntegerField()
    already_flagged = serializers.IntegerField()
    owners_notified = serializers.IntegerField()
    owners_without_account = serializers.ListField(child=serializers.CharField())
    finding = FindingSerializer()


def _impact_data(finding: OutOfToleranceFinding, user: Any) -> dict[str, Any]:
    impact = selectors.impact(finding, user=user)
    return {
        "affected_in_jurisdiction": impact.visible,
        "affected_total": impact.total,
        "affected_outside_jurisdiction": impact.outside,
        "instruments": impact.instruments,
        "owners": impact.owners,
        "organisations": impact.organisations,
        "standards": [
            {
                "id": w.standard.pk,
                "name": str(w.standard),
                "depth": w.depth,
                "via": w.via.pk if w.via else None,
                "from": w.start.isoformat() if w.start.year > 1 else None,
                "until": w.end.isoformat() if w.end else None,
            }
            for w in impact.windows
        ],
    }


class FindingViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet[OutOfToleranceFinding],
):
    """Out-of-tolerance findings on measurement standards visible to the caller."""

    serializer_class = FindingSerializer
    permission_classes = [ScopedModelPermission]
    ordering = ["-found_on", "-id"]
    filterset_fields = ["status", "standard"]

    def get_queryset(self) -> Any:
        act = getattr(self, "action", None) == "act"
        return (
            OutOfToleranceFinding.objects.select_related("standard")
            .for_user(self.request.user, Action.APPROVE if act else Action.VIEW)
            .order_by("-found_on", "-id")
        )

    def perform_create(self, serializer: Any) -> None:
        try:
            serializer.instance = services.finding_record(
                by=authenticated_user(self.request), **serializer.validated_data
            )
        except DjangoValidationError as exc:
            raise ValidationError(
                exc.message_dict
                if hasattr(exc, "error_dict")
                else {"non_field_errors": exc.messages}
            ) from exc

    @extend_schema(responses=AffectedVerificationSerializer(many=True))
    @action(detail=True, methods=["get"])
    def affected(self, request: Request, pk: str | None = None) -> Response:
        """Every affected verification in the caller's jurisdiction (paginated), with the
        affected standards each used."""
        finding = self.get_object()
        windows = selectors.affected_windows(finding)
        qs = selectors.affected_verifications(finding, user=request.user, windows=windows)
        page = self.paginate_queryset(qs)  # type: ignore[arg-type]
        rows = page if page is not None else list(qs)
        via = selectors.standards_used([v.pk for v in rows], windows)
        data = AffectedVerificationSerializer(rows, many=True, context={"via": via}).data  # type: ignore[arg-type]
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(
        methods=["GET"], responses=ImpactSerializer, description="What acting would touch."
    )
    @extend_schema(methods=["POST"], request=None, responses=ActResultSerializer)
    @action(detail=True, methods=["get", "post"])
    def act(self, request: Request, pk: str | None = None) -> Response:
        """GET: the impact (counts, standards and windows). POST: flag every affected instrument
        in the caller's jurisdiction for re-verification and notify the owners (once)."""
        finding = self.get_object()
        if request.method == "GET":
            return Response(_impact_data(finding, request.user))
        version = request.data.get("version") if hasattr(request.data, "get") else None
        try:
            outcome = services.finding_act(
                finding=finding,
                by=authenticated_user(request),
                expected_version=int(version) if version not in (None, "") else None,
            )
        except DjangoValidationError as exc:
            raise ValidationError({"non_field_errors": exc.messages}) from exc
        return Response(
            {
                "instruments_flagged": len(outcome.flagged),
                "already_flagged": outcome.already_flagged,
                "owners_notified": outcome.owners_notified,
                "owners_without_account": outcome.owners_without_account,
                "finding": FindingSerializer(outcome.finding, context={"request": request}).data,
            },
            status=status.HTTP_200_OK,
        )
