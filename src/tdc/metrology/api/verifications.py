"""Verifications (created through the service), certificates (read, revoke, suspend, reinstate,
PDF) and sticker/stamp batches (issue, void, stock) under /api/v1/metrology/…."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from tdc.core.api.permissions import ScopedModelPermission
from tdc.core.api.schema import ErrorSerializer
from tdc.core.auth import authenticated_user
from tdc.core.roles import Action
from tdc.metrology import services
from tdc.metrology.choices import StampKind, VerificationKind, VerificationPlace, VerificationResult
from tdc.metrology.fields import (
    CERTIFICATE_PRINTED,
    CERTIFICATE_STATUS,
    STAMP_BATCH_ENTRY,
    VERIFICATION_RECORD,
    with_labels,
)
from tdc.metrology.filters import CertificateFilterSet, StampBatchFilterSet, VerificationFilterSet
from tdc.metrology.models import (
    Certificate,
    Instrument,
    MeasurementStandard,
    StampBatch,
    Verification,
    VerificationPoint,
    Verifier,
)
from tdc.metrology.selectors import (
    certificate_base,
    public_path,
    stamp_batch_base,
    stamp_stock,
    verification_detail_base,
)
from tdc.metrology.views.common import certificate_pdf_response
from tdc.registry.selectors import organisation_all

# --- serializers ------------------------------------------------------------------------------


class VerificationPointSerializer(serializers.ModelSerializer[VerificationPoint]):
    class Meta:
        model = VerificationPoint
        fields = ["position", "reference", "indication", "error", "mpe", "passed", "conditions"]


class VerificationSerializer(serializers.ModelSerializer[Verification]):
    """A recorded verification with its test points and verdicts."""

    points = VerificationPointSerializer(many=True, read_only=True)
    standards = serializers.SerializerMethodField()
    certificate_code = serializers.SerializerMethodField()

    class Meta:
        model = Verification
        fields = [
            "id",
            *with_labels(VERIFICATION_RECORD, certificate_number=("certificate_code",)),
            "standards",
            "points",
        ]
        read_only_fields = fields

    def get_standards(self, obj: Verification) -> list[dict[str, Any]]:
        return [
            {
                "standard": use.standard_id,
                "calibration_certificate": use.calibration.certificate_number,
                "calibration_valid_until": use.calibration.valid_until.isoformat(),
            }
            for use in obj.standard_uses.all()
        ]

    def get_certificate_code(self, obj: Verification) -> str | None:
        certificate = getattr(obj, "certificate", None) if obj.result == "passed" else None
        return certificate.public_code if certificate is not None else None


class PointInputSerializer(serializers.Serializer[Any]):
    reference = serializers.DecimalField(max_digits=30, decimal_places=12)
    indication = serializers.DecimalField(max_digits=30, decimal_places=12)
    conditions = serializers.DictField(required=False, default=dict)


class VerificationCreateSerializer(serializers.Serializer[Any]):
    """A verification to record; the verdict, certificate number and validity are computed."""

    instrument = serializers.PrimaryKeyRelatedField(queryset=Instrument.objects.all())
    kind = serializers.ChoiceField(choices=VerificationKind.choices)
    verified_on = serializers.DateField()
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=organisation_all(),
        required=False,
        help_text="Defaults to the caller's organisation.",
    )
    verifier = serializers.PrimaryKeyRelatedField(queryset=Verifier.objects.all())
    standards = serializers.PrimaryKeyRelatedField(
        queryset=MeasurementStandard.objects.all(), many=True, required=False
    )
    points = PointInputSerializer(many=True, required=False)
    params = serializers.DictField(required=False, default=dict)
    place = serializers.ChoiceField(
        choices=VerificationPlace.choices, default=VerificationPlace.ON_SITE
    )
    place_address = serializers.CharField(required=False, allow_blank=True, default="")
    stamp_serial = serializers.CharField(required=False, allow_blank=True, default="")
    stamp_kind = serializers.ChoiceField(choices=StampKind.choices, default=StampKind.STICKER)
    result = serializers.ChoiceField(
        choices=VerificationResult.choices, required=False, allow_null=True, default=None
    )
    failure_reason = serializers.CharField(required=False, allow_blank=True, default="")
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    signatory_name = serializers.CharField(required=False, allow_blank=True, default="")
    signatory_title = serializers.CharField(required=False, allow_blank=True, default="")


class CertificateSerializer(serializers.ModelSerializer[Certificate]):
    """An issued verification certificate (fields of TT 24/2013 Art. 41) and its status."""

    public_status = serializers.SerializerMethodField()
    public_url = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "id",
            "number",
            "public_code",
            "public_url",
            "verification",
            "issued_by",
            "issued_on",
            *CERTIFICATE_PRINTED,
            *with_labels(CERTIFICATE_STATUS, status=("public_status",)),
            "version",
        ]
        read_only_fields = fields

    def get_public_status(self, obj: Certificate) -> str:
        return obj.public_status(timezone.localdate())

    def get_public_url(self, obj: Certificate) -> str:
        return public_path(obj)


class ReasonSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=255)


class StampBatchSerializer(serializers.ModelSerializer[StampBatch]):
    """A range of sticker or stamp serials issued to a verification organisation."""

    first_serial = serializers.SerializerMethodField()
    last_serial = serializers.SerializerMethodField()

    class Meta:
        model = StampBatch
        fields = [
            "id",
            *with_labels(STAMP_BATCH_ENTRY, number_width=("first_serial", "last_serial")),
        ]

    def get_first_serial(self, obj: StampBatch) -> str:
        return obj.serial(obj.first_number)

    def get_last_serial(self, obj: StampBatch) -> str:
        return obj.serial(obj.last_number)


class StampVoidSerializer(serializers.Serializer[Any]):
    first_number = serializers.IntegerField(min_value=0)
    last_number = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    reason = serializers.CharField(max_length=255)


class StockSerializer(serializers.Serializer[Any]):
    issued = serializers.IntegerField()
    used = serializers.IntegerField()
    voided = serializers.IntegerField()
    remaining = serializers.IntegerField()


# --- viewsets ---------------------------------------------------------------------------------


_STATUS_ACTIONS = frozenset({"revoke", "suspend", "reinstate"})


def _scope_action(request: Any, write: str = Action.CHANGE) -> str:
    return Action.VIEW if request.method in ("GET", "HEAD", "OPTIONS") else write


class VerificationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Verification],
):
    """Verifications in the caller's jurisdiction. POST records one through the verification
    service: every refusal rule applies, the verdict, certificate number and valid-until date
    are computed."""

    serializer_class = VerificationSerializer
    permission_classes = [ScopedModelPermission]
    filterset_class = VerificationFilterSet
    ordering_fields = ["verified_on", "id"]
    ordering = ["-verified_on", "-id"]

    def get_queryset(self) -> Any:
        return (
            verification_detail_base()
            .select_related("certificate")
            .for_user(self.request.user, _scope_action(self.request, Action.CREATE))
        )

    @extend_schema(
        request=VerificationCreateSerializer,
        responses={
            201: VerificationSerializer,
            400: OpenApiResponse(ErrorSerializer, description="A refusal rule applies."),
        },
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        incoming = VerificationCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        organisation = data.pop("organisation", None) or getattr(request.user, "organisation", None)
        if organisation is None:
            raise ApiValidationError({"organisation": ["Give the verification organisation."]})
        points = [
            services.PointInput(
                reference=p["reference"], indication=p["indication"], conditions=p["conditions"]
            )
            for p in data.pop("points", [])
        ]
        verification = services.verification_record(
            by=authenticated_user(request), organisation=organisation, points=points, **data
        )
        fresh = verification_detail_base().select_related("certificate").get(pk=verification.pk)
        return Response(VerificationSerializer(fresh).data, status=status.HTTP_201_CREATED)


class CertificateViewSet(viewsets.ReadOnlyModelViewSet[Certificate]):
    """Verification certificates in the caller's jurisdiction; revoke, suspend or reinstate
    one with a reason (the public page changes at once); download the PDF."""

    serializer_class = CertificateSerializer
    permission_classes = [ScopedModelPermission]
    filterset_class = CertificateFilterSet
    ordering = ["-issued_on", "-id"]

    def get_queryset(self) -> Any:
        scope: str
        if self.action in _STATUS_ACTIONS:
            scope = Action.APPROVE  # also for GET: it answers whether the caller may act
        else:
            scope = _scope_action(self.request, Action.APPROVE)
        return certificate_base().for_user(self.request.user, scope)

    def _status(self, request: Request, service: Any) -> Response:
        certificate = self.get_object()
        if request.method == "GET":
            return Response(CertificateSerializer(certificate).data)
        incoming = ReasonSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        changed = service(
            certificate=certificate,
            by=authenticated_user(request),
            reason=incoming.validated_data["reason"],
        )
        return Response(CertificateSerializer(changed).data)

    @extend_schema(methods=["GET"], responses={200: CertificateSerializer})
    @extend_schema(
        methods=["POST"], request=ReasonSerializer, responses={200: CertificateSerializer}
    )
    @action(detail=True, methods=["get", "post"], filterset_class=None)
    def revoke(self, request: Request, pk: str | None = None) -> Response:
        """Revoke the certificate for good, with the reason shown publicly (GET: the
        certificate, answered only to those who may revoke it)."""
        return self._status(request, services.certificate_revoke)

    @extend_schema(methods=["GET"], responses={200: CertificateSerializer})
    @extend_schema(
        methods=["POST"], request=ReasonSerializer, responses={200: CertificateSerializer}
    )
    @action(detail=True, methods=["get", "post"], filterset_class=None)
    def suspend(self, request: Request, pk: str | None = None) -> Response:
        """Suspend the certificate, with the reason shown publicly."""
        return self._status(request, services.certificate_suspend)

    @extend_schema(methods=["GET"], responses={200: CertificateSerializer})
    @extend_schema(
        methods=["POST"], request=ReasonSerializer, responses={200: CertificateSerializer}
    )
    @action(detail=True, methods=["get", "post"], filterset_class=None)
    def reinstate(self, request: Request, pk: str | None = None) -> Response:
        """Lift a suspension."""
        return self._status(request, services.certificate_reinstate)

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], filterset_class=None)
    def pdf(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The certificate as PDF (signed when a signing certificate is configured)."""
        return certificate_pdf_response(self.get_object())


class StampBatchViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[StampBatch],
):
    """Sticker and stamp batches; POST issues a range (overlaps refused); ``void`` voids
    unused serials with a reason; ``stock`` gives issued, used, voided and remaining."""

    serializer_class = StampBatchSerializer
    permission_classes = [ScopedModelPermission]
    filterset_class = StampBatchFilterSet
    ordering = ["-issued_on", "-id"]

    def get_queryset(self) -> Any:
        scope: str
        if self.action == "void":
            scope = Action.CHANGE  # also for GET: it answers whether the caller may void
        else:
            write = Action.CREATE if self.action == "create" else Action.CHANGE
            scope = _scope_action(self.request, write)
        return stamp_batch_base().for_user(self.request.user, scope)

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.stamp_batch_issue(
            by=authenticated_user(self.request), **serializer.validated_data
        )

    @extend_schema(methods=["GET"], responses={200: StockSerializer})
    @extend_schema(methods=["POST"], request=StampVoidSerializer, responses={200: StockSerializer})
    @action(detail=True, methods=["get", "post"], filterset_class=None)
    def void(self, request: Request, pk: str | None = None) -> Response:
        """Void unused serials with the reason (GET: the stock, to those who may void)."""
        batch = self.get_object()
        if request.method == "GET":
            return Response(_stock(batch))
        incoming = StampVoidSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        services.stamp_void(batch=batch, by=authenticated_user(request), **incoming.validated_data)
        return Response(_stock(batch))

    @extend_schema(responses={200: StockSerializer})
    @action(detail=True, methods=["get"], filterset_class=None)
    def stock(self, request: Request, pk: str | None = None) -> Response:
        return Response(_stock(self.get_object()))


def _stock(batch: StampBatch) -> dict[str, int]:
    line = stamp_stock([batch])[0]
    return {
        "issued": line.issued,
        "used": line.used,
        "voided": line.voided,
        "remaining": line.remaining,
    }
