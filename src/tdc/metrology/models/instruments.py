"""The register of Group 2 measuring instruments in use."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import AuditedModel
from tdc.core.plausibility import Plausible
from tdc.core.roles import Role
from tdc.core.scoping import ScopeSpec
from tdc.metrology.choices import InstrumentStatus, ReverificationReason
from tdc.metrology.models.base import (
    OFFICIAL_READERS,
    PROVINCE_EDITORS,
    READERS,
    MetrologyQuerySet,
    organisation_of,
)


class Instrument(AuditedModel):
    """A Group 2 measuring instrument in service: who owns it, what it is, where it stands.

    Identified by its type, manufacturer and manufacturer's serial number (TT 24/2013 Art. 41:
    the instrument number on the certificate is the manufacturer's serial). ``next_due_date``
    is kept by the verification services so that due and overdue lists read one indexed column.
    """

    owner = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="instruments",
        db_index=False,  # leads metrology_instr_owner_due_idx
    )
    type_code = models.SlugField(
        _("instrument type"),
        max_length=64,
        help_text=_("Code of the Group 2 instrument type (see the Group 2 list)."),
    )
    manufacturer = models.CharField(_("manufacturer"), max_length=150)
    manufacturer_country = models.CharField(_("country of manufacture"), max_length=64, blank=True)
    model_name = models.CharField(_("model"), max_length=100, blank=True)
    serial_number = models.CharField(_("serial number"), max_length=64)
    manufactured_year = models.PositiveSmallIntegerField(
        _("year of manufacture"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    type_approval_number = models.CharField(
        _("type-approval decision number"), max_length=64, blank=True
    )
    type_approval_valid_from = models.DateField(
        _("type approval valid from"), null=True, blank=True
    )
    type_approval_valid_to = models.DateField(_("type approval valid to"), null=True, blank=True)
    accuracy_class = models.CharField(_("accuracy class"), max_length=16, blank=True)
    measuring_range = models.CharField(
        _("measuring range"), max_length=100, blank=True, help_text=_("As marked, e.g. 0–60 kg.")
    )
    max_capacity = models.DecimalField(
        _("Max"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    min_capacity = models.DecimalField(
        _("Min"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    verification_interval = models.DecimalField(
        _("verification scale interval e"),
        max_digits=20,
        decimal_places=6,
        null=True,
        blank=True,
    )
    scale_interval = models.DecimalField(
        _("actual scale interval d"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    unit = models.CharField(
        _("unit"), max_length=16, blank=True, help_text=_("e.g. kg, L, m³, kWh.")
    )
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="instruments",
        db_index=False,  # leads metrology_instr_prov_due_idx
    )
    commune = models.ForeignKey(
        "places.Commune",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="instruments",
        db_index=False,  # leads metrology_instr_comm_due_idx
    )
    address = models.CharField(_("address where used"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=InstrumentStatus.choices,
        default=InstrumentStatus.IN_USE,
    )
    status_reason = models.CharField(_("reason for the status"), max_length=255, blank=True)
    next_due_date = models.DateField(
        _("next verification due"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Valid-until date of the last passed verification; kept by the system."),
    )
    needs_reverification = models.BooleanField(
        _("re-verification required"), default=False, editable=False
    )
    reverification_reason = models.CharField(
        _("reason for re-verification"),
        max_length=16,
        choices=ReverificationReason.choices,
        blank=True,
        editable=False,
    )
    reverification_note = models.CharField(
        _("re-verification note"), max_length=255, blank=True, editable=False
    )
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True, editable=False)
    archive_reason = models.CharField(_("archive reason"), max_length=255, blank=True)
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    plausible = Plausible(
        positive=("max_capacity", "verification_interval", "scale_interval"),
        not_negative=("min_capacity",),
        ordered=(("type_approval_valid_from", "type_approval_valid_to"),),
    )

    scope = ScopeSpec(
        province="province_id",
        commune="commune_id",
        organisation="owner_id",
        roles={
            "view": READERS,
            "export": OFFICIAL_READERS | {Role.VERIFICATION_STAFF, Role.BUSINESS_USER},
            "create": PROVINCE_EDITORS | {Role.COMMUNE_OFFICER, Role.BUSINESS_USER},
            "change": PROVINCE_EDITORS | {Role.COMMUNE_OFFICER, Role.BUSINESS_USER},
            "archive": PROVINCE_EDITORS,
        },
    )
    objects = MetrologyQuerySet.as_manager()

    #: Fields compared to find the same instrument registered twice.
    IDENTITY: ClassVar[tuple[str, str, str]] = ("type_code", "manufacturer", "serial_number")

    class Meta:
        verbose_name = _("measuring instrument")
        verbose_name_plural = _("measuring instruments")
        ordering = ["type_code", "serial_number", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["type_code", "manufacturer", "serial_number"],
                name="%(app_label)s_%(class)s_unique_serial",
                violation_error_message=_(
                    "An instrument of this type, manufacturer and serial number is already "
                    "registered; open that record instead of registering it again."
                ),
            ),
            models.CheckConstraint(
                condition=Q(min_capacity__isnull=True)
                | Q(max_capacity__isnull=True)
                | Q(min_capacity__lte=models.F("max_capacity")),
                name="%(app_label)s_%(class)s_min_le_max",
                violation_error_message=_("Min must not exceed Max; correct one of them."),
            ),
        ]
        indexes = [
            # Due list by commune: instruments of one commune due before a date.
            models.Index(fields=["commune", "next_due_date"], name="metrology_instr_comm_due_idx"),
            # Due list and overdue rate of a province (officers' due list, dashboard counts).
            models.Index(fields=["province", "next_due_date"], name="metrology_instr_prov_due_idx"),
            # Business users' instrument list and due list by owner.
            models.Index(fields=["owner", "next_due_date"], name="metrology_instr_owner_due_idx"),
            # Instrument list filtered by type within a province; statistics by type.
            models.Index(fields=["province", "type_code"], name="metrology_instr_prov_type_idx"),
            # Reverse-traceability follow-up: instruments flagged for re-verification.
            models.Index(
                fields=["province"],
                condition=Q(needs_reverification=True),
                name="metrology_instr_reverify_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type_code} {self.manufacturer} {self.serial_number}"

    def get_absolute_url(self) -> str:
        return reverse("metrology:instrument_detail", args=[self.pk])

    @staticmethod
    def scope_extra_q(user: Any, level: str) -> Q | None:
        """Verification staff also see every instrument their organisation has verified."""
        org = organisation_of(user, level)
        if org is None or getattr(user, "role", None) != Role.VERIFICATION_STAFF:
            return None
        from tdc.metrology.models.verifications import Verification

        return Q(pk__in=Verification.objects.filter(organisation_id=org).values("instrument_id"))

    def duplicate_of(self) -> Instrument | None:
        """The already-registered instrument with the same type, manufacturer and serial."""
        if not (self.type_code and self.manufacturer and self.serial_number):
            return None
        qs = Instrument.objects.filter(
            type_code=self.type_code,
            manufacturer=self.manufacturer,
            serial_number=self.serial_number,
        ).select_related("owner")
        if self.pk:
            qs = qs.exclude(pk=self.pk)
        return qs.first()

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        existing = self.duplicate_of()
        if existing is not None:
            errors["serial_number"] = _(
                "Serial number {serial} of {manufacturer} ({type}) is already registered as "
                "instrument #{id}, owned by {owner}; open that record instead of registering it "
                "again."
            ).format(
                serial=existing.serial_number,
                manufacturer=existing.manufacturer,
                type=existing.type_code,
                id=existing.pk,
                owner=existing.owner.name,
            )
        if (
            self.type_approval_valid_from
            and self.type_approval_valid_to
            and self.type_approval_valid_to < self.type_approval_valid_from
        ):
            errors["type_approval_valid_to"] = _(
                "The type approval ends before it starts; correct one of the two dates."
            )
        if (
            self.commune_id
            and self.province_id
            and self.commune is not None
            and self.commune.province_id != self.province_id
        ):
            errors["commune"] = _(
                "This commune is not in the chosen province; choose a commune of that province."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None
