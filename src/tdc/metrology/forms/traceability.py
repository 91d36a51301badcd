"""The form recording an out-of-tolerance finding."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tdc.core.roles import Action
from tdc.metrology.forms.common import DATE
from tdc.metrology.models import MeasurementStandard, StandardCalibration


class FindingForm(forms.Form):
    """A standard found out of tolerance, the calibration that found it and the last good one;
    the choices are the standards the user manages and their calibrations."""

    standard = forms.ModelChoiceField(
        label=_("Standard found out of tolerance"),
        queryset=MeasurementStandard.objects.none(),
    )
    found_on = forms.DateField(label=_("Found out of tolerance on"), widget=DATE)
    calibration = forms.ModelChoiceField(
        label=_("Calibration that found it"),
        queryset=StandardCalibration.objects.none(),
        required=False,
    )
    last_good_calibration = forms.ModelChoiceField(
        label=_("Last in-tolerance calibration"),
        queryset=StandardCalibration.objects.none(),
        required=False,
        help_text=_(
            "Leave empty to use the standard's latest in-tolerance calibration before the finding."
        ),
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea({"rows": 3}))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        standards = MeasurementStandard.objects.for_user(user, Action.CREATE).select_related(
            "holder"
        )
        self.fields["standard"].queryset = standards  # type: ignore[attr-defined]
        calibrations = StandardCalibration.objects.filter(
            standard__in=standards.values("pk")
        ).select_related("standard")
        self.fields["calibration"].queryset = calibrations  # type: ignore[attr-defined]
        self.fields["last_good_calibration"].queryset = calibrations  # type: ignore[attr-defined]
