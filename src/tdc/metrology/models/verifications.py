"""Verifications of instruments and the readings taken at each test point."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import AuditedModel
from tdc.core.plausibility import Plausible
from tdc.core.roles import Role
from tdc.core.scoping import ScopeSpec
from tdc.metrology.choices import (
    MpeStage,
    VerificationKind,
    VerificationPlace,
    VerificationResult,
)
from tdc.metrology.models.base import (
    OFFICIAL_READERS,
    PROVINCE_EDITORS,
    READERS,
    MetrologyQuerySet,
    organisation_of,
)


class Verification(AuditedModel):
    """One legal-metrology verification of one instrument (initial, periodic, after repair,
    cross-check) by a designated organisation and a certified verifier.

    ``province``, ``commune`` and ``type_code`` are copied from the instrument when the
    verification is recorded, so statistics and scoping read this table alone.
    ``valid_until`` follows from the cycle of the instrument-type row in force on
    ``verified_on``; ``rules_version`` names the reference rows and MPE tables used.
    """

    instrument = models.ForeignKey(
        "metrology.Instrument",
        verbose_name=_("instrument"),
        on_delete=models.PROTECT,
        related_name="verifications",
        db_index=False,  # leads metrology_verif_instr_idx
    )
    kind = models.CharField(_("kind"), max_length=16, choices=VerificationKind.choices)
    verified_on = models.DateField(_("verification date"))
    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("verification organisation"),
        on_delete=models.PROTECT,
        related_name="verifications_performed",
        db_index=False,  # leads metrology_verif_org_month_idx
    )
    verifier = models.ForeignKey(
        "metrology.Verifier",
        verbose_name=_("verifier"),
        on_delete=models.PROTECT,
        related_name="verifications",
    )
    standards = models.ManyToManyField(
        "metrology.MeasurementStandard",
        verbose_name=_("standards used"),
        through="metrology.VerificationStandard",
        related_name="verifications",
        blank=True,
    )
    place = models.CharField(
        _("place"),
        max_length=16,
        choices=VerificationPlace.choices,
        default=VerificationPlace.ON_SITE,
    )
    place_address = models.CharField(_("address of the verification"), max_length=255, blank=True)
    result = models.CharField(_("result"), max_length=8, choices=VerificationResult.choices)
    failure_reason = models.TextField(_("reason for failing"), blank=True)
    rules_version = models.CharField(
        _("rules version"),
        max_length=255,
        blank=True,
        help_text=_("Reference rows and MPE tables the verdict and validity were computed with."),
    )
    mpe_stage = models.CharField(
        _("error limit applied"),
        max_length=16,
        choices=MpeStage.choices,
        blank=True,
        default="",
        db_default="",  # the fast import's COPY leaves it out
        editable=False,
        help_text=_("Initial-verification or in-service MPE, as the limit data said that day."),
    )
    mpe_basis = models.CharField(
        _("why this limit"),
        max_length=255,
        blank=True,
        default="",
        db_default="",  # the fast import's COPY leaves it out
        editable=False,
        help_text=_("The limit row applied, its legal basis and its confidence."),
    )
    certificate_number = models.CharField(
        _("certificate number"), max_length=64, null=True, blank=True, editable=False
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True, editable=False)
    stamp_serial = models.CharField(_("sticker or stamp serial"), max_length=64, blank=True)
    type_code = models.SlugField(_("instrument type"), max_length=64, editable=False)
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        db_index=False,  # leads metrology_verif_prov_idx
        # province, commune and owner are copies of the instrument's (checked there), kept
        # for scoping and statistics: no second check per row (docs/adr/0008).
        db_constraint=False,
    )
    commune = models.ForeignKey(
        "places.Commune",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        db_constraint=False,
    )
    owner = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        db_index=False,  # leads metrology_verif_owner_idx
        db_constraint=False,
        help_text=_("Owner of the instrument on the verification date."),
    )
    notes = models.TextField(_("notes"), blank=True)

    plausible = Plausible(not_in_future=("verified_on",), ordered=(("verified_on", "valid_until"),))

    scope = ScopeSpec(
        province="province_id",
        commune="commune_id",
        organisation="organisation_id",
        roles={
            "view": READERS,
            "export": OFFICIAL_READERS | {Role.VERIFICATION_STAFF, Role.BUSINESS_USER},
            "create": {Role.SYSTEM_ADMIN, Role.VERIFICATION_STAFF},
            "change": {Role.SYSTEM_ADMIN, Role.VERIFICATION_STAFF},
            "archive": PROVINCE_EDITORS | {Role.VERIFICATION_STAFF},
        },
    )
    objects = MetrologyQuerySet.as_manager()

    class Meta:
        verbose_name = _("verification")
        verbose_name_plural = _("verifications")
        ordering = ["-verified_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "certificate_number"],
                condition=Q(certificate_number__isnull=False),
                name="%(app_label)s_%(class)s_unique_certificate",
                violation_error_message=_(
                    "This certificate number has already been given; a new number is allocated "
                    "automatically, submit again."
                ),
            ),
            models.CheckConstraint(
                condition=Q(result=VerificationResult.PASSED) | Q(valid_until__isnull=True),
                name="%(app_label)s_%(class)s_failed_not_valid",
                violation_error_message=_("A failed verification carries no validity date."),
            ),
        ]
        indexes = [
            # Verifications by organisation and month (organisation's list, monthly statistics).
            models.Index(
                fields=["organisation", "verified_on"], name="metrology_verif_org_month_idx"
            ),
            # Province statistics by month, type and result.
            models.Index(
                fields=["province", "verified_on", "type_code"], name="metrology_verif_prov_idx"
            ),
            # Verification history on the instrument page, newest first.
            models.Index(fields=["instrument", "-verified_on"], name="metrology_verif_instr_idx"),
            # Business users' verifications of their instruments.
            models.Index(fields=["owner", "-verified_on"], name="metrology_verif_owner_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.verified_on:%d/%m/%Y} — {self.instrument_id}"

    def get_absolute_url(self) -> str:
        return reverse("metrology:verification_detail", args=[self.pk])

    @staticmethod
    def scope_extra_q(user: Any, level: str) -> Q | None:
        """Business users see the verifications of their own instruments."""
        org = organisation_of(user, level)
        if org is None or getattr(user, "role", None) != Role.BUSINESS_USER:
            return None
        return Q(owner_id=org)


class VerificationStandard(models.Model):
    """A standard used in a verification, with the calibration certificate in force that day."""

    id = models.BigAutoField(primary_key=True)
    verification = models.ForeignKey(
        Verification,
        verbose_name=_("verification"),
        on_delete=models.CASCADE,
        related_name="standard_uses",
    )
    standard = models.ForeignKey(
        "metrology.MeasurementStandard",
        verbose_name=_("standard"),
        on_delete=models.PROTECT,
        related_name="verification_uses",
    )
    calibration = models.ForeignKey(
        "metrology.StandardCalibration",
        verbose_name=_("calibration certificate in force"),
        on_delete=models.PROTECT,
        related_name="verification_uses",
    )

    class Meta:
        verbose_name = _("standard used")
        verbose_name_plural = _("standards used")
        constraints = [
            models.UniqueConstraint(
                fields=["verification", "standard"],
                name="%(app_label)s_%(class)s_unique_standard",
                violation_error_message=_("This standard is already listed on the verification."),
            )
        ]
        indexes = [
            # Reverse traceability: every verification made with a standard since a date.
            models.Index(fields=["standard", "verification"], name="metrology_verifstd_std_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.standard_id} / {self.calibration_id}"


class VerificationPoint(models.Model):
    """One test point of a verification: the reference value, the reading and the verdict."""

    id = models.BigAutoField(primary_key=True)
    verification = models.ForeignKey(
        Verification,
        verbose_name=_("verification"),
        on_delete=models.CASCADE,
        related_name="points",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    reference = models.DecimalField(_("reference value"), max_digits=24, decimal_places=9)
    indication = models.DecimalField(_("indication"), max_digits=24, decimal_places=9)
    mpe = models.DecimalField(_("maximum permissible error"), max_digits=24, decimal_places=9)
    error = models.DecimalField(_("error"), max_digits=24, decimal_places=9)
    passed = models.BooleanField(_("passed"))
    conditions = models.JSONField(
        _("conditions"),
        default=dict,
        blank=True,
        help_text=_("Point parameters such as flow zone or water temperature."),
    )

    class Meta:
        verbose_name = _("test point")
        verbose_name_plural = _("test points")
        ordering = ["verification", "position", "id"]

    def __str__(self) -> str:
        return f"{self.reference} → {self.indication}"
