"""The stateless MPE calculator: each test point's maximum permissible error and the verdict
(POST /api/v1/metrology/mpe/evaluate/)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import get_language
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import exceptions
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tdc.metrology.api.serializers import (
    MpeEvaluateSerializer,
    MpeEvaluationSerializer,
    ReasonSerializer,
    TableRefSerializer,
    decimal_text,
)
from tdc.metrology.rules import Evaluation, Point, RuleInputError, evaluate
from tdc.metrology.selectors import LimitDecision, rule_overrides_on, verification_limit_on

_POINT_FIELDS = ("reference", "indication")


class MpeEvaluateView(APIView):
    """Stateless MPE calculator: each test point's maximum permissible error and the verdict."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="metrology_mpe_evaluate",
        summary="Evaluate test points against the maximum permissible error",
        request=MpeEvaluateSerializer,
        responses={200: MpeEvaluationSerializer},
        examples=[
            OpenApiExample(
                "Class III scale, initial verification",
                request_only=True,
                value={
                    "scheme": "nawi",
                    "accuracy_class": "III",
                    "stage": "initial",
                    "e": "5",
                    "max": "15000",
                    "unit": "g",
                    "points": [{"reference": "2500", "indication": "2502.5"}],
                },
            ),
            OpenApiExample(
                "Class III scale, periodic verification (limit from the reference data)",
                request_only=True,
                value={
                    "scheme": "nawi",
                    "accuracy_class": "III",
                    "verification_kind": "periodic",
                    "date": "2026-06-01",
                    "e": "5",
                    "max": "15000",
                    "unit": "g",
                    "points": [{"reference": "2500", "indication": "2504"}],
                },
            ),
        ],
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = MpeEvaluateSerializer(data=request.data)
        if not serializer.is_valid():
            raise exceptions.ValidationError(_flatten(serializer.errors))
        data = dict(serializer.validated_data)
        scheme = data.pop("scheme")
        accuracy_class = data.pop("accuracy_class")
        kind = data.pop("verification_kind", None)
        day = data.pop("date", None) or timezone.localdate()
        type_code = data.pop("type_code", "")
        limit = verification_limit_on(scheme, kind, day, type_code) if kind else None
        stage = limit.stage if limit is not None else data.pop("stage")
        data.pop("stage", None)
        points = [
            Point(
                reference=row["reference"],
                indication=row["indication"],
                conditions={k: v for k, v in row.items() if k not in _POINT_FIELDS},
            )
            for row in data.pop("points")
        ]
        try:
            result = evaluate(
                scheme,
                accuracy_class=accuracy_class,
                stage=stage,
                params=data,
                points=points,
                on=day if limit is not None else None,
                overrides=rule_overrides_on(day),
            )
        except RuleInputError as exc:
            raise exceptions.ValidationError(
                {exc.field: [exc.message.in_language(get_language())]}
            ) from exc
        return Response(_answer(result, limit))


def _flatten(errors: Any, prefix: str = "") -> dict[str, list[str]]:
    """Nested serializer errors as ``{"points.2.reference": [...]}`` (the one error shape)."""
    flat: dict[str, list[str]] = {}
    if isinstance(errors, Mapping):
        for key, value in errors.items():
            nested = prefix if key == "non_field_errors" else f"{prefix}.{key}".lstrip(".")
            flat.update(_flatten(value, nested))
    elif isinstance(errors, list) and errors and all(isinstance(e, Mapping) for e in errors):
        for index, value in enumerate(errors):
            flat.update(_flatten(value, f"{prefix}.{index}"))
    elif isinstance(errors, list):
        messages = [str(e) for e in errors if not isinstance(e, Mapping | list)]
        for e in errors:
            if isinstance(e, Mapping | list):
                flat.update(_flatten(e, prefix))
        if messages:
            flat[prefix or "non_field_errors"] = messages
    else:
        flat[prefix or "non_field_errors"] = [str(errors)]
    return flat


def _limit(limit: LimitDecision | None) -> dict[str, Any] | None:
    if limit is None:
        return None
    return {
        "verification_kind": limit.kind,
        "stage": limit.stage,
        "basis": limit.basis,
        "version": limit.label,
        "confidence": limit.confidence,
    }


def _answer(result: Evaluation, limit: LimitDecision | None = None) -> dict[str, Any]:
    return {
        "scheme": result.scheme,
        "accuracy_class": result.accuracy_class,
        "stage": result.stage.value,
        "points": [
            {
                "reference": decimal_text(p.reference),
                "indication": decimal_text(p.indication),
                "error": decimal_text(p.error),
                "mpe": decimal_text(p.mpe),
                "pass": p.passed,
                "band": p.band,
            }
            for p in result.points
        ],
        "pass": result.passed,
        "reasons": ReasonSerializer(result.reasons, many=True).data,
        "notices": ReasonSerializer(result.notices, many=True).data,
        "rules_version": result.rules_version,
        "tables": TableRefSerializer(result.tables, many=True).data,
        "limit": _limit(limit),
    }
