"""Designated verification organisations and their certified verifiers (TT 24/2013)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import AuditedModel
from tdc.core.roles import Role
from tdc.core.scoping import ScopeSpec
from tdc.metrology.choices import DesignationStatus, VerifierStatus
from tdc.metrology.models.base import (
    PROVINCE_EDITORS,
    STATE_READERS,
    MetrologyQuerySet,
    province_of,
)

_REGISTER_SCOPE_ROLES = {
    "view": STATE_READERS | {Role.VERIFICATION_STAFF},
    "export": STATE_READERS,
    "create": PROVINCE_EDITORS,
    "change": PROVINCE_EDITORS,
    "archive": PROVINCE_EDITORS,
    "approve": PROVINCE_EDITORS,
}


class Designation(AuditedModel):
    """A decision designating an organisation to verify Group 2 instruments (TT 24/2013 Art. 11–19).

    Covers a list of instrument types (by code) in a list of provinces, for five years from
    signature; it can be suspended (up to six months) or revoked, with a reason.
    """

    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("verification organisation"),
        on_delete=models.PROTECT,
        related_name="designations",
    )
    decision_number = models.CharField(_("decision number"), max_length=64)
    decision_date = models.DateField(_("decision date"))
    issued_by = models.CharField(
        _("issued by"),
        max_length=255,
        blank=True,
        help_text=_("The authority that signed the decision."),
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(
        _("valid to"), help_text=_("Five years from signature (TT 24/2013 Art. 15).")
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=DesignationStatus.choices,
        default=DesignationStatus.ACTIVE,
    )
    status_reason = models.CharField(_("reason for the status"), max_length=255, blank=True)
    suspended_until = models.DateField(_("suspended until"), null=True, blank=True)
    provinces = models.ManyToManyField(
        "places.Province",
        verbose_name=_("provinces covered"),
        related_name="metrology_designations",
        blank=True,
    )
    notes = models.TextField(_("notes"), blank=True)

    scope = ScopeSpec(
        province="organisation__province_id",
        organisation="organisation_id",
        roles=_REGISTER_SCOPE_ROLES,
    )
    objects = MetrologyQuerySet.as_manager()

    class Meta:
        verbose_name = _("designation decision")
        verbose_name_plural = _("designation decisions")
        ordering = ["-decision_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "decision_number"],
                name="%(app_label)s_%(class)s_unique_number",
                violation_error_message=_(
                    "This organisation already has a designation with this decision number; "
                    "open that decision instead."
                ),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__gte=models.F("valid_from")),
                name="%(app_label)s_%(class)s_valid_order",
                violation_error_message=_(
                    "The designation ends before it starts; correct one of the two dates."
                ),
            ),
        ]
        indexes = [
            # Check at verification time: designations of an organisation valid on a date.
            models.Index(
                fields=["organisation", "valid_from", "valid_to"],
                name="metrology_desig_org_valid_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision_number} — {self.organisation}"

    def get_absolute_url(self) -> str:
        return reverse("metrology:designation_detail", args=[self.pk])

    @staticmethod
    def scope_extra_q(user: Any, level: str) -> Q | None:
        """Provincial staff also see designations that cover their province."""
        province = province_of(user, level)
        if province is None:
            return None
        return Q(
            pk__in=Designation.provinces.through.objects.filter(province_id=province).values(
                "designation_id"
            )
        )

    def clean(self) -> None:
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError(
                {"valid_to": _("The designation ends before it starts; correct one of the dates.")}
            )

    def is_valid_on(self, day: Any) -> bool:
        """In force on ``day`` (dates) and not suspended or revoked now."""
        return self.status == DesignationStatus.ACTIVE and self.valid_from <= day <= self.valid_to


class DesignationInstrumentType(models.Model):
    """One instrument type (by code of the Group 2 list) a designation covers."""

    id = models.BigAutoField(primary_key=True)
    designation = models.ForeignKey(
        Designation,
        verbose_name=_("designation"),
        on_delete=models.CASCADE,
        related_name="instrument_types",
    )
    type_code = models.SlugField(_("instrument type"), max_length=64)

    class Meta:
        verbose_name = _("designated instrument type")
        verbose_name_plural = _("designated instrument types")
        constraints = [
            models.UniqueConstraint(
                fields=["designation", "type_code"],
                name="%(app_label)s_%(class)s_unique_type",
                violation_error_message=_("This type is already listed on the designation."),
            )
        ]
        indexes = [
            # Which organisations are designated for a type (verification checks, public list).
            models.Index(fields=["type_code"], name="metrology_desigtype_code_idx"),
        ]

    def __str__(self) -> str:
        return self.type_code


class Verifier(AuditedModel):
    """A certified verifier (kiểm định viên) of a designated organisation (TT 24/2013 Art. 29–37).

    Certified for some instrument types (fields); the certificate's validity follows the
    organisation's designation, so ``valid_to`` never passes the designation's end.
    """

    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("verification organisation"),
        on_delete=models.PROTECT,
        related_name="verifiers",
    )
    designation = models.ForeignKey(
        Designation,
        verbose_name=_("designation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="verifiers",
    )
    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="verifier_records",
    )
    full_name = models.CharField(_("full name"), max_length=150)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    card_number = models.CharField(
        _("verifier number"), max_length=32, help_text=_("Số hiệu kiểm định viên, on the card.")
    )
    decision_number = models.CharField(
        _("certification decision number"), max_length=64, blank=True
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    status = models.CharField(
        _("status"), max_length=16, choices=VerifierStatus.choices, default=VerifierStatus.ACTIVE
    )
    status_reason = models.CharField(_("reason for the status"), max_length=255, blank=True)

    scope = ScopeSpec(
        province="organisation__province_id",
        organisation="organisation_id",
        roles=_REGISTER_SCOPE_ROLES,
    )
    objects = MetrologyQuerySet.as_manager()

    class Meta:
        verbose_name = _("verifier")
        verbose_name_plural = _("verifiers")
        ordering = ["full_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["card_number"],
                name="%(app_label)s_%(class)s_unique_card",
                violation_error_message=_(
                    "A verifier with this number is already registered; open that record instead."
                ),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__gte=models.F("valid_from")),
                name="%(app_label)s_%(class)s_valid_order",
                violation_error_message=_(
                    "The certification ends before it starts; correct one of the two dates."
                ),
            ),
        ]
        indexes = [
            # Verifier list of an organisation.
            models.Index(fields=["organisation", "full_name"], name="metrology_verifier_org_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.card_number})"

    def get_absolute_url(self) -> str:
        return reverse("metrology:verifier_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = _("The certification ends before it starts; correct the dates.")
        if self.designation_id:
            designation = self.designation
            if designation and designation.organisation_id != self.organisation_id:
                errors["designation"] = _(
                    "This designation belongs to another organisation; choose one of the "
                    "verifier's organisation."
                )
            elif designation and self.valid_to and self.valid_to > designation.valid_to:
                errors["valid_to"] = _(
                    "A verifier's certification cannot outlast the designation (until "
                    "{day}); shorten it."
                ).format(day=designation.valid_to.strftime("%d/%m/%Y"))
        if errors:
            raise ValidationError(errors)

    def is_valid_on(self, day: Any) -> bool:
        return self.status == VerifierStatus.ACTIVE and self.valid_from <= day <= self.valid_to


class VerifierInstrumentType(models.Model):
    """One instrument type (field) a verifier is certified for."""

    id = models.BigAutoField(primary_key=True)
    verifier = models.ForeignKey(
        Verifier,
        verbose_name=_("verifier"),
        on_delete=models.CASCADE,
        related_name="instrument_types",
    )
    type_code = models.SlugField(_("instrument type"), max_length=64)

    class Meta:
        verbose_name = _("verifier field")
        verbose_name_plural = _("verifier fields")
        constraints = [
            models.UniqueConstraint(
                fields=["verifier", "type_code"],
                name="%(app_label)s_%(class)s_unique_type",
                violation_error_message=_("This type is already listed for the verifier."),
            )
        ]

    def __str__(self) -> str:
        return self.type_code
