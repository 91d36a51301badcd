from __future__ import annotations

from typing import Any

from rest_framework import viewsets

from tdc.core.api.permissions import ScopedModelPermission
from tdc.core.api.serializers import AuditEventSerializer
from tdc.core.filters import AuditEventFilterSet
from tdc.core.models import AuditEvent
from tdc.core.roles import Action


class AuditEventViewSet(viewsets.ReadOnlyModelViewSet[AuditEvent]):
    """The audit trail, limited to the records the caller may see."""

    serializer_class = AuditEventSerializer
    permission_classes = [ScopedModelPermission]
    filterset_class = AuditEventFilterSet
    ordering_fields = ["occurred_at", "id"]
    ordering = ["-occurred_at", "-id"]

    def get_queryset(self) -> Any:
        return AuditEvent.objects.select_related("content_type").for_user(
            self.request.user, Action.VIEW
        )
