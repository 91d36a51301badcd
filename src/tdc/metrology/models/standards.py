"""Measurement standards, their calibrations and out-of-tolerance findings (traceability)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import AuditedModel
from tdc.core.roles import Role
from tdc.core.scoping import ScopeSpec
from tdc.metrology.choices import (
    CalibrationResult,
    FindingStatus,
    StandardLevel,
    StandardStatus,
)
from tdc.metrology.models.base import PROVINCE_EDITORS, STATE_READERS, MetrologyQuerySet

_STANDARD_ROLES = {
    "view": STATE_READERS | {Role.VERIFICATION_STAFF},
    "export": STATE_READERS | {Role.VERIFICATION_STAFF},
    "create": PROVINCE_EDITORS | {Role.VERIFICATION_STAFF},
    "change": PROVINCE_EDITORS | {Role.VERIFICATION_STAFF},
    "archive": PROVINCE_EDITORS,
    # Recording an out-of-tolerance finding and acting on it (reverse traceability).
    "approve": PROVINCE_EDITORS,
}


class MeasurementStandard(AuditedModel):
    """A national, main or working measurement standard and its place in the traceability chain.

    ``parent`` is the higher standard it is calibrated against, up to a national standard.
    Working standards used directly to verify Group 2 instruments must be certified for that
    use (TT 24/2013 Arts 20–28).
    """

    level = models.CharField(_("level"), max_length=16, choices=StandardLevel.choices)
    name = models.CharField(_("name"), max_length=255)
    identifier = models.CharField(
        _("identifier"), max_length=64, blank=True, help_text=_("Inventory or register number.")
    )
    quantity = models.CharField(_("quantity"), max_length=100, help_text=_("e.g. mass, volume."))
    measuring_range = models.CharField(_("measuring range"), max_length=100, blank=True)
    uncertainty = models.CharField(
        _("uncertainty or accuracy class"),
        max_length=100,
        blank=True,
        help_text=_("e.g. U = 0.02 g (k = 2), or class F1."),
    )
    manufacturer = models.CharField(_("manufacturer"), max_length=150, blank=True)
    model_name = models.CharField(_("model"), max_length=100, blank=True)
    serial_number = models.CharField(_("serial number"), max_length=64, blank=True)
    holder = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("holder"),
        on_delete=models.PROTECT,
        related_name="measurement_standards",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("calibrated against"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("The higher standard this one is traceable to."),
    )
    certified_for_group2 = models.BooleanField(
        _("certified for Group 2 verification"), default=False
    )
    group2_certificate_number = models.CharField(
        _("Group 2 certification decision number"), max_length=64, blank=True
    )
    group2_certified_until = models.DateField(
        _("Group 2 certification valid until"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=16, choices=StandardStatus.choices, default=StandardStatus.IN_USE
    )
    status_reason = models.CharField(_("reason for the status"), max_length=255, blank=True)

    scope = ScopeSpec(
        province="holder__province_id", organisation="holder_id", roles=_STANDARD_ROLES
    )
    objects = MetrologyQuerySet.as_manager()

    class Meta:
        verbose_name = _("measurement standard")
        verbose_name_plural = _("measurement standards")
        ordering = ["level", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")),
                name="%(app_label)s_%(class)s_not_own_parent",
                violation_error_message=_("A standard cannot be calibrated against itself."),
            ),
            models.CheckConstraint(
                condition=Q(certified_for_group2=False) | ~Q(group2_certificate_number=""),
                name="%(app_label)s_%(class)s_group2_has_certificate",
                violation_error_message=_(
                    "A standard certified for Group 2 verification needs the certification "
                    "decision number; enter it."
                ),
            ),
        ]
        indexes = [
            # Standards register of a holder (verification organisation's standards screen).
            models.Index(fields=["holder", "level"], name="metrology_std_holder_idx"),
        ]

    def __str__(self) -> str:
        label = f"{self.name} {self.serial_number}".strip()
        return f"{label} ({self.get_level_display()})"

    def get_absolute_url(self) -> str:
        return reverse("metrology:standard_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if self.certified_for_group2 and not self.group2_certificate_number:
            errors["group2_certificate_number"] = _(
                "Enter the decision certifying the standard for Group 2 verification."
            )
        if self.parent_id is not None:
            seen = {self.pk} if self.pk else set()
            node = self.parent
            while node is not None:
                if node.pk in seen:
                    errors["parent"] = _(
                        "This choice makes the traceability chain go round in a circle; choose a "
                        "higher standard."
                    )
                    break
                seen.add(node.pk)
                node = node.parent
        if self.level == StandardLevel.NATIONAL and self.parent_id is not None:
            errors["parent"] = _(
                "A national standard is the top of its chain; leave “calibrated against” empty."
            )
        if errors:
            raise ValidationError(errors)


class StandardCalibration(AuditedModel):
    """A calibration of a standard: laboratory, certificate, date, validity and result."""

    standard = models.ForeignKey(
        MeasurementStandard,
        verbose_name=_("standard"),
        on_delete=models.PROTECT,
        related_name="calibrations",
    )
    laboratory = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("laboratory"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="standard_calibrations_performed",
    )
    laboratory_name = models.CharField(
        _("laboratory name"),
        max_length=255,
        blank=True,
        help_text=_("When the laboratory is not in the organisation register."),
    )
    certificate_number = models.CharField(_("calibration certificate number"), max_length=64)
    calibrated_on = models.DateField(_("calibration date"))
    valid_until = models.DateField(_("valid until"))
    result = models.CharField(
        _("result"),
        max_length=16,
        choices=CalibrationResult.choices,
        default=CalibrationResult.IN_TOLERANCE,
    )
    notes = models.TextField(_("notes"), blank=True)

    scope = ScopeSpec(
        province="standard__holder__province_id",
        organisation="standard__holder_id",
        roles=_STANDARD_ROLES,
    )
    objects = MetrologyQuerySet.as_manager()

    class Meta:
        verbose_name = _("standard calibration")
        verbose_name_plural = _("standard calibrations")
        ordering = ["-calibrated_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("calibrated_on")),
                name="%(app_label)s_%(class)s_valid_order",
                violation_error_message=_(
                    "The calibration expires before it was made; correct one of the two dates."
                ),
            ),
        ]
        indexes = [
            # Calibration history of a standard; calibration in force on a verification date.
            models.Index(fields=["standard", "-calibrated_on"], name="metrology_stdcal_std_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.certificate_number} ({self.calibrated_on:%d/%m/%Y})"

    def clean(self) -> None:
        super().clean()
        if self.calibrated_on and self.valid_until and self.valid_until < self.calibrated_on:
            raise ValidationError(
                {"valid_until": _("The calibration expires before it was made; correct a date.")}
            )
        if not self.laboratory_id and not self.laboratory_name:
            raise ValidationError({"laboratory": _("Choose the laboratory or type its name.")})

    def is_valid_on(self, day: Any) -> bool:
        return self.calibrated_on <= day <= self.valid_until


class OutOfToleranceFinding(AuditedModel):
    """A standard found out of tolerance on a date: the start of reverse traceability.

    Every verification made with the standard since ``last_good_calibration`` is suspect;
    acting on the finding notifies the owners and flags their instruments for re-verification.
    """

    standard = models.ForeignKey(
        MeasurementStandard,
        verbose_name=_("standard"),
        on_delete=models.PROTECT,
        related_name="out_of_tolerance_findings",
    )
    found_on = models.DateField(_("found out of tolerance on"))
    calibration = models.ForeignKey(
        StandardCalibration,
        verbose_name=_("calibration that found it"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    last_good_calibration = models.ForeignKey(
        StandardCalibration,
        verbose_name=_("last in-tolerance calibration"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Verifications made with the standard since this calibration are affected."),
    )
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    affected_count = models.PositiveIntegerField(
        _("affected verifications"), default=0, editable=False
    )
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    acted_at = models.DateTimeField(_("acted at"), null=True, blank=True)

    scope = ScopeSpec(
        province="standard__holder__province_id",
        organisation="standard__holder_id",
        roles=_STANDARD_ROLES,
    )
    objects = MetrologyQuerySet.as_manager()

    class Meta:
        verbose_name = _("out-of-tolerance finding")
        verbose_name_plural = _("out-of-tolerance findings")
        ordering = ["-found_on", "-id"]
        indexes = [
            # Open findings on the traceability screen.
            models.Index(fields=["status", "-found_on"], name="metrology_oot_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.standard} — {self.found_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("metrology:finding_detail", args=[self.pk])
