"""Public complaints and whistle-blower reports about businesses, and how they are handled."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdc.complaints.choices import (
    ComplaintCategory,
    ComplaintSource,
    ComplaintStatus,
    HandlingLevel,
)
from tdc.core.models import AuditedModel, VersionedReference
from tdc.core.roles import Role
from tdc.core.scoping import ScopedQuerySet, ScopeSpec

_PROVINCE_STAFF = {Role.PROVINCIAL_LEADER, Role.PROVINCIAL_OFFICER}


class Complaint(AuditedModel):
    """A report from the public about a suspected violation by a business.

    Filed without an account at /phan-anh/ or through the public API, followed by the reporter
    with a tracking code. The reporter's name, phone, e-mail and address are stored only
    encrypted (``reporter_identity``) and are revealed to a complaint handler with a reason,
    each time leaving an audit event. Handled by the commune where it happened when the commune
    has officers, otherwise by the province.

    Businesses never see complaints (whistle-blower protection); a commune officer sees those
    placed in their commune, provincial staff those of their province.
    """

    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True, editable=False)
    category = models.CharField(_("category"), max_length=32, choices=ComplaintCategory.choices)
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    commune = models.ForeignKey(
        "places.Commune",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    address = models.CharField(
        _("address of the place"),
        max_length=255,
        blank=True,
        help_text=_("House number, street, market or station name."),
    )
    business_name = models.CharField(_("business named"), max_length=255, blank=True)
    business_tax_code = models.CharField(_("tax code of the business"), max_length=14, blank=True)
    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("organisation in the register"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
        help_text=_("Matched by tax code when the business is in the register."),
    )
    description = models.TextField(_("description"))
    anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_("The reporter gave no name or contact details."),
    )
    # Ciphertext only (Fernet token of name, phone, e-mail, address); never shown, never audited.
    reporter_identity = models.TextField(_("reporter identity (encrypted)"), blank=True)
    source = models.CharField(
        _("received through"),
        max_length=8,
        choices=ComplaintSource.choices,
        default=ComplaintSource.WEB,
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.RECEIVED,
    )
    handling_level = models.CharField(_("handled by"), max_length=16, choices=HandlingLevel.choices)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_complaints",
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    deadline = models.DateField(_("deadline"))
    deadline_basis = models.CharField(
        _("deadline rule used"),
        max_length=120,
        help_text=_("The version of the handling-period rule the deadline was computed with."),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    outcome = models.TextField(
        _("outcome (public)"),
        blank=True,
        help_text=_("Shown to the reporter on the tracking page; write nothing that identifies"),
    )
    inspection_ref = models.CharField(
        _("inspection"),
        max_length=64,
        blank=True,
        help_text=_("Number or reference of the inspection started from this complaint."),
    )

    scope = ScopeSpec(
        province="province_id",
        commune="commune_id",
        roles={
            "view": {
                *_PROVINCE_STAFF,
                Role.SYSTEM_ADMIN,
                Role.NATIONAL_USER,
                Role.COMMUNE_OFFICER,
                Role.INSPECTOR,
            },
            "export": {*_PROVINCE_STAFF, Role.SYSTEM_ADMIN},
            "change": {*_PROVINCE_STAFF, Role.COMMUNE_OFFICER},
            "archive": _PROVINCE_STAFF,
        },
    )
    objects = ScopedQuerySet.as_manager()

    #: What the handlers write (form, API, service); the public filing sets the rest.
    HANDLING_FIELDS: ClassVar = (
        "status",
        "handling_level",
        "assigned_to",
        "outcome",
        "inspection_ref",
    )
    #: What the complaint's page shows to the handlers (never the reporter's identity).
    DETAIL_FIELDS: ClassVar = (
        "tracking_code",
        "status",
        "category",
        "received_at",
        "deadline",
        "handling_level",
        "assigned_to",
        "province",
        "commune",
        "address",
        "business_name",
        "business_tax_code",
        "organisation",
        "description",
        "anonymous",
        "outcome",
        "inspection_ref",
        "verified_at",
        "resolved_at",
        "closed_at",
        "deadline_basis",
    )

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_at", "-id"]
        permissions = [
            ("reveal_reporter", _("Reveal the identity of complaint reporters")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(anonymous=False) | Q(reporter_identity=""),
                name="%(app_label)s_%(class)s_anonymous_has_no_identity",
                violation_error_message=_(
                    "An anonymous complaint carries no reporter details; untick “anonymous” or "
                    "leave the details empty."
                ),
            ),
        ]
        indexes = [
            # Complaint list of a province, newest first, filtered by status.
            models.Index(
                fields=["province", "status", "-received_at"], name="complaints_prov_status_idx"
            ),
            # Commune officers' complaint list.
            models.Index(fields=["commune", "-received_at"], name="complaints_commune_idx"),
            # Risk score: verified complaints about one organisation since a date.
            models.Index(
                fields=["organisation", "status", "received_at"], name="complaints_org_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_code

    def get_absolute_url(self) -> str:
        return reverse("complaints:complaint_detail", args=[self.pk])

    @property
    def public_url(self) -> str:
        return reverse("complaints_public:tracking_detail", args=[self.tracking_code])

    @property
    def has_identity(self) -> bool:
        return bool(self.reporter_identity)


class ComplaintNote(models.Model):
    """An internal note of the handling officers on a complaint (never shown to the public)."""

    id = models.BigAutoField(primary_key=True)
    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.PROTECT, related_name="notes"
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.text[:40]}"


class ComplaintHandlingPeriod(VersionedReference):
    """How many working days the authority has to handle a complaint, and from when it counts."""

    code = models.SlugField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=200)
    working_days = models.PositiveSmallIntegerField(_("working days"))
    count_from_receipt_day = models.BooleanField(
        _("the day of receipt counts as day one"), default=False
    )

    class Meta(VersionedReference.Meta):
        verbose_name = _("complaint handling period")
        verbose_name_plural = _("complaint handling periods")
        ordering = ["code", "effective_from"]
        constraints = [
            *VersionedReference.Meta.constraints,
            models.UniqueConstraint(
                fields=["code", "effective_from"],
                name="%(app_label)s_%(class)s_unique_version",
                violation_error_message=_(
                    "This period already has a version starting on that day; edit that version "
                    "instead."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.working_days})"
