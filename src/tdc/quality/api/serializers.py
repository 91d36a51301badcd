"""Input and output of the regime resolver, conformity bodies, declarations and warnings."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from tdc.quality.choices import Measure, RegimeChoice, RiskClassChoice
from tdc.quality.models import ConformityBody, Declaration, QualityWarning
from tdc.registry.selectors import organisation_all


def _related(**kwargs: Any) -> serializers.PrimaryKeyRelatedField[Any]:
    """A reference by id; ids beyond a database integer are refused as invalid."""
    return serializers.PrimaryKeyRelatedField(
        pk_field=serializers.IntegerField(min_value=1, max_value=2**63 - 1), **kwargs
    )


class RegimeRequestSerializer(serializers.Serializer[Any]):
    hs_code = serializers.CharField(
        max_length=20, help_text="4, 6 or 8 digits, dots allowed: 8516.60.10."
    )
    date = serializers.DateField(help_text="The day the answer is about (ISO 8601).")


class RegimeResponseSerializer(serializers.Serializer[Any]):
    regime = serializers.ChoiceField(choices=RegimeChoice.values)
    risk_class = serializers.ChoiceField(choices=RiskClassChoice.values, allow_null=True)
    measures = serializers.ListField(child=serializers.ChoiceField(choices=Measure.values))
    qcvn = serializers.ListField(child=serializers.CharField())
    legal_basis = serializers.CharField(allow_blank=True)
    product = serializers.CharField(allow_blank=True)
    matched_prefix = serializers.CharField(allow_blank=True)
    confidence = serializers.CharField()
    data_source = serializers.CharField(
        allow_blank=True, help_text="Where the list row was read (reference data)."
    )
    versions = serializers.ListField(child=serializers.CharField())


class ConformityBodySerializer(serializers.ModelSerializer[ConformityBody]):
    scope_qcvn = serializers.ListField(child=serializers.CharField(max_length=100), required=False)

    class Meta:
        model = ConformityBody
        fields = [
            "id",
            *ConformityBody.FIELDS,
            "suspended_from",
            "suspended_until",
            "suspension_reason",
            "version",
            "modified_at",
        ]
        read_only_fields = [
            "id",
            "suspended_from",
            "suspended_until",
            "suspension_reason",
            "modified_at",
        ]


class DeclarationSerializer(serializers.ModelSerializer[Declaration]):
    """A conformity declaration: what the declarant files, and what the authority decides."""

    declarant = _related(
        queryset=organisation_all(),
        required=False,
        help_text="The declaring organisation; a business user files for their own (default).",
    )
    declarant_name = serializers.CharField(source="declarant.name", read_only=True)
    body = _related(queryset=ConformityBody.objects.all(), required=False, allow_null=True)
    lab = _related(queryset=ConformityBody.objects.all(), required=False, allow_null=True)

    class Meta:
        model = Declaration
        fields = [
            "id",
            "receipt_number",
            "status",
            "declarant",
            "declarant_name",
            *Declaration.FIELDS,
            "regime",
            "risk_class",
            "check_due",
            "accepted_on",
            "valid_until",
            "refusal_reason",
            "withdrawn_on",
            "withdrawal_reason",
            "rule_versions",
            "version",
            "created_at",
        ]
        read_only_fields = [
            f for f in fields if f not in (*Declaration.FIELDS, "declarant", "version")
        ]


class QualityWarningSerializer(serializers.ModelSerializer[QualityWarning]):
    class Meta:
        model = QualityWarning
        fields = ["id", *QualityWarning.FIELDS, "published_on", "withdrawn_on", "version"]
        read_only_fields = ["id", "published_on", "withdrawn_on"]


class PublicWarningSerializer(serializers.ModelSerializer[QualityWarning]):
    """What anyone may read of a published warning."""

    class Meta:
        model = QualityWarning
        fields = [
            "id",
            "title",
            "product",
            "brand",
            "batch",
            "gtin",
            "hazard",
            "description",
            "measure",
            "source",
            "source_reference",
            "published_on",
        ]
        read_only_fields = fields
