from __future__ import annotations

from typing import Any

from rest_framework import serializers

from tdc.places.selectors import commune_all, province_all
from tdc.registry.models import Organisation


class OrganisationSerializer(serializers.ModelSerializer[Organisation]):
    """An organisation; places are given and returned by their official codes."""

    province = serializers.SlugRelatedField(slug_field="code", queryset=province_all())
    commune = serializers.SlugRelatedField(
        slug_field="code", queryset=commune_all(), required=False, allow_null=True
    )
    province_name = serializers.CharField(source="province.name", read_only=True)
    commune_name = serializers.CharField(source="commune.name", read_only=True, default=None)
    version = serializers.IntegerField(required=False)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "kind",
            "name",
            "short_name",
            "english_name",
            "tax_code",
            "province",
            "province_name",
            "commune",
            "commune_name",
            "address",
            "legacy_address",
            "legal_representative",
            "phone",
            "email",
            "status",
            "version",
            "created_at",
            "modified_at",
        ]
        read_only_fields = ["id", "created_at", "modified_at"]
        extra_kwargs: dict[str, dict[str, Any]] = {"tax_code": {"validators": []}}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # Field rules (tax code checksum, uniqueness, commune in province) run in the service.
        return attrs
