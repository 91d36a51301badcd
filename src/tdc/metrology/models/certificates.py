"""Verification certificates (TT 24/2013 Art. 41) and verification sticker/stamp stock."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import AuditedModel
from tdc.core.roles import Role
from tdc.core.scoping import ScopeSpec
from tdc.metrology.choices import CertificateStatus, StampKind
from tdc.metrology.models.base import (
    OFFICIAL_READERS,
    PROVINCE_EDITORS,
    READERS,
    STATE_READERS,
    MetrologyQuerySet,
    organisation_of,
)


def public_status(status: str, valid_until: dt.date | None, today: dt.date) -> str:
    """valid, expired, suspended or revoked, as the public page shows a certificate with this
    status and validity on ``today``."""
    if status != CertificateStatus.VALID:
        return str(status)
    if valid_until is not None and valid_until < today:
        return "expired"
    return str(CertificateStatus.VALID)


def new_public_code() -> str:
    """A random, unguessable, URL-safe code for the certificate's public page (128 bits)."""
    return secrets.token_urlsafe(16)


class Certificate(AuditedModel):
    """A verification certificate (Giấy chứng nhận kiểm định, Mẫu 18, TT 24/2013 Art. 41).

    The fields printed on the certificate are copied from the verification and the register
    when it is issued, so later edits of the register never change an issued document. Its
    public page ``/tra-cuu/kiem-dinh/<public_code>`` shows the current status; “expired”
    follows from ``valid_until``.
    """

    verification = models.OneToOneField(
        "metrology.Verification",
        verbose_name=_("verification"),
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    number = models.CharField(_("certificate number"), max_length=64)
    public_code = models.CharField(
        _("public code"), max_length=32, unique=True, default=new_public_code, editable=False
    )
    issued_by = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="metrology_certificates_issued",
    )
    issued_on = models.DateField(_("date of issue"))
    # Fields of TT 24/2013 Art. 41, as printed.
    instrument_name = models.CharField(_("instrument"), max_length=255)
    instrument_model = models.CharField(_("model"), max_length=100, blank=True)
    serial_number = models.CharField(_("serial number"), max_length=64)
    manufacturer = models.CharField(_("manufacturer"), max_length=150, blank=True)
    manufacturer_country = models.CharField(_("country of manufacture"), max_length=64, blank=True)
    characteristics = models.CharField(
        _("main metrological characteristics"),
        max_length=255,
        blank=True,
        help_text=_("Range and accuracy class (or MPE, smallest division), per range if several."),
    )
    owner_name = models.CharField(_("owner"), max_length=255)
    owner_address = models.CharField(_("owner address"), max_length=255, blank=True)
    place = models.CharField(_("place of verification"), max_length=255, blank=True)
    method = models.CharField(
        _("method"),
        max_length=255,
        blank=True,
        help_text=_("Number and title of the ĐLVN procedure."),
    )
    conclusion = models.CharField(
        _("result"), max_length=255, default="Đạt yêu cầu kỹ thuật đo lường"
    )
    stamp_serial = models.CharField(_("sticker serial"), max_length=64, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    verifier_name = models.CharField(_("verifier"), max_length=150)
    signatory_name = models.CharField(_("signed by"), max_length=150, blank=True)
    signatory_title = models.CharField(_("title of the signatory"), max_length=150, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CertificateStatus.choices,
        default=CertificateStatus.VALID,
    )
    status_reason = models.CharField(_("reason for the status"), max_length=255, blank=True)
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="metrology/certificates/%Y/%m/", blank=True)
    # Copied for scoping, like on the verification.
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    commune = models.ForeignKey(
        "places.Commune",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    owner = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("owner organisation"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    scope = ScopeSpec(
        province="province_id",
        commune="commune_id",
        organisation="issued_by_id",
        roles={
            "view": READERS,
            "export": OFFICIAL_READERS | {Role.VERIFICATION_STAFF},
            "create": {Role.SYSTEM_ADMIN, Role.VERIFICATION_STAFF},
            "change": {Role.SYSTEM_ADMIN, Role.VERIFICATION_STAFF},
            # Suspending or revoking an issued certificate.
            "approve": PROVINCE_EDITORS | {Role.VERIFICATION_STAFF},
            "archive": PROVINCE_EDITORS | {Role.VERIFICATION_STAFF},
        },
    )
    objects = MetrologyQuerySet.as_manager()

    class Meta:
        verbose_name = _("verification certificate")
        verbose_name_plural = _("verification certificates")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["issued_by", "number"],
                name="%(app_label)s_%(class)s_unique_number",
                violation_error_message=_(
                    "This organisation has already issued a certificate with this number."
                ),
            ),
        ]
        # The public lookup /tra-cuu/kiem-dinh/<code> reads the unique index on public_code.
        indexes = [
            # Certificates of an organisation by date (organisation's certificate list).
            models.Index(fields=["issued_by", "-issued_on"], name="metrology_cert_issuer_idx"),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("metrology:certificate_detail", args=[self.pk])

    @staticmethod
    def scope_extra_q(user: Any, level: str) -> Q | None:
        """Business users see the certificates of their own instruments."""
        org = organisation_of(user, level)
        if org is None or getattr(user, "role", None) != Role.BUSINESS_USER:
            return None
        return Q(owner_id=org)

    def public_status(self, today: dt.date) -> str:
        """valid, expired, suspended or revoked, as shown on the public page."""
        return public_status(self.status, self.valid_until, today)


_STOCK_ROLES = {
    "view": STATE_READERS | {Role.VERIFICATION_STAFF},
    "export": STATE_READERS | {Role.VERIFICATION_STAFF},
    "create": PROVINCE_EDITORS,
    "change": PROVINCE_EDITORS | {Role.VERIFICATION_STAFF},
    "archive": PROVINCE_EDITORS,
}


class StampBatch(AuditedModel):
    """A range of sticker or stamp serials issued to a verification organisation."""

    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("verification organisation"),
        on_delete=models.PROTECT,
        related_name="stamp_batches",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=StampKind.choices)
    prefix = models.CharField(
        _("serial prefix"),
        max_length=16,
        blank=True,
        help_text=_("Letters printed before the number."),
    )
    first_number = models.PositiveBigIntegerField(_("first number"))
    last_number = models.PositiveBigIntegerField(_("last number"))
    number_width = models.PositiveSmallIntegerField(
        _("digits"), default=7, help_text=_("Numbers are printed with leading zeros to this width.")
    )
    issued_on = models.DateField(_("date issued"))
    notes = models.TextField(_("notes"), blank=True)

    scope = ScopeSpec(
        province="organisation__province_id", organisation="organisation_id", roles=_STOCK_ROLES
    )
    objects = MetrologyQuerySet.as_manager()

    class Meta:
        verbose_name = _("sticker or stamp batch")
        verbose_name_plural = _("sticker and stamp batches")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_number__gte=models.F("first_number")),
                name="%(app_label)s_%(class)s_range_order",
                violation_error_message=_(
                    "The last number comes before the first; correct the range."
                ),
            ),
        ]
        indexes = [
            # Stock report of an organisation by kind.
            models.Index(fields=["organisation", "kind"], name="metrology_stampbatch_org_idx"),
        ]

    def __str__(self) -> str:
        first, last = self.serial(self.first_number), self.serial(self.last_number)
        return f"{self.get_kind_display()} {first}–{last}"

    def get_absolute_url(self) -> str:
        return reverse("metrology:stamp_batch_detail", args=[self.pk])

    def serial(self, number: int) -> str:
        """The printed serial of a number of this batch."""
        return f"{self.prefix}{number:0{self.number_width}d}"

    @property
    def size(self) -> int:
        return self.last_number - self.first_number + 1

    def clean(self) -> None:
        super().clean()
        if (
            self.first_number is not None
            and self.last_number is not None
            and self.last_number < self.first_number
        ):
            raise ValidationError(
                {"last_number": _("The last number comes before the first; correct the range.")}
            )


