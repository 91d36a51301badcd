from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from tdc.attachments import services
from tdc.attachments.api.serializers import (
    AttachmentRemoveSerializer,
    AttachmentSerializer,
    AttachmentUploadSerializer,
)
from tdc.attachments.models import Attachment
from tdc.attachments.selectors import (
    attachment_base,
    attachment_list,
    parent_get_for_user,
    user_may_change_parent,
)
from tdc.core.api.parsers import SafeJSONParser
from tdc.core.api.permissions import ScopedModelPermission
from tdc.core.auth import authenticated_user
from tdc.core.roles import Action

_RECORD_PARAMS = [
    OpenApiParameter(
        "record_type", str, description="The record's type, e.g. registry.organisation"
    ),
    OpenApiParameter("record_id", str, description="The record's id"),
    OpenApiParameter("include_removed", bool, description="Also list removed attachments"),
]


@extend_schema_view(
    list=extend_schema(parameters=_RECORD_PARAMS),
    create=extend_schema(request=AttachmentUploadSerializer, responses={201: AttachmentSerializer}),
    destroy=extend_schema(
        request=AttachmentRemoveSerializer,
        parameters=[OpenApiParameter("reason", str, description="Why the file is removed")],
        responses={200: AttachmentSerializer},
    ),
)
class AttachmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[Attachment],
):
    """Files attached to records the caller may view; upload to records the caller may change.

    DELETE removes an attachment from its record (the file is kept) and needs a ``reason``.
    """

    serializer_class = AttachmentSerializer
    permission_classes = [ScopedModelPermission]
    parser_classes = [MultiPartParser, FormParser, SafeJSONParser]
    filter_backends: list[Any] = []
    queryset = Attachment.objects.none()
    write_action = Action.CHANGE

    def get_queryset(self) -> Any:
        request = self.request
        if self.action == "list":
            record_type = request.query_params.get("record_type")
            record_id = request.query_params.get("record_id")
            parent = None
            if record_type or record_id:
                parent = parent_get_for_user(
                    user=request.user, record_type=record_type or "", record_id=record_id or ""
                )
            include_removed = request.query_params.get("include_removed") in {"1", "true"}
            return attachment_list(
                user=request.user, parent=parent, include_removed=include_removed
            )
        act = Action.CHANGE if self.action == "destroy" else Action.VIEW
        return attachment_base().for_user(request.user, act)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        upload = AttachmentUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        data = upload.validated_data
        parent = parent_get_for_user(
            user=request.user, record_type=data["record_type"], record_id=data["record_id"]
        )
        if not user_may_change_parent(user=request.user, parent=parent):
            raise PermissionDenied(services.MESSAGES["no_permission"])
        attachment = services.attachment_add(
            parent=parent,
            by=authenticated_user(request),
            uploaded_file=data["file"],
            description=data.get("description", ""),
        )
        return Response(AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        attachment = self.get_object()
        payload = request.data if hasattr(request.data, "get") and request.data else None
        reason_input = AttachmentRemoveSerializer(data=payload or request.query_params)
        reason_input.is_valid(raise_exception=True)
        removed = services.attachment_remove(
            attachment=attachment,
            by=authenticated_user(request),
            reason=reason_input.validated_data["reason"],
        )
        return Response(AttachmentSerializer(removed).data)

    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY)}
    )
    @action(detail=True, methods=["get"])
    def download(self, request: Request, pk: str | None = None) -> FileResponse:
        """The attached file's bytes, with its original name."""
        attachment = self.get_object()
        return FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.media_type,
        )
