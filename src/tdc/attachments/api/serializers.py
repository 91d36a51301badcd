from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from tdc.attachments.models import Attachment


class AttachmentSerializer(serializers.ModelSerializer[Attachment]):
    """A file attached to a record; ``download`` is the URL of its bytes."""

    record_type = serializers.CharField(read_only=True)
    record_id = serializers.CharField(source="object_id", read_only=True)
    content_type = serializers.CharField(source="media_type", read_only=True)
    uploaded_by = serializers.CharField(source="created_by.username", read_only=True, default=None)
    uploaded_at = serializers.DateTimeField(source="created_at", read_only=True)
    removed_by = serializers.CharField(source="removed_by.username", read_only=True, default=None)
    download = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = [
            "id",
            "record_type",
            "record_id",
            "original_name",
            "size",
            "content_type",
            "sha256",
            "description",
            "uploaded_by",
            "uploaded_at",
            "removed_at",
            "removed_by",
            "removal_reason",
            "download",
        ]
        read_only_fields = fields

    def get_download(self, obj: Attachment) -> str:
        return reverse("api:attachment-download", args=[obj.pk])


class AttachmentUploadSerializer(serializers.Serializer[Any]):
    """A multipart upload: the record (``app_label.model`` and id), the file, a description."""

    record_type = serializers.CharField(help_text="e.g. registry.organisation")
    record_id = serializers.CharField()
    file = serializers.FileField()
    description = serializers.CharField(max_length=255, required=False, allow_blank=True)


class AttachmentRemoveSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=1000)
