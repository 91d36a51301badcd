"""Which error limit each verification kind uses, as versioned reference data (issue 11)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tdc.core.models import VersionedReference
from tdc.metrology.choices import LimitKind, MpeScheme, MpeStage


class VerificationLimit(VersionedReference):
    """For one MPE scheme (optionally one instrument type) and one kind of verification or
    inspection, which maximum permissible error applies: the initial-verification MPE or the
    in-service MPE, with the text that says so (``legal_basis``, ``source``, ``confidence``).

    A row for a specific ``type_code`` wins over the scheme-wide row (``type_code`` empty).
    Where no row covers a case, periodic and after-repair verification use the initial limits
    and the verdict says the choice is unconfirmed
    (:func:`tdc.metrology.selectors.verification_limit_on`).
    """

    USED_FOR = _(
        "The MPE each verification kind applies: verdicts of verifications, certificates and the "
        "MPE calculator."
    )

    scheme = models.CharField(_("MPE scheme"), max_length=32, choices=MpeScheme.choices)
    type_code = models.SlugField(
        _("instrument type"),
        max_length=64,
        blank=True,
        help_text=_("Leave empty for every type of the scheme; a type's own row wins."),
    )
    verification_kind = models.CharField(
        _("verification kind"), max_length=24, choices=LimitKind.choices
    )
    stage = models.CharField(
        _("limit applied"),
        max_length=16,
        choices=MpeStage.choices,
        help_text=_(
            "Initial-verification MPE, or the in-service MPE (initial × in-service factor)."
        ),
    )

    class Meta(VersionedReference.Meta):
        verbose_name = _("error limit by verification kind")
        verbose_name_plural = _("error limits by verification kind")
        ordering = ["scheme", "type_code", "verification_kind", "effective_from"]
        constraints = [
            *VersionedReference.Meta.constraints,
            models.UniqueConstraint(
                fields=["scheme", "type_code", "verification_kind", "effective_from"],
                name="%(app_label)s_%(class)s_unique_version",
                violation_error_message=_(
                    "This scheme, type and kind already have a version starting on that day; "
                    "edit that version instead."
                ),
            ),
        ]

    def __str__(self) -> str:
        target = self.type_code or self.get_scheme_display()
        return f"{target} — {self.get_verification_kind_display()}: {self.get_stage_display()}"


class RuleSetting(VersionedReference):
    """A number of the MPE rules or of the register that the fact base marks UNCONFIRMED, as
    effective-dated data with its source (issue 11): the in-service factors, the dispenser
    Emin rule, the IEC 62053-21 limits, the designation validity, the scale display limit.

    ``key`` is the rules table it replaces (``nawi.in_service``, ``fuel_dispenser.emin`` …);
    ``value`` is a number, or for a table an object of numbers (see the data file).
    """

    USED_FOR = _(
        "Numbers of the MPE rules (in-service factors, Emin, IEC limits, scale display limit) "
        "and the validity of designations."
    )

    key = models.CharField(_("rule"), max_length=64)
    value = models.JSONField(
        _("value"),
        help_text=_("A number (e.g. 2), or for a table an object of numbers as in the data file."),
    )
    description = models.CharField(_("what it is"), max_length=255, blank=True)

    class Meta(VersionedReference.Meta):
        verbose_name = _("rule setting")
        verbose_name_plural = _("rule settings")
        ordering = ["key", "effective_from"]
        constraints = [
            *VersionedReference.Meta.constraints,
            models.UniqueConstraint(
                fields=["key", "effective_from"],
                name="%(app_label)s_%(class)s_unique_version",
                violation_error_message=_(
                    "This rule already has a version starting on that day; edit that version "
                    "instead."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} @ {self.effective_from:%d/%m/%Y}"
