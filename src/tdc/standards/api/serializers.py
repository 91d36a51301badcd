"""Serializers of the library's API."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tdc.standards.choices import Status
from tdc.standards.models import Standard, StandardEvent, TbtNotification


class StandardEventSerializer(serializers.ModelSerializer[StandardEvent]):
    successor: serializers.SlugRelatedField[Standard] = serializers.SlugRelatedField(
        slug_field="designation", read_only=True, allow_null=True
    )

    class Meta:
        model = StandardEvent
        fields = ["kind", "on", "successor", "reference", "decision", "note", "confidence"]
        read_only_fields = fields


class StandardSerializer(serializers.ModelSerializer[Standard]):
    """A catalogue document; ``status`` is computed for today from ``events``."""

    ics_codes = serializers.ListField(
        child=serializers.CharField(max_length=9), required=False, source="ics_list"
    )
    status = serializers.SerializerMethodField()
    events = StandardEventSerializer(many=True, read_only=True)

    class Meta:
        model = Standard
        fields = [
            "id",
            "designation",
            "kind",
            "number",
            "year",
            "authority",
            "title_vi",
            "title_en",
            "harmonisation",
            "international_designation",
            "ics_codes",
            "issuing_decision",
            "issued_on",
            "effective_from",
            "scope_text",
            "source",
            "confidence",
            "status",
            "events",
            "version",
            "modified_at",
        ]
        read_only_fields = ["id", "kind", "number", "year", "authority", "modified_at"]
        extra_kwargs: dict[str, Any] = {"designation": {"validators": []}}

    @extend_schema_field(serializers.ChoiceField(choices=Status.choices))
    def get_status(self, obj: Standard) -> str:
        return obj.status_on(timezone.localdate()).value


class PublicStandardSerializer(serializers.ModelSerializer[Standard]):
    ics_codes = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    replaced_by = serializers.SerializerMethodField()

    class Meta:
        model = Standard
        fields = [
            "designation",
            "kind",
            "year",
            "title_vi",
            "title_en",
            "harmonisation",
            "international_designation",
            "ics_codes",
            "status",
            "replaced_by",
            "confidence",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_ics_codes(self, obj: Standard) -> list[str]:
        return obj.ics_list

    @extend_schema_field(serializers.ChoiceField(choices=Status.choices))
    def get_status(self, obj: Standard) -> str:
        return obj.status_on(timezone.localdate()).value

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_replaced_by(self, obj: Standard) -> str | None:
        for event in obj.events.all():
            if event.successor is not None:
                return event.successor.designation
        return None


class ParsedSerializer(serializers.Serializer[Any]):
    canonical = serializers.CharField()
    kind = serializers.CharField()
    number = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    authority = serializers.CharField(allow_blank=True)
    amendment = serializers.IntegerField(allow_null=True)
    amendment_year = serializers.IntegerField(allow_null=True)
    adopted = serializers.CharField(allow_null=True)
    in_catalogue = serializers.IntegerField(
        allow_null=True, help_text="id of the catalogue's document, when it holds it"
    )


class ExporterMatchSerializer(serializers.Serializer[Any]):
    organisation = serializers.CharField()
    organisation_id = serializers.IntegerField()
    hs_codes = serializers.ListField(child=serializers.CharField())


class TbtNotificationSerializer(serializers.ModelSerializer[TbtNotification]):
    """A WTO notification; ``hs_codes`` written as digits; ``matches``: the province's exporters
    it concerns (on the detail only)."""

    hs_codes = serializers.ListField(child=serializers.CharField(max_length=13), required=False)
    matches = serializers.SerializerMethodField()

    class Meta:
        model = TbtNotification
        fields = ["id", *TbtNotification.FIELDS, "member", "matches", "version", "modified_at"]
        read_only_fields = ["id", "member", "modified_at"]
        extra_kwargs: dict[str, Any] = {"symbol": {"validators": []}}

    @extend_schema_field(ExporterMatchSerializer(many=True))
    def get_matches(self, obj: TbtNotification) -> list[dict[str, Any]]:
        from tdc.standards.selectors import tbt_matches

        request = self.context.get("request")
        if request is None or self.context.get("view_action") != "retrieve":
            return []
        return [
            {
                "organisation": str(m.interest.organisation),
                "organisation_id": m.interest.organisation_id,
                "hs_codes": m.hs_codes,
            }
            for m in tbt_matches(obj, user=request.user)
        ]
