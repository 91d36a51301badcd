"""The stateless quantity calculator and the list of quantity-rules versions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import get_language
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tdc.core.api.parsers import SafeJSONParser
from tdc.core.api.schema import ErrorSerializer
from tdc.prepackages.api.serializers import (
    PrepackageEvaluateRequestSerializer,
    PrepackageEvaluationSerializer,
    PrepackageRulesVersionSerializer,
)
from tdc.prepackages.rules import (
    QuantityKind,
    RuleInputError,
    RulesVersion,
    Tare,
    TareMethod,
    all_versions,
    evaluate,
    plain,
)
from tdc.prepackages.selectors import rules_version_default_id, rules_version_get
from tdc.prepackages.services import evaluation_data


def _opt(value: Decimal | None) -> str | None:
    return None if value is None else plain(value)


def _flat_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """Nested serializer errors as one list of messages per dotted path ("tare.values",
    "measurements.3"), the shape the shared error body documents."""
    if isinstance(detail, dict):
        flat: dict[str, list[str]] = {}
        for key, value in detail.items():
            flat.update(_flat_errors(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        flat = {}
        for index, item in enumerate(detail):
            if item:
                flat.update(_flat_errors(item, f"{prefix}.{index}"))
        return flat
    items = detail if isinstance(detail, list) else [detail]
    return {prefix or "non_field_errors": [str(item) for item in items]}


def _input_error(exc: RuleInputError) -> exceptions.ValidationError:
    """A rules input error as the API's 400 body, in the caller's language."""
    language = get_language() or "vi"
    message = exc.message_vi if language.startswith("vi") else exc.message
    return exceptions.ValidationError({exc.field: [message]})


_EXAMPLE = {
    "nominal_quantity": "500",
    "unit": "g",
    "lot_size": 60,
    "measurements": ["501.2", "498.7", "503.0"],
}


class PrepackageEvaluateView(APIView):
    """Check one lot of prepackaged goods against the quantity rules; nothing is stored."""

    permission_classes = [IsAuthenticated]
    # JSON only: a phone sends the lot as one document, and form encodings add nothing but
    # ways to fail (a 125-unit sample as form fields hits Django's field-count limit).
    parser_classes = [SafeJSONParser]

    @extend_schema(
        operation_id="prepackages_evaluate",
        summary="Evaluate a lot of prepackaged goods",
        description=(
            "Computes T, Qmin, the sample size the plan requires, the T1/T2 counts, the mean "
            "criterion and the decision (TT 21/2014/TT-BKHCN, OIML R 87 model). Measurements "
            "are net quantities, or gross readings when a tare is given; all values are in "
            "`unit`. Input the rules cannot evaluate (too few measurements, a unit that does "
            "not fit, a lot larger than allowed…) answers 400 with the field and what to do."
        ),
        request=PrepackageEvaluateRequestSerializer,
        responses={
            200: PrepackageEvaluationSerializer,
            400: OpenApiResponse(ErrorSerializer, description="Input the rules cannot evaluate."),
        },
        examples=[OpenApiExample("A lot of 60 units of 500 g (shortened)", value=_EXAMPLE)],
        tags=["prepackages"],
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = PrepackageEvaluateRequestSerializer(data=request.data)
        if not serializer.is_valid():
            raise exceptions.ValidationError(_flat_errors(serializer.errors))
        data = serializer.validated_data
        tare = data.get("tare")
        kind = data.get("quantity_kind")
        try:
            version = rules_version_get(data.get("rules_version"))
            result = evaluate(
                nominal_quantity=data["nominal_quantity"],
                unit=data["unit"],
                lot_size=data["lot_size"],
                measurements=list(data["measurements"]),
                version=version,
                tare=(Tare(TareMethod(tare["method"]), tuple(tare["values"])) if tare else None),
                quantity_kind=QuantityKind(kind) if kind else None,
            )
        except RuleInputError as exc:
            raise _input_error(exc) from exc
        return Response(PrepackageEvaluationSerializer(evaluation_data(result)).data)


def version_data(version: RulesVersion, default_id: str) -> dict[str, Any]:
    return {
        "id": version.id,
        "title_vi": version.title_vi,
        "title_en": version.title_en,
        "effective_from": version.effective_from,
        "effective_to": version.effective_to,
        "legal_basis": version.legal_basis,
        "source": version.source,
        "confidence": version.confidence.value,
        "notes": version.notes,
        "is_default": version.id == default_id,
        "max_lot_size": version.max_lot_size,
        "tolerable_deficiency": [
            {
                "quantity_kind": rule.kind.value,
                "base_unit": rule.base_unit,
                "max_nominal": plain(rule.max_nominal),
                "rounding_step": plain(rule.rounding_step),
                "bands": [
                    {
                        "up_to": _opt(band.up_to),
                        "percent": _opt(band.percent),
                        "absolute": _opt(band.absolute),
                    }
                    for band in rule.bands
                ],
                "note": rule.note,
            }
            for rule in version.deficiency.values()
        ],
        "sampling_plan": [
            {
                "lot_min": row.lot_min,
                "lot_max": row.lot_max,
                "sample_size": row.sample_size,
                "t1_allowed": row.t1_allowed,
                "correction_factor": _opt(row.correction_factor),
                "note": row.note,
            }
            for row in version.sampling_plan
        ],
    }


class PrepackageRulesVersionListView(APIView):
    """The versions of the quantity rules, with their legal basis, source and confidence."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="prepackages_rules_versions_list",
        summary="List the quantity-rules versions",
        responses={200: PrepackageRulesVersionSerializer(many=True)},
        tags=["prepackages"],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        default_id = rules_version_default_id()
        rows = [version_data(v, default_id) for v in all_versions().values()]
        return Response(PrepackageRulesVersionSerializer(rows, many=True).data)
