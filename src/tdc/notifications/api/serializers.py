from __future__ import annotations

from rest_framework import serializers

from tdc.notifications.models import Notification


class NotificationSerializer(serializers.ModelSerializer[Notification]):
    """One of the caller's notifications."""

    read = serializers.BooleanField(source="is_read", read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "event_type", "title", "body", "link", "created_at", "read_at", "read"]
        read_only_fields = fields


class MarkedReadSerializer(serializers.Serializer[dict[str, int]]):
    marked = serializers.IntegerField()
