from __future__ import annotations

from rest_framework import serializers

from tdc.core.models import AuditEvent


class AuditEventSerializer(serializers.ModelSerializer[AuditEvent]):
    record_type = serializers.CharField(source="content_type.model", read_only=True)
    actor = serializers.CharField(source="actor_label", read_only=True)

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "occurred_at",
            "actor",
            "action",
            "record_type",
            "object_id",
            "object_repr",
            "before",
            "after",
            "details",
            "request_id",
        ]
        read_only_fields = fields
