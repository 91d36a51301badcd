from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from tdc.core.auth import authenticated_user
from tdc.notifications import services
from tdc.notifications.api.serializers import MarkedReadSerializer, NotificationSerializer
from tdc.notifications.models import Notification
from tdc.notifications.selectors import notification_list


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("unread", bool, description="Only unread notifications")]
    )
)
class NotificationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Notification]
):
    """The caller's own notifications, newest first; nobody sees anyone else's."""

    serializer_class = NotificationSerializer
    permission_classes = [IsAuthenticated]
    filter_backends: list[Any] = []
    queryset = Notification.objects.none()

    def get_queryset(self) -> Any:
        unread = self.request.query_params.get("unread") in {"1", "true"}
        return notification_list(user=self.request.user, unread_only=unread)

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str | None = None) -> Response:
        """Mark the notification read."""
        notification = services.notification_mark_read(
            notification=self.get_object(), by=authenticated_user(request)
        )
        return Response(NotificationSerializer(notification).data)

    @extend_schema(request=None, responses=MarkedReadSerializer)
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request: Request) -> Response:
        """Mark every unread notification read."""
        return Response(
            {"marked": services.notification_mark_all_read(by=authenticated_user(request))}
        )
