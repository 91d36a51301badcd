from __future__ import annotations

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
