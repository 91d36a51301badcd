"""Input and output shapes of the MPE calculator.

Help texts document the API contract (OpenAPI schema) and stay in English, like the shared
error body; messages users read come from the rules in Vietnamese or English.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from tdc.metrology.choices import LimitKind
from tdc.metrology.rules import MAX_POINTS, SCHEMES, Confidence, Stage

#: Water-meter flow zones and electricity-meter current ranges share these two values.
CURRENT_RANGES = ["lower", "upper"]

#: Inputs hold up to 15 integer digits and 12 decimals: more than any measurement needs.
DIGITS, PLACES = 27, 12
UNITS = ("mg", "g", "kg", "t", "L", "mL", "m3", "s", "min", "m", "km", "VND", "Wh", "kWh")


def number(help_text: str, *, required: bool = False) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=DIGITS,
        decimal_places=PLACES,
        required=required,
        help_text=help_text,
    )


def decimal_text(value: Decimal) -> str:
    """A decimal as plain text without exponent or trailing zeros ("2.5", "100", "-0.002")."""
    text = format(value.normalize(), "f")
    return "0" if text in {"-0", "0"} else text


class MpePointSerializer(serializers.Serializer[Any]):
    """One test point; the optional fields override the scheme parameters for this point."""

    reference = number("Conventional true value from the standard.", required=True)
    indication = number("The instrument's reading (corrected for rounding).", required=True)
    zone = serializers.ChoiceField(
        choices=CURRENT_RANGES, required=False, help_text="Water meters: flow zone."
    )
    q = number("Water meters: test flow rate, in the unit of Q1/Q3.")
    temperature_c = number("Water or ambient temperature, °C.")
    quantity = serializers.ChoiceField(
        choices=["time", "distance", "fare"],
        required=False,
        help_text="Taximeters: the quantity this point measures.",
    )
    current = number("Electricity meters: test current, A.")
    current_range = serializers.ChoiceField(
        choices=CURRENT_RANGES,
        required=False,
        help_text="Electricity meters: current range, when the current is not given.",
    )


class MpeEvaluateSerializer(serializers.Serializer[Any]):
    """A stateless request: a scheme, its class and parameters, and the test points."""

    scheme = serializers.ChoiceField(choices=list(SCHEMES))
    accuracy_class = serializers.CharField(
        max_length=10,
        required=False,
        allow_blank=True,
        default="",
        help_text="I, II, III, IIII; 1, 2; 0.3 … 2.5; A, B, C; empty for taximeters.",
    )
    stage = serializers.ChoiceField(
        choices=[s.value for s in Stage],
        required=False,
        help_text="The MPE to apply directly; or give verification_kind instead.",
    )
    verification_kind = serializers.ChoiceField(
        choices=LimitKind.values,
        required=False,
        help_text="Resolve the MPE through the error-limit reference data (which limit this kind "
        "of verification or inspection uses on `date`) instead of giving `stage`.",
    )
    date = serializers.DateField(
        required=False,
        help_text="The day the limit data and MPE tables are read for (default: today).",
    )
    type_code = serializers.SlugField(
        required=False,
        help_text="Instrument type code, when a type has its own limit row.",
    )
    unit = serializers.ChoiceField(choices=list(UNITS), required=False)
    # Weighing instruments (OIML R 76)
    e = number("Verification scale interval e, in unit.")
    d = number("Actual scale interval d, in unit.")
    max = number("Maximum capacity Max, in unit.")
    min = number("Minimum capacity Min, in unit.")
    # Water meters (OIML R 49)
    zone = serializers.ChoiceField(choices=CURRENT_RANGES, required=False)
    temperature_c = number("Water or ambient temperature, °C.")
    q = number("Test flow rate.")
    q1 = number("Minimum flow rate Q1.")
    q2 = number("Transitional flow rate Q2 (default 1.6 × Q1).")
    q3 = number("Permanent flow rate Q3.")
    q4 = number("Overload flow rate Q4 (default 1.25 × Q3).")
    r = number("Ratio R = Q3/Q1.")
    # Dispensers (OIML R 117)
    line = serializers.ChoiceField(
        choices=["A", "B"],
        required=False,
        help_text="A: complete measuring system (default); B: meter alone.",
    )
    volume_l = number("Nominal test quantity in litres (default: each point's reference).")
    mmq_l = number("Minimum measured quantity MMQ in litres (applies Emin).")
    # Taximeters (OIML R 21)
    quantity = serializers.ChoiceField(choices=["time", "distance", "fare"], required=False)
    fare_digit = number("Least significant digit of the fare display, VND.")
    # Electricity meters
    current = number("Test current, A.")
    current_range = serializers.ChoiceField(choices=CURRENT_RANGES, required=False)
    ib = number("Basic current Ib, A (IEC classes 1 and 2).")
    i_min = number("Minimum current Imin, A (classes A, B, C).")
    i_tr = number("Transitional current Itr, A (classes A, B, C).")
    i_max = number("Maximum current Imax, A.")
    points = MpePointSerializer(many=True, allow_empty=False, max_length=MAX_POINTS)  # type: ignore[call-arg]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("stage" in attrs) == ("verification_kind" in attrs):
            raise serializers.ValidationError(
                {"stage": "Give either stage or verification_kind (not both)."}
            )
        return attrs


class ReasonSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    vi = serializers.CharField(help_text="In Vietnamese.")
    en = serializers.CharField(help_text="In English.")


class TableRefSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    version = serializers.CharField()
    legal_basis = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]
    confidence = serializers.ChoiceField(choices=[c.value for c in Confidence])


class MpeLimitSerializer(serializers.Serializer[Any]):
    verification_kind = serializers.CharField()
    stage = serializers.CharField()
    basis = serializers.CharField(help_text="The limit applied and why, in the request language.")
    version = serializers.CharField(help_text="Version label of the limit row, or default-initial.")
    confidence = serializers.CharField()


#: Documentation of the answer (built with inline serializers: "pass" is a Python keyword).
MpePointResultSerializer = inline_serializer(
    "MpePointResult",
    fields={
        "reference": serializers.CharField(),
        "indication": serializers.CharField(),
        "error": serializers.CharField(help_text="indication − reference, decimal text."),
        "mpe": serializers.CharField(help_text="Maximum permissible error (±), decimal text."),
        "pass": serializers.BooleanField(),
        "band": serializers.CharField(help_text="The load band or zone that set the MPE."),
    },
)

MpeEvaluationSerializer = inline_serializer(
    "MpeEvaluation",
    fields={
        "scheme": serializers.CharField(),
        "accuracy_class": serializers.CharField(),
        "stage": serializers.CharField(),
        "points": serializers.ListField(child=MpePointResultSerializer),
        "pass": serializers.BooleanField(),
        "reasons": ReasonSerializer(many=True),
        "notices": ReasonSerializer(many=True),
        "rules_version": serializers.CharField(),
        "tables": TableRefSerializer(many=True),
        "limit": MpeLimitSerializer(
            allow_null=True,
            help_text="Which limit the verification kind uses and why (null when stage was given).",
        ),
    },
)
