"""Input and output of the quantity calculator, the rules versions, and the records:
inspections with their readings, declarations and certificates."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from tdc.places.selectors import commune_all, province_all
from tdc.prepackages.choices import QuantityKindChoice
from tdc.prepackages.fields import (
    CERTIFICATION_FILE,
    CERTIFICATION_INPUT,
    CERTIFICATION_OUTCOME,
    DECLARATION_FILE,
    DECLARATION_INPUT,
    DECLARATION_OUTCOME,
    INSPECTION_CONTEXT,
    INSPECTION_INPUT,
    INSPECTION_LOT,
    INSPECTION_RESULT,
    INSPECTION_RULES,
)
from tdc.prepackages.models import (
    MarkCertification,
    MarkDeclaration,
    QuantityInspection,
    QuantityMeasurement,
)
from tdc.prepackages.rules import ACCEPTED_UNITS, TareMethod, all_versions
from tdc.registry.selectors import organisation_all


def _decimal(**kwargs: Any) -> serializers.DecimalField:
    """A reading or nominal quantity: at most 9 digits before and 9 after the decimal point."""
    return serializers.DecimalField(max_digits=18, decimal_places=9, **kwargs)


def _related(**kwargs: Any) -> serializers.PrimaryKeyRelatedField[Any]:
    """A reference by id; ids beyond a database integer are refused as invalid."""
    return serializers.PrimaryKeyRelatedField(
        pk_field=serializers.IntegerField(min_value=1, max_value=2**63 - 1), **kwargs
    )


def _named(fields: Sequence[str], organisation: str) -> list[str]:
    """``fields`` with the organisation's name (``<organisation>_name``) after its id."""
    at = fields.index(organisation) + 1
    return [*fields[:at], f"{organisation}_name", *fields[at:]]


#: No plan asks for more; a longer list is refused before any arithmetic.
MAX_MEASUREMENTS = 1000


class PrepackageTareSerializer(serializers.Serializer[Any]):
    method = serializers.ChoiceField(
        choices=[(m.value, m.value) for m in TareMethod],
        help_text=_(
            "'average': the measurements are gross readings and the tare is the mean of a "
            "separate tare sample; 'individual': one tare per measured unit, in the same order."
        ),
    )
    values = serializers.ListField(
        child=_decimal(),
        min_length=1,
        max_length=MAX_MEASUREMENTS,
        help_text=_("Tare readings, in the unit of the nominal quantity."),
    )


class PrepackageEvaluateRequestSerializer(serializers.Serializer[Any]):
    nominal_quantity = _decimal(help_text=_("Qn, the quantity printed on the label."))
    unit = serializers.ChoiceField(
        choices=[(u, u) for u in ACCEPTED_UNITS],
        help_text=_("Unit of Qn, of every measurement and of the tare."),
    )
    quantity_kind = serializers.ChoiceField(
        choices=QuantityKindChoice.choices,
        required=False,
        help_text=_("Optional: the kind of quantity; the unit must measure it."),
    )
    lot_size = serializers.IntegerField(
        min_value=1, max_value=1_000_000_000, help_text=_("N, the number of units in the lot.")
    )
    measurements = serializers.ListField(
        child=_decimal(),
        min_length=1,
        max_length=MAX_MEASUREMENTS,
        help_text=_(
            "The measured quantity of each sampled unit: net, or gross when a tare is given."
        ),
    )
    tare = PrepackageTareSerializer(required=False, help_text=_("Only for gross measurements."))
    rules_version = serializers.ChoiceField(
        choices=[(v, v) for v in all_versions()],
        required=False,
        help_text=_("Rules version to apply; the deployment's default when left out."),
    )


class PrepackageReasonSerializer(serializers.Serializer[Any]):
    code = serializers.ChoiceField(choices=["t2", "t1", "mean", "decision"])
    met = serializers.BooleanField(
        help_text=_("Whether this criterion is met (or the lot passes).")
    )
    vi = serializers.CharField(help_text=_("In Vietnamese."))
    en = serializers.CharField(help_text=_("In English."))


def _number(help_text: Any, *, nullable: bool = False) -> serializers.CharField:
    return serializers.CharField(help_text=help_text, allow_null=nullable)


