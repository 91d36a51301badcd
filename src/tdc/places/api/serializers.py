from __future__ import annotations

from typing import Any

from rest_framework import serializers

from tdc.places.models import Commune, Province


class ProvinceSerializer(serializers.ModelSerializer[Province]):
    class Meta:
        model = Province
        fields = ["code", "name", "kind"]


class CommuneSerializer(serializers.ModelSerializer[Commune]):
    province = serializers.CharField(source="province_id", read_only=True)

    class Meta:
        model = Commune
        fields = ["code", "name", "kind", "province"]


class PlaceRefSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()


class LegacyUnitsSerializer(serializers.Serializer[Any]):
    province = PlaceRefSerializer(allow_null=True)
    district = PlaceRefSerializer(allow_null=True)
    commune = PlaceRefSerializer(allow_null=True)


class CandidateSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    province = PlaceRefSerializer()
    legacy_commune = PlaceRefSerializer(allow_null=True)
    partial = serializers.BooleanField(  # type: ignore[assignment]
        help_text="Only part of the old commune went into this one."
    )


class ResolutionSerializer(serializers.Serializer[Any]):
    """The answer of the address resolver (shape of ``Resolution.as_dict()``)."""

    found = serializers.BooleanField()
    province = PlaceRefSerializer(allow_null=True)
    commune = PlaceRefSerializer(allow_null=True)
    legacy = LegacyUnitsSerializer()
    ambiguous = serializers.BooleanField()
    candidates = CandidateSerializer(many=True)
    style = serializers.ChoiceField(choices=["legacy", "new"], allow_null=True)  # type: ignore[assignment]
    message = serializers.CharField(allow_blank=True)
