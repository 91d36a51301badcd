"""Serializers of the metrology register endpoints (instruments, designations, verifiers,
standards, markets); places by official code, owners also by tax code."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rest_framework import serializers

from tdc.metrology.models import (
    Designation,
    Instrument,
    Market,
    MeasurementStandard,
    Verifier,
)
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
            "owner",
            "owner_name",
            "owner_tax_code",
            "type_code",
            "manufacturer",
            "manufacturer_country",
            "model_name",
            "serial_number",
            "manufactured_year",
            "type_approval_number",
            "type_approval_valid_from",
            "type_approval_valid_to",
            "accuracy_class",
            "measuring_range",
            "max_capacity",
            "min_capacity",
            "verification_interval",
            "scale_interval",
            "unit",
            "province",
            "commune",
            "address",
            "latitude",
            "longitude",
            "status",
            "status_reason",
            "next_due_date",
            "needs_reverification",
            "reverification_reason",
            "version",
            "created_at",
            "modified_at",
        ]
        read_only_fields = [
            "id",
            "next_due_date",
            "needs_reverification",
            "reverification_reason",
            "created_at",
            "modified_at",
        ]
        validators: list[Any] = []

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # Duplicates, type codes, places and scope are checked by the service.
        return attrs


class DesignationSerializer(serializers.ModelSerializer[Designation]):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    type_codes = serializers.SerializerMethodField()
    provinces: serializers.SlugRelatedField[Province] = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )

    class Meta:
        model = Designation
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "decision_number",
            "decision_date",
            "issued_by",
            "valid_from",
            "valid_to",
            "status",
            "status_reason",
            "suspended_until",
            "type_codes",
            "provinces",
        ]
        read_only_fields = fields

    def get_type_codes(self, obj: Designation) -> list[str]:
        return sorted(t.type_code for t in obj.instrument_types.all())


class VerifierSerializer(serializers.ModelSerializer[Verifier]):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    type_codes = serializers.SerializerMethodField()

    class Meta:
        model = Verifier
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "designation",
            "full_name",
            "birth_year",
            "card_number",
            "decision_number",
            "valid_from",
            "valid_to",
            "status",
            "status_reason",
            "type_codes",
        ]
        read_only_fields = fields

    def get_type_codes(self, obj: Verifier) -> list[str]:
        return sorted(t.type_code for t in obj.instrument_types.all())


class MeasurementStandardSerializer(serializers.ModelSerializer[MeasurementStandard]):
    holder_name = serializers.CharField(source="holder.name", read_only=True)

    class Meta:
        model = MeasurementStandard
        fields = [
            "id",
            "level",
            "name",
            "identifier",
            "quantity",
            "measuring_range",
            "uncertainty",
            "manufacturer",
            "model_name",
            "serial_number",
            "holder",
            "holder_name",
            "parent",
            "certified_for_group2",
            "group2_certificate_number",
            "group2_certified_until",
            "status",
        ]
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
        fields = ["id", "name", "province", "commune", "address", "management_board", "status"]
        read_only_fields = fields
