"""API shapes of the inspections module (component names prefixed to stay unique)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from tdc.inspections.choices import Answer, OffenderKind, TransferTarget
from tdc.inspections.models import (
    Campaign,
    ChecklistAnswer,
    ExternalInspection,
    Inspection,
    InspectionPlan,
    SanctionDecision,
    Violation,
    ViolationType,
)


class InspectionPlanSerializer(serializers.ModelSerializer[InspectionPlan]):
    class Meta:
        model = InspectionPlan
        fields = ["id", *InspectionPlan.DETAIL_FIELDS, "submitted_at", "version"]
        # The approval steps set everything but what the officers write.
        read_only_fields = [f for f in fields if f not in InspectionPlan.EDIT_FIELDS]


class PlanReturnSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(help_text="What must change before approval.")


class CampaignSerializer(serializers.ModelSerializer[Campaign]):
    class Meta:
        model = Campaign
        fields = ["id", "plan", *Campaign.EDIT_FIELDS]


class CampaignTargetInputSerializer(serializers.Serializer[Any]):
    organisation = serializers.IntegerField(help_text="Organisation id.")
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class RecentInspectionSerializer(serializers.Serializer[Any]):
    agency = serializers.CharField()
    inspected_on = serializers.DateField()
    subject = serializers.CharField()
    reference = serializers.CharField()
    ours = serializers.BooleanField()


class ChecklistAnswerSerializer(serializers.ModelSerializer[ChecklistAnswer]):
    item = serializers.CharField(source="item.code")

    class Meta:
        model = ChecklistAnswer
        fields = ["item", "answer", "note", "answered_at"]


class ViolationSerializer(serializers.ModelSerializer[Violation]):
    violation_type = serializers.CharField(source="violation_type.code")
    citation = serializers.CharField(source="violation_type.citation", read_only=True)

    class Meta:
        model = Violation
        fields = [
            "id",
            "inspection",
            "violation_type",
            "citation",
            "committed_on",
            "description",
            "offender_kind",
            "mitigating",
            "aggravating",
            "fine_min",
            "fine_max",
            "proposed_fine",
            "decided_fine",
            "catalogue_version",
            "fine_rule_version",
            "illegal_profit",
            "illegal_profit_detail",
        ]


class InspectionSerializer(serializers.ModelSerializer[Inspection]):
    answers = ChecklistAnswerSerializer(many=True, read_only=True)

    class Meta:
        model = Inspection
        fields = [
            "id",
            *Inspection.DETAIL_FIELDS,
            "province",
            "position_accuracy",
            "closed_at",
            "answers",
        ]
        # Set by the services: all but what opens an inspection and what the record says.
        read_only_fields = [
            f
            for f in fields
            if f not in {"id", "organisation", "area", "campaign", "answers"}
            and f not in Inspection.EDIT_FIELDS
        ]


class InspectionCreateSerializer(serializers.Serializer[Any]):
    organisation = serializers.IntegerField()
    area = serializers.CharField()
    inspected_on = serializers.DateField()
    campaign = serializers.IntegerField(required=False, allow_null=True)
    address = serializers.CharField(required=False, allow_blank=True, default="")


class AnswerInputSerializer(serializers.Serializer[Any]):
    item = serializers.CharField(help_text="Checklist item code.")
    answer = serializers.ChoiceField(choices=Answer.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ViolationInputSerializer(serializers.Serializer[Any]):
    violation_type = serializers.CharField(help_text="Catalogue code, e.g. nd119-d9-k2.")
    committed_on = serializers.DateField()
    offender_kind = serializers.ChoiceField(
        choices=OffenderKind.choices, default=OffenderKind.ORGANISATION
    )
    mitigating = serializers.IntegerField(min_value=0, default=0)
    aggravating = serializers.IntegerField(min_value=0, default=0)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    proposed_fine = serializers.DecimalField(
        max_digits=15, decimal_places=0, required=False, allow_null=True
    )


class SignatureInputSerializer(serializers.Serializer[Any]):
    role = serializers.CharField()
    signature = serializers.CharField(help_text="PNG as a base64 data URI.")


class DecisionInputSerializer(serializers.Serializer[Any]):
    decided_on = serializers.DateField()
    signed_by_name = serializers.CharField(required=False, allow_blank=True, default="")
    fines = serializers.DictField(
        child=serializers.DecimalField(max_digits=15, decimal_places=0),
        required=False,
        help_text="Violation id → fine; omitted violations take the proposed fine.",
    )


class SanctionDecisionSerializer(serializers.ModelSerializer[SanctionDecision]):
    class Meta:
        model = SanctionDecision
        fields = ["id", *SanctionDecision.DETAIL_FIELDS]


class PaymentInputSerializer(serializers.Serializer[Any]):
    paid_on = serializers.DateField()
    receipt_number = serializers.CharField()


class TransferInputSerializer(serializers.Serializer[Any]):
    target = serializers.ChoiceField(choices=[c for c in TransferTarget.choices if c[0]])
    on = serializers.DateField()
    reference = serializers.CharField(required=False, allow_blank=True, default="")


class ExternalInspectionSerializer(serializers.ModelSerializer[ExternalInspection]):
    class Meta:
        model = ExternalInspection
        fields = ["id", *ExternalInspection.EDIT_FIELDS]


class ViolationTypeSerializer(serializers.ModelSerializer[ViolationType]):
    class Meta:
        model = ViolationType
        fields = [
            "id",
            "code",
            "decree",
            "article",
            "clause",
            "point",
            "description",
            "fine_min",
            "fine_max",
            "organisation_multiplier",
            "multiplier_confidence",
            "additional_penalties",
            "remedial_measures",
            "area",
            "effective_from",
            "effective_to",
            "legal_basis",
            "source",
            "confidence",
            "notes",
        ]


class RiskContributionSerializer(serializers.Serializer[Any]):
    factor = serializers.CharField()
    value = serializers.DecimalField(max_digits=12, decimal_places=3)
    weight = serializers.DecimalField(max_digits=12, decimal_places=3)
    points = serializers.DecimalField(max_digits=12, decimal_places=3)


class RiskRowSerializer(serializers.Serializer[Any]):
    organisation = serializers.IntegerField()
    name = serializers.CharField()
    score = serializers.DecimalField(max_digits=12, decimal_places=3)
    contributions = RiskContributionSerializer(many=True)


class RiskRankingSerializer(serializers.Serializer[Any]):
    weights_version = serializers.CharField()
    results = RiskRowSerializer(many=True)


class StatisticsSerializer(serializers.Serializer[Any]):
    total = serializers.IntegerField()
    by_area = serializers.ListField(child=serializers.ListField())
    by_month = serializers.ListField(child=serializers.ListField())
    by_commune = serializers.ListField(child=serializers.ListField())
    by_article = serializers.ListField(child=serializers.ListField())
    fines = serializers.DictField(child=serializers.DecimalField(max_digits=18, decimal_places=0))
