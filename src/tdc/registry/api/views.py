from __future__ import annotations

from typing import Any

from rest_framework import viewsets

from tdc.core.api.concurrency import VersionedUpdateMixin
from tdc.core.api.permissions import ScopedModelPermission
from tdc.core.auth import authenticated_user
from tdc.core.roles import Action
from tdc.registry import services
from tdc.registry.api.serializers import OrganisationSerializer
from tdc.registry.filters import OrganisationFilterSet
from tdc.registry.models import Organisation
from tdc.registry.selectors import organisation_base


class OrganisationViewSet(VersionedUpdateMixin, viewsets.ModelViewSet[Organisation]):
    """Organisations in the caller's jurisdiction; filter by tax code, kind, place or text."""

    serializer_class = OrganisationSerializer
    permission_classes = [ScopedModelPermission]
    filterset_class = OrganisationFilterSet
    ordering_fields = ["name", "id", "modified_at"]
    ordering = ["name", "id"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> Any:
        action = Action.VIEW if self.request.method in ("GET", "HEAD", "OPTIONS") else Action.CHANGE
        return organisation_base().for_user(self.request.user, action)

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = services.organisation_create(
            by=authenticated_user(self.request), **data
        )

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        expected = data.pop("version", None)
        serializer.instance = services.organisation_update(
            organisation=serializer.instance,
            by=authenticated_user(self.request),
            expected_version=expected,
            **data,
        )