class StampUse(AuditedModel):
    """One sticker or stamp serial put on an instrument at a verification, or voided.

    A serial can be used once per kind: the database refuses a second use.
    """

    batch = models.ForeignKey(
        StampBatch,
        verbose_name=_("batch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="uses",
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("verification organisation"),
        on_delete=models.PROTECT,
        related_name="stamp_uses",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=StampKind.choices)
    serial = models.CharField(_("serial"), max_length=64)
    number = models.PositiveBigIntegerField(_("number"), null=True, blank=True)
    verification = models.ForeignKey(
        "metrology.Verification",
        verbose_name=_("verification"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stamp_uses",
    )
    used_on = models.DateField(_("date"))
    voided = models.BooleanField(_("voided"), default=False)
    void_reason = models.CharField(_("reason for voiding"), max_length=255, blank=True)

    scope = ScopeSpec(
        province="organisation__province_id", organisation="organisation_id", roles=_STOCK_ROLES
    )
    objects = MetrologyQuerySet.as_manager()

    class Meta:
        verbose_name = _("sticker or stamp use")
        verbose_name_plural = _("sticker and stamp uses")
        ordering = ["-used_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "serial"],
                name="%(app_label)s_%(class)s_unique_serial",
                violation_error_message=_(
                    "This serial has already been used or voided; take the next one from stock."
                ),
            ),
            models.CheckConstraint(
                condition=Q(voided=True) | Q(verification__isnull=False),
                name="%(app_label)s_%(class)s_used_or_voided",
                violation_error_message=_(
                    "A serial is either put on a verified instrument or voided."
                ),
            ),
        ]
        indexes = [
            # Stock report: used serials of a batch.
            models.Index(fields=["batch", "number"], name="metrology_stampuse_batch_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.serial}"

    def clean(self) -> None:
        super().clean()
        if self.voided and not self.void_reason:
            raise ValidationError({"void_reason": _("Say why the serial is voided.")})
