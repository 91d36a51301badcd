"""Public reference endpoints of the working-day calendar (no sign-in, rate-limited)."""

from __future__ import annotations

from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tdc.core import calendar
from tdc.core.api.permissions import PublicRateThrottle
from tdc.core.api.schema import ErrorSerializer

#: Longest limit the calculator accepts (ten years of working days).
MAX_DAYS = 2500

MESSAGES = {
    "date": _("Enter the date as YYYY-MM-DD, for example 2026-02-13."),
    "required_start": _("Give the start date (the day of receipt) as start=YYYY-MM-DD."),
    "required_days": _("Give the number of working days as days=N, for example days=5."),
    "days": _("Enter the number of working days as a whole number, for example 5."),
    "days_min": _("The number of working days cannot be negative; enter 0 or more."),
    "days_max": format_lazy(_("Enter at most {max} working days."), max=MAX_DAYS),
    "year": _("Enter the year as four digits, for example 2026."),
    "required_year": _("Give the year as year=YYYY, for example year=2026."),
    "range": format_lazy(
        _("The calendar covers the years {first} to {last}; choose a date in that range."),
        first=calendar.MIN_YEAR,
        last=calendar.MAX_YEAR,
    ),
}


class AddWorkingDaysQuerySerializer(serializers.Serializer[Any]):
    start = serializers.DateField(
        input_formats=["iso-8601"],
        error_messages={"invalid": MESSAGES["date"], "required": MESSAGES["required_start"]},
        help_text=_("The day the limit starts from (usually the day of receipt)."),
    )
    days = serializers.IntegerField(
        min_value=0,
        max_value=MAX_DAYS,
        error_messages={
            "invalid": MESSAGES["days"],
            "required": MESSAGES["required_days"],
            "min_value": MESSAGES["days_min"],
            "max_value": MESSAGES["days_max"],
            "max_string_length": MESSAGES["days"],
        },
        help_text=_("The limit in working days."),
    )
    count_from_receipt_day = serializers.BooleanField(
        default=False,
        help_text=_(
            "Whether the start day counts as day one (some procedures); by default day one is "
            "the next working day."
        ),
    )

    def validate_start(self, value: Any) -> Any:
        if not calendar.MIN_YEAR <= value.year <= calendar.MAX_YEAR - 10:
            raise serializers.ValidationError(MESSAGES["range"])
        return value


class AddWorkingDaysSerializer(serializers.Serializer[Any]):
    start = serializers.DateField()
    days = serializers.IntegerField()
    count_from_receipt_day = serializers.BooleanField()
    date = serializers.DateField(help_text=_("The last day of the limit."))
    provisional = serializers.BooleanField(
        help_text=_(
            "True when the count crossed a year or a day the government has not fixed yet; the "
            "date may move when it does."
        )
    )


class HolidayQuerySerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField(
        min_value=calendar.MIN_YEAR,
        max_value=calendar.MAX_YEAR,
        error_messages={
            "invalid": MESSAGES["year"],
            "required": MESSAGES["required_year"],
            "min_value": MESSAGES["range"],
            "max_value": MESSAGES["range"],
            "max_string_length": MESSAGES["year"],
        },
    )


class HolidaySerializer(serializers.Serializer[Any]):
    date = serializers.DateField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(
        choices=["holiday", "compensatory", "day_off", "working_day"],
        help_text=_(
            "holiday; compensatory (day off for a holiday on a weekend); day_off (a weekday "
            "swapped off); working_day (a weekend day swapped into a working day)."
        ),
    )
    group = serializers.CharField(help_text=_("Which public holiday the day belongs to."))
    provisional = serializers.BooleanField(
        help_text=_("True when derived from the law or unconfirmed: the date may still change.")
    )
    legal_basis = serializers.CharField()


class AddWorkingDaysView(APIView):
    """The last day of a limit of N working days from a start date."""

    permission_classes = [AllowAny]
    throttle_classes = [PublicRateThrottle]

    @extend_schema(
        operation_id="calendar_add_working_days",
        parameters=[AddWorkingDaysQuerySerializer],
        responses={
            200: AddWorkingDaysSerializer,
            400: OpenApiResponse(ErrorSerializer, description=_("A bad date or number of days.")),
        },
        tags=["calendar"],
    )
    def get(self, request: Request) -> Response:
        query = AddWorkingDaysQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        trace = calendar.CalendarTrace()
        end = calendar.add_working_days(
            params["start"],
            params["days"],
            count_from_receipt_day=params["count_from_receipt_day"],
            trace=trace,
        )
        data = {**params, "date": end, "provisional": trace.provisional}
        return Response(AddWorkingDaysSerializer(data).data)


class HolidayListView(APIView):
    """The public holidays, compensating and swapped days of one year."""

    permission_classes = [AllowAny]
    throttle_classes = [PublicRateThrottle]

    @extend_schema(
        operation_id="calendar_holidays",
        parameters=[HolidayQuerySerializer],
        responses={
            200: HolidaySerializer(many=True),
            400: OpenApiResponse(ErrorSerializer, description=_("A missing or bad year.")),
        },
        tags=["calendar"],
    )
    def get(self, request: Request) -> Response:
        query = HolidayQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        days = calendar.holidays(query.validated_data["year"], include_working_days=True)
        return Response(HolidaySerializer(days, many=True).data)
