"""Serializers of the metrology register endpoints (instruments, designations, verifiers,
standards, markets); places by official code, owners also by tax code."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rest_framework import serializers

from tdc.metrology.fields import (
    DESIGNATION_DECISION,
    DESIGNATION_STATUS,
    INSTRUMENT_EDITABLE,
    INSTRUMENT_KEPT,
    MARKET_DETAIL,
    STANDARD_DETAIL,
    VERIFIER_DETAIL,
    with_labels,
)
from tdc.metrology.models import (
    Designation,
    Instrument,
    Market,
    MeasurementStandard,
    Verifier,
)
from tdc.metrology.selectors import type_codes_of
from tdc.places.selectors import commune_all, province_all
from tdc.registry.selectors import organisation_all

if TYPE_CHECKING:
    from tdc.places.models import Commune, Province


class InstrumentSerializer(serializers.ModelSerializer[Instrument]):
    """A measuring instrument of the register."""

    owner = serializers.PrimaryKeyRelatedField(queryset=organisation_all())
    owner_name = serializers.CharField(source="owner.name", read_only=True)
    owner_tax_code = serializers.CharField(source="owner.tax_code", read_only=True, default=None)
    province = serializers.SlugRelatedField(
        slug_field="code", queryset=province_all(), required=False
    )
    commune = serializers.SlugRelatedField(
        slug_field="code", queryset=commune_all(), required=False, allow_null=True
    )
    version = serializers.IntegerField(required=False)

    class Meta:
        model = Instrument
        fields = [
            "id",
            *with_labels(INSTRUMENT_EDITABLE, owner=("owner_name", "owner_tax_code")),
            *INSTRUMENT_KEPT,
            "version",
            "created_at",
            "modified_at",
        ]
        read_only_fields = ["id", *INSTRUMENT_KEPT, "created_at", "modified_at"]
        validators: list[Any] = []

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # Duplicates, type codes, places and scope are checked by the service.
        return attrs


class _TypeCodes(serializers.Serializer[Any]):
    """The instrument types of a designation or a verifier, sorted."""

    type_codes = serializers.SerializerMethodField()

    def get_type_codes(self, obj: Designation | Verifier) -> list[str]:
        return type_codes_of(obj)


class DesignationSerializer(_TypeCodes, serializers.ModelSerializer[Designation]):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    provinces: serializers.SlugRelatedField[Province] = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )

    class Meta:
        model = Designation
        fields = [
            "id",
            *with_labels(DESIGNATION_DECISION, organisation=("organisation_name",)),
            *DESIGNATION_STATUS,
            "type_codes",
            "provinces",
        ]
        read_only_fields = fields


class VerifierSerializer(_TypeCodes, serializers.ModelSerializer[Verifier]):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Verifier
        fields = [
            "id",
            *with_labels(VERIFIER_DETAIL, organisation=("organisation_name",)),
            "type_codes",
        ]
        read_only_fields = fields


class MeasurementStandardSerializer(serializers.ModelSerializer[MeasurementStandard]):
    holder_name = serializers.CharField(source="holder.name", read_only=True)

    class Meta:
        model = MeasurementStandard
        fields = ["id", *with_labels(STANDARD_DETAIL, holder=("holder_name",))]
        read_only_fields = fields


class MarketSerializer(serializers.ModelSerializer[Market]):
    province: serializers.SlugRelatedField[Province] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    commune: serializers.SlugRelatedField[Commune] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = Market
        fields = ["id", *MARKET_DETAIL]
        read_only_fields = fields
