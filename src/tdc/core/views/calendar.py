"""The working-day calendar page: a year's holidays and a working-day calculator."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdc.core import calendar
from tdc.core.models import ScheduleDayKind


class WorkingDaysForm(forms.Form):
    """The calculator: a start date, a number of working days, and how the procedure counts."""

    start = forms.DateField(
        label=_("Start date (day of receipt)"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
        error_messages={"invalid": _("Enter the date as DD/MM/YYYY or pick it in the calendar.")},
    )
    days = forms.IntegerField(
        label=_("Working days"),
        min_value=0,
        max_value=2500,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
        error_messages={"invalid": _("Enter the number of working days as a whole number.")},
    )
    count_from_receipt_day = forms.BooleanField(
        label=_("The day of receipt counts as day one"),
        required=False,
        help_text=_("Leave unticked when the procedure counts from the next working day."),
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def clean_start(self) -> Any:
        start = self.cleaned_data["start"]
        if not calendar.MIN_YEAR <= start.year <= calendar.MAX_YEAR - 10:
            raise forms.ValidationError(
                _("Choose a date between %(first)s and %(last)s."),
                params={"first": calendar.MIN_YEAR, "last": calendar.MAX_YEAR - 10},
            )
        return start


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return min(max(year, calendar.MIN_YEAR), calendar.MAX_YEAR)


@login_required
def calendar_page(request: HttpRequest) -> HttpResponse:
    """One year's public holidays, compensating and swapped days, and the calculator."""
    form = WorkingDaysForm(request.GET if "start" in request.GET else None)
    result: dict[str, Any] | None = None
    if form.is_bound and form.is_valid():
        trace = calendar.CalendarTrace()
        data = form.cleaned_data
        result = {
            "date": calendar.add_working_days(
                data["start"],
                data["days"],
                count_from_receipt_day=data["count_from_receipt_day"],
                trace=trace,
            ),
            "provisional": trace.provisional,
            "start": data["start"],
            "days": data["days"],
        }
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.boosted and form.is_bound:
        return render(request, "core/calendar_result.html", {"form": form, "result": result})
    year = _year(request)
    trace = calendar.CalendarTrace()
    days = calendar.holidays(year, include_working_days=True, trace=trace)
    context = {
        "year": year,
        "previous_year": max(year - 1, calendar.MIN_YEAR),
        "next_year": min(year + 1, calendar.MAX_YEAR),
        "rows": [{"day": day, "kind": ScheduleDayKind(day.kind).label} for day in days],
        "year_provisional": bool(trace.provisional_years),
        "working_day_kind": ScheduleDayKind.WORKING_DAY,
        "form": form,
        "result": result,
    }
    return render(request, "core/calendar.html", context)
