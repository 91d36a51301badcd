"""Due and overdue instruments and the metrology statistics under /api/v1/metrology/…."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tdc.core.api.permissions import ScopedModelPermission
from tdc.metrology.models import Instrument
from tdc.metrology.selectors import DueQuery, due_counts, due_instruments, due_status, statistics

_DUE_PARAMETERS = [
    OpenApiParameter("state", str, enum=["due", "upcoming", "overdue"]),
    OpenApiParameter("within_days", int, description="window in days (default 30)"),
    OpenApiParameter("commune", str, description="commune code"),
    OpenApiParameter("province", str, description="province code"),
    OpenApiParameter("type_code", str),
    OpenApiParameter("owner", int, description="owner organisation id"),
    OpenApiParameter("owner_tax_code", str),
    OpenApiParameter("organisation", int, description="verification organisation id"),
]


class DueInstrumentSerializer(serializers.ModelSerializer[Instrument]):
    owner_name = serializers.CharField(source="owner.name", read_only=True)
    owner_tax_code = serializers.CharField(source="owner.tax_code", read_only=True, default="")
    commune_name = serializers.CharField(source="commune.name", read_only=True, default="")
    due_status = serializers.SerializerMethodField()

    class Meta:
        model = Instrument
        fields = [
            "id",
            "type_code",
            "manufacturer",
            "serial_number",
            "owner",
            "owner_name",
            "owner_tax_code",
            "province",
            "commune",
            "commune_name",
            "address",
            "latitude",
            "longitude",
            "next_due_date",
            "needs_reverification",
            "due_status",
        ]
        read_only_fields = fields

    def get_due_status(self, obj: Instrument) -> str:
        return due_status(obj, timezone.localdate())


class DueInstrumentListView(ListAPIView[Instrument]):
    """Instruments due for verification within ``within_days`` (default 30) or overdue, in the
    caller's jurisdiction, soonest first; the same filters as the due-list screen."""

    serializer_class = DueInstrumentSerializer
    permission_classes = [ScopedModelPermission]
    filter_backends: list[Any] = []

    def get_queryset(self) -> Any:
        return due_instruments(user=self.request.user, query=DueQuery.from_params(self.request.GET))

    @extend_schema(parameters=_DUE_PARAMETERS)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class DueCountsSerializer(serializers.Serializer[Any]):
    overdue = serializers.IntegerField()
    due_soon = serializers.IntegerField()
    reverify = serializers.IntegerField()
    total = serializers.IntegerField()


class DueCountsView(APIView):
    """Counts for the dashboard: overdue, due within 30 days, flagged, recalled."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=DueCountsSerializer)
    def get(self, request: Request) -> Response:
        return Response(due_counts(user=request.user))


class StatisticsView(APIView):
    """Verifications by month, type, result and organisation; overdue rate by commune;
    instruments by type — in the caller's jurisdiction (``?year=``, else the last 12 months)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[OpenApiParameter("year", int)], responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        today = timezone.localdate()
        period = statistics.Period.chosen(request.query_params.get("year"), today)
        data = statistics.overview(user=request.user, period=period, today=today)
        return Response(
            {
                "period": {"start": period.start, "end": period.end},
                "monthly": [{**m, "month": m["month"].strftime("%Y-%m")} for m in data["monthly"]],
                "by_type": data["by_type"],
                "by_result": data["by_result"],
                "by_organisation": [
                    {
                        "organisation": r["organisation_id"],
                        "name": r["organisation__name"],
                        "total": r["total"],
                        "passed": r["passed"],
                    }
                    for r in data["by_organisation"]
                ],
                "overdue_by_commune": [
                    {
                        "commune": r["commune_id"],
                        "name": r["commune__name"],
                        "total": r["total"],
                        "overdue": r["overdue"],
                        "rate": f"{r['rate']:.4f}",
                    }
                    for r in data["overdue_by_commune"]
                ],
                "instruments_by_type": data["instruments_by_type"],
            }
        )