class PrepackageEvaluationSerializer(serializers.Serializer[Any]):
    unit = serializers.CharField(help_text=_("Unit of every quantity below."))
    tolerable_deficiency = _number(_("T, as a decimal string."))
    q_min = _number(_("Qmin = Qn − T."))
    sample_size_required = serializers.IntegerField(help_text=_("n from the plan (N if all)."))
    full_inspection = serializers.BooleanField(help_text=_("Every unit of the lot measured."))
    t1_count = serializers.IntegerField(help_text=_("Units below Qmin (T2 units included)."))
    t1_allowed = serializers.IntegerField(help_text=_("c, the most units below Qmin allowed."))
    t2_count = serializers.IntegerField(help_text=_("Units below Qn − 2T (none allowed)."))
    mean = _number(_("Mean of the net quantities."))
    std_dev = _number(_("Sample standard deviation s; null for one unit."), nullable=True)
    correction_factor = _number(
        _("λ from the plan; null when every unit is measured."), nullable=True
    )
    mean_limit = _number(_("The mean must reach this: Qn − λ·s, or Qn when n = N."))
    mean_criterion_met = serializers.BooleanField()
    decision = serializers.ChoiceField(choices=["accept", "reject"])
    reasons = PrepackageReasonSerializer(many=True)
    rules_version = serializers.CharField(help_text=_("Id of the rules version applied."))


class PrepackageDeficiencyBandSerializer(serializers.Serializer[Any]):
    up_to = _number(_("Upper limit of the band (inclusive), null = no limit."), nullable=True)
    percent = _number(_("T as a percentage of Qn."), nullable=True)
    absolute = _number(_("T in the base unit."), nullable=True)


class PrepackageDeficiencyRuleSerializer(serializers.Serializer[Any]):
    quantity_kind = serializers.ChoiceField(choices=QuantityKindChoice.choices)
    base_unit = serializers.CharField()
    max_nominal = _number(_("Largest Qn the table covers, in the base unit."))
    rounding_step = _number(_("Percentages are rounded up to a multiple of this."))
    bands = PrepackageDeficiencyBandSerializer(many=True)
    note = serializers.CharField(allow_blank=True)


class PrepackagePlanRowSerializer(serializers.Serializer[Any]):
    lot_min = serializers.IntegerField()
    lot_max = serializers.IntegerField()
    sample_size = serializers.IntegerField(allow_null=True, help_text=_("null = every unit."))
    t1_allowed = serializers.IntegerField()
    correction_factor = _number(_("λ"), nullable=True)
    note = serializers.CharField(allow_blank=True)


class PrepackageRulesVersionSerializer(serializers.Serializer[Any]):
    id = serializers.CharField()
    title_vi = serializers.CharField()
    title_en = serializers.CharField()
    effective_from = serializers.DateField()
    effective_to = serializers.DateField(allow_null=True)
    legal_basis = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]
    confidence = serializers.ChoiceField(choices=["confirmed", "reported", "unconfirmed"])
    notes = serializers.CharField(allow_blank=True)
    is_default = serializers.BooleanField(help_text=_("Applied when a request names no version."))
    max_lot_size = serializers.IntegerField()
    tolerable_deficiency = PrepackageDeficiencyRuleSerializer(many=True)
    sampling_plan = PrepackagePlanRowSerializer(many=True)


# --- Records: inspections, declarations, certificates ------------------------------------------


class PrepackageMeasurementSerializer(serializers.ModelSerializer[QuantityMeasurement]):
    """One reading of a sampled unit (position 1…n)."""

    class Meta:
        model = QuantityMeasurement
        fields = ["position", "unit_position", "value", "tare", "entered_at"]
        read_only_fields = ["unit_position", "entered_at"]


class PrepackageMeasurementInputSerializer(serializers.Serializer[Any]):
    position = serializers.IntegerField(min_value=1, help_text=_("Sample no., 1 to n."))
    value = serializers.CharField(help_text=_("The reading, as a decimal string."))
    tare = serializers.CharField(
        required=False, allow_blank=True, help_text=_("Individual-tare method: this unit's tare.")
    )


