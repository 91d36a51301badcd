"""Versioned reference rows of product quality: regime periods, product lists, time limits."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tdc.core.models import VersionedReference
from tdc.quality.choices import (
    RegimeChoice,
    RiskClassChoice,
)


class RegimePeriod(VersionedReference):
    """A span of days governed by one legal regime (quality-facts §0): the legacy "nhóm 2"
    lists until 30/06/2026, the risk classes from 01/07/2026 (NĐ 37/2026, Art. 97)."""

    regime = models.CharField(_("regime"), max_length=16, choices=RegimeChoice.choices)

    class Meta(VersionedReference.Meta):
        verbose_name = _("legal regime period")
        verbose_name_plural = _("legal regime periods")
        ordering = ["effective_from"]
        constraints = [
            *VersionedReference.Meta.constraints,
            models.UniqueConstraint(
                fields=["regime", "effective_from"],
                name="%(app_label)s_%(class)s_unique_version",
                violation_error_message=_(
                    "This regime already has a period starting on that day; edit that row."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_regime_display()} ({self.effective_from:%d/%m/%Y})"


class ProductListEntry(VersionedReference):
    """One row of a managed-product list: an HS code prefix (4, 6 or 8 digits) under a regime,
    with its risk class (risk-based lists), the measures it requires and the governing QCVN."""

    regime = models.CharField(_("regime"), max_length=16, choices=RegimeChoice.choices)
    list_name = models.CharField(
        _("list"), max_length=255, help_text=_("The instrument and annex the row comes from.")
    )
    hs_prefix = models.CharField(
        _("HS code prefix"),
        max_length=8,
        help_text=_("4, 6 or 8 digits without dots; the row covers every code starting so."),
    )
    product = models.CharField(_("product"), max_length=255)
    category = models.CharField(
        _("product category"), max_length=64, blank=True, help_text=_("A short key, e.g. helmet.")
    )
    risk_class = models.CharField(
        _("risk class"), max_length=8, choices=RiskClassChoice.choices, blank=True
    )
    measures = models.JSONField(
        _("measures"), default=list, blank=True, help_text=_("Keys of the measures required.")
    )
    qcvn = models.JSONField(_("technical regulations"), default=list, blank=True)

    class Meta(VersionedReference.Meta):
        verbose_name = _("managed-product list row")
        verbose_name_plural = _("managed-product list rows")
        ordering = ["regime", "hs_prefix", "effective_from"]
        constraints = [
            *VersionedReference.Meta.constraints,
            models.UniqueConstraint(
                fields=["regime", "hs_prefix", "effective_from"],
                name="%(app_label)s_%(class)s_unique_version",
                violation_error_message=_(
                    "This HS prefix already has a row of this regime from that day; edit it."
                ),
            ),
        ]

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        super().clean()
        if not (self.hs_prefix.isdigit() and len(self.hs_prefix) in (4, 6, 8)):
            raise ValidationError(
                {"hs_prefix": _("Write the HS prefix as 4, 6 or 8 digits without dots.")}
            )

    def __str__(self) -> str:
        return f"{self.hs_prefix} {self.product}"


class TimeLimit(VersionedReference):
    """A time limit of the declaration procedure in working days (e.g. 5 working days to check
    a complete file and issue the receipt notice, TT 28/2012), in force over a period."""

    step = models.CharField(_("procedure step"), max_length=48)
    working_days = models.PositiveSmallIntegerField(_("working days"))

    class Meta(VersionedReference.Meta):
        verbose_name = _("declaration time limit")
        verbose_name_plural = _("declaration time limits")
        ordering = ["step", "effective_from"]
        constraints = [
            *VersionedReference.Meta.constraints,
            models.UniqueConstraint(
                fields=["step", "effective_from"],
                name="%(app_label)s_%(class)s_unique_version",
                violation_error_message=_(
                    "This step already has a version starting on that day; edit that version."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.step}: {self.working_days}"
