from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tdc.accounts.models import User
from tdc.core.auth import authenticated_user


class MeSerializer(serializers.ModelSerializer[User]):
    province = serializers.CharField(source="province_id", allow_null=True)
    commune = serializers.CharField(source="commune_id", allow_null=True)
    organisation = serializers.IntegerField(source="organisation_id", allow_null=True)

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "first_name",
            "last_name",
            "role",
            "province",
            "commune",
            "organisation",
        ]


class MeView(APIView):
    """The signed-in caller's account, role and jurisdiction."""

    @extend_schema(responses=MeSerializer)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(MeSerializer(authenticated_user(request)).data)
