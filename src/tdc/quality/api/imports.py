"""Under /api/v1/quality/imports/: import-inspection registrations (list, detail, create, the
steps of the procedure) and their notices as structured data for customs."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from tdc.core.api.permissions import ScopedModelPermission
from tdc.core.api.schema import ErrorSerializer
from tdc.core.auth import authenticated_user
from tdc.core.roles import Action, Role
from tdc.quality import services
from tdc.quality.choices import ExemptionGround, SurveillanceKind
from tdc.quality.forms_imports import ImportRegistrationFilterSet
from tdc.quality.models import ConformityBody, ImportNotice, ImportRegistration
from tdc.quality.selectors_imports import (
    import_get_for_user,
    import_list,
    import_notice_list,
    surveillance_events,
)
from tdc.quality.workflows_imports import IMPORT_WORKFLOW
from tdc.registry.selectors import organisation_all

_READ = ("GET", "HEAD", "OPTIONS")
_BIG = 2**63 - 1


class ImportRegistrationSerializer(serializers.ModelSerializer[ImportRegistration]):
    """A lot registered for inspection: what the importer registers, and what the rules and
    the inspection body decided (regime, class, level, deadlines, status)."""

    importer = serializers.PrimaryKeyRelatedField(
        queryset=organisation_all(),
        required=False,
        pk_field=serializers.IntegerField(min_value=1, max_value=_BIG),
        help_text="The importer; a business user registers for their own (default).",
    )
    importer_name = serializers.CharField(source="importer.name", read_only=True)
    certificate_body = serializers.PrimaryKeyRelatedField(
        queryset=ConformityBody.objects.all(),
        pk_field=serializers.IntegerField(min_value=1, max_value=_BIG),
    )

    class Meta:
        model = ImportRegistration
        fields = [
            "id",
            "number",
            "status",
            "inspection_level",
            "level_reasons",
            "importer",
            "importer_name",
            *ImportRegistration.FIELDS,
            "regime",
            "risk_class",
            "confirm_due",
            "confirmed_on",
            "dossier_due",
            "missing_items",
            "label_fix_due",
            "complete_on",
            "result_due",
            "decided_on",
            "result_reason",
            "missed_notice_due",
            "exemption_ground",
            "remediation",
            "rule_versions",
            "version",
        ]
        read_only_fields = [
            f
            for f in fields
            if f not in ImportRegistration.FIELDS and f not in ("importer", "version")
        ]


class ImportNoticeSerializer(serializers.ModelSerializer[ImportNotice]):
    """A notice of the inspection body; ``data`` is the message for customs as issued."""

    class Meta:
        model = ImportNotice
        fields = ["id", "registration", "kind", "number", "issued_on", "data"]
        read_only_fields = fields


_ACTIONS = [
    "confirm",
    "confirm_incomplete",
    "complete",
    "label_fix",
    "pass",
    "fail",
    "miss",
    "remediate",
    "reassess",
    "exempt",
]


class ImportStepSerializer(serializers.Serializer[Any]):
    action = serializers.ChoiceField(choices=_ACTIONS)
    on = serializers.DateField(required=False, help_text="The day of the act (default today).")
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=4000,
        help_text="Missing documents, reasons of a fail or of a label fix, the remediation.",
    )
    ground = serializers.ChoiceField(
        choices=ExemptionGround.choices, required=False, allow_blank=True, default=""
    )
    safety_warning = serializers.BooleanField(required=False, default=False)
    version = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)


class ImportOfferedSerializer(serializers.Serializer[Any]):
    actions = serializers.ListField(child=serializers.CharField())


class ImportEventSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=SurveillanceKind.choices)
    day = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


def _take(obj: ImportRegistration, user: Any, d: dict[str, Any]) -> ImportRegistration:
    name, on, version = d["action"], d.get("on") or timezone.localdate(), d.get("version")
    common: dict[str, Any] = {"registration": obj, "by": user, "on": on}
    common["expected_version"] = version
    if name in ("confirm", "confirm_incomplete"):
        return services.import_confirm(
            **common, complete=name == "confirm", missing_items=d["reason"]
        )
    if name == "complete":
        return services.import_complete(**common)
    if name == "label_fix":
        return services.import_label_fix(**common, reason=d["reason"])
    if name in ("pass", "fail"):
        return services.import_decide(**common, passed=name == "pass", reason=d["reason"])
    if name == "miss":
        return services.import_missed(**common)
    if name == "remediate":
        return services.import_remediate(**common, description=d["reason"])
    if name == "reassess":
        return services.import_reassess(**common)
    return services.import_exempt(**common, ground=d["ground"], safety_warning=d["safety_warning"])


class ImportRegistrationViewSet(viewsets.ModelViewSet[Any]):
    """Import lots registered for state quality inspection. Creating one checks the lot against
    its certificate and the lists of its registration date; a refusal answers 400 naming the
    field, in the caller's language, and stores nothing."""

    serializer_class = ImportRegistrationSerializer
    filterset_class = ImportRegistrationFilterSet
    permission_classes = [ScopedModelPermission]
    ordering = ["-registered_on", "-id"]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self) -> Any:
        action_name = Action.VIEW if self.request.method in _READ else Action.CHANGE
        return import_list(user=self.request.user, action=action_name)  # type: ignore[arg-type]

    def perform_create(self, serializer: Any) -> None:
        user = authenticated_user(self.request)
        data = dict(serializer.validated_data)
        data.pop("version", None)
        importer = data.pop("importer", None)
        if importer is None and user.role == Role.BUSINESS_USER:
            importer = user.organisation
        if importer is None:
            raise ValidationError({"importer": "Name the importer."})
        serializer.instance = services.import_register(by=user, importer=importer, **data)

    @extend_schema(
        methods=["GET"],
        summary="The steps the caller may take on this registration now",
        responses={200: ImportOfferedSerializer},
    )
    @extend_schema(
        methods=["POST"],
        summary="Take a step: confirm, confirm_incomplete, complete, label_fix, pass, fail, "
        "miss, remediate, reassess or exempt",
        request=ImportStepSerializer,
        responses={200: ImportRegistrationSerializer, 400: ErrorSerializer},
    )
    @action(detail=True, methods=["get", "post"], url_path="transition")
    def transition(self, request: Request, pk: Any = None) -> Response:
        user = authenticated_user(request)
        obj = import_get_for_user(user=user, pk=pk, action=Action.CHANGE)
        if request.method == "GET":
            offered = IMPORT_WORKFLOW.actions_for(obj, user)
            return Response({"actions": [t.action for t in offered]})
        step = ImportStepSerializer(data=request.data)
        step.is_valid(raise_exception=True)
        obj = _take(obj, user, dict(step.validated_data))
        return Response(ImportRegistrationSerializer(obj).data)

    @extend_schema(
        operation_id="quality_imports_lot_notices",
        summary="The notices issued on this lot, with their structured data for customs",
        responses={200: ImportNoticeSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], url_path="notices")
    def notices(self, request: Request, pk: Any = None) -> Response:
        obj = import_get_for_user(user=authenticated_user(request), pk=pk)
        rows = obj.notices.order_by("issued_on", "id")
        return Response(ImportNoticeSerializer(rows, many=True).data)

    @extend_schema(
        methods=["GET"],
        summary="Reports and findings recorded for the goods of this lot",
        responses={200: ImportEventSerializer(many=True)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Record the importer's quarterly report or a finding after clearance",
        request=ImportEventSerializer,
        responses={201: ImportEventSerializer, 400: ErrorSerializer},
    )
    @action(detail=True, methods=["get", "post"], url_path="events")
    def events(self, request: Request, pk: Any = None) -> Response:
        user = authenticated_user(request)
        obj = import_get_for_user(user=user, pk=pk, action=Action.CHANGE)
        if request.method == "GET":
            rows = surveillance_events(
                importer_id=obj.importer_id, goods_key=obj.goods_key, on=timezone.localdate()
            )
            return Response([{"kind": e.kind, "day": e.day, "note": ""} for e in rows])
        event = ImportEventSerializer(data=request.data)
        event.is_valid(raise_exception=True)
        services.import_event_record(by=user, registration=obj, **event.validated_data)
        return Response(event.data, status=201)


class ImportNoticeViewSet(viewsets.ReadOnlyModelViewSet[Any]):
    """Notices of the inspection body as structured data (the message sent to customs)."""

    serializer_class = ImportNoticeSerializer
    permission_classes = [ScopedModelPermission]
    ordering = ["-issued_on", "-id"]

    def get_queryset(self) -> Any:
        return import_notice_list(user=self.request.user)  # type: ignore[arg-type]