class PrepackageInspectionSerializer(serializers.ModelSerializer[QuantityInspection]):
    """A quantity inspection of one lot; places by official code, the packer by id."""

    packer = _related(queryset=organisation_all())
    packer_name = serializers.CharField(source="packer.name", read_only=True)
    province = serializers.SlugRelatedField(slug_field="code", queryset=province_all())
    commune = serializers.SlugRelatedField(
        slug_field="code", queryset=commune_all(), required=False, allow_null=True
    )
    tare_values = serializers.ListField(child=serializers.CharField(), required=False)
    version = serializers.IntegerField(required=False)

    class Meta:
        model = QuantityInspection
        fields = [
            "id",
            "minutes_number",
            "status",
            *_named(INSPECTION_LOT, "packer"),
            "tare_values",
            *INSPECTION_RULES,
            "sample_positions",
            *INSPECTION_RESULT,
            *INSPECTION_CONTEXT,
            "version",
            "created_at",
            "modified_at",
        ]
        read_only_fields = [f for f in fields if f not in {*INSPECTION_INPUT, "version"}]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # Cross-field rules (T table, plan, unit, GTIN, commune in province) run in the service.
        return attrs


class PrepackageRunningSerializer(serializers.Serializer[Any]):
    entered = serializers.IntegerField()
    sample_size = serializers.IntegerField()
    t1_count = serializers.IntegerField()
    t1_allowed = serializers.IntegerField()
    t2_count = serializers.IntegerField()
    mean = serializers.CharField(allow_null=True)
    complete = serializers.BooleanField()
    decision = serializers.CharField(allow_blank=True)


class PrepackageDeclarationSerializer(serializers.ModelSerializer[MarkDeclaration]):
    """A Group 1 quantity-mark declaration in the receipt register."""

    declarant = _related(queryset=organisation_all())
    declarant_name = serializers.CharField(source="declarant.name", read_only=True)
    province = serializers.SlugRelatedField(slug_field="code", queryset=province_all())
    supersedes = _related(queryset=MarkDeclaration.objects.all(), required=False, allow_null=True)

    class Meta:
        model = MarkDeclaration
        fields = [
            "id",
            "receipt_number",
            "status",
            *_named(DECLARATION_FILE, "declarant"),
            "notice_due",
            "stamp_due",
            "completion_due",
            "deadline_versions",
            "notice_sent_on",
            "missing_items",
            "completed_on",
            *DECLARATION_OUTCOME,
            "created_at",
            "modified_at",
        ]
        read_only_fields = [f for f in fields if f not in DECLARATION_INPUT]


class PrepackageCertificationSerializer(serializers.ModelSerializer[MarkCertification]):
    """A Group 2 certification file and its certificate."""

    applicant = _related(queryset=organisation_all())
    applicant_name = serializers.CharField(source="applicant.name", read_only=True)
    province = serializers.SlugRelatedField(slug_field="code", queryset=province_all())
    renewal_of = _related(queryset=MarkCertification.objects.all(), required=False, allow_null=True)

    class Meta:
        model = MarkCertification
        fields = [
            "id",
            "status",
            "certificate_number",
            *_named(CERTIFICATION_FILE, "applicant"),
            "notice_due",
            "completion_due",
            "notice_sent_on",
            "missing_items",
            "completed_on",
            "team_due",
            "issue_due",
            "deadline_versions",
            "assessment_team",
            *CERTIFICATION_OUTCOME,
            "created_at",
            "modified_at",
        ]
        read_only_fields = [f for f in fields if f not in CERTIFICATION_INPUT]


class PrepackageTransitionSerializer(serializers.Serializer[Any]):
    """A register transition: which one, and the inputs it needs."""

    action = serializers.CharField(help_text=_("One of the transitions listed by GET."))
    on = serializers.DateField(required=False, help_text=_("Date of the step (default today)."))
    until = serializers.DateField(required=False, help_text=_("Suspensions: last day."))
    assessed_on = serializers.DateField(required=False)
    reason = serializers.CharField(required=False, allow_blank=True)
    missing_items = serializers.CharField(required=False, allow_blank=True)
    assessors = serializers.ListField(
        child=serializers.DictField(child=serializers.CharField()),
        required=False,
        help_text=_("Assessment team: [{'name': ..., 'role': ...}], at least two."),
    )


class PrepackageTransitionListSerializer(serializers.Serializer[Any]):
    status = serializers.CharField()
    actions = serializers.ListField(child=serializers.CharField())
