"""Organisations the authority deals with: businesses, agencies, verification bodies, labs."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import AuditedModel
from tdc.core.roles import Role
from tdc.core.scoping import ScopedQuerySet, ScopeSpec
from tdc.registry.choices import OrganisationKind, OrganisationStatus

_PROVINCE_STAFF = {Role.PROVINCIAL_LEADER, Role.PROVINCIAL_OFFICER, Role.SYSTEM_ADMIN}


class Organisation(AuditedModel):
    """A legal or business entity: enterprise, household business, agency, lab or body.

    Placed in a province (and a commune where known); a business user or a verification
    organisation's staff sees only their own organisation.
    """

    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    name = models.CharField(_("full name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    english_name = models.CharField(_("English name"), max_length=255, blank=True)
    tax_code = models.CharField(
        _("tax code"),
        max_length=14,
        null=True,
        blank=True,
        help_text=_("10 digits, or 13 with the branch suffix (e.g. 0312345678-001)."),
    )
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    commune = models.ForeignKey(
        "places.Commune",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    legacy_address = models.CharField(
        _("address before 1 July 2025"),
        max_length=255,
        blank=True,
        help_text=_("The address as written under the old provinces and districts, kept as given."),
    )
    legal_representative = models.CharField(_("legal representative"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=OrganisationStatus.choices,
        default=OrganisationStatus.ACTIVE,
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    scope = ScopeSpec(
        province="province_id",
        commune="commune_id",
        organisation="pk",
        roles={
            "view": {
                *_PROVINCE_STAFF,
                Role.NATIONAL_USER,
                Role.COMMUNE_OFFICER,
                Role.INSPECTOR,
                Role.VERIFICATION_STAFF,
                Role.BUSINESS_USER,
            },
            "export": {*_PROVINCE_STAFF, Role.NATIONAL_USER, Role.COMMUNE_OFFICER},
            "create": {*_PROVINCE_STAFF, Role.COMMUNE_OFFICER},
            "change": {*_PROVINCE_STAFF, Role.COMMUNE_OFFICER, Role.BUSINESS_USER},
            "archive": _PROVINCE_STAFF,
        },
    )
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["tax_code"],
                condition=Q(tax_code__isnull=False),
                name="%(app_label)s_%(class)s_unique_tax_code",
                violation_error_message=_("Another organisation already has this tax code."),
            ),
        ]
        indexes = [
            # Organisation list of one province, sorted by name.
            models.Index(fields=["province", "name"], name="registry_org_prov_name_idx"),
            # Commune officers' organisation list.
            models.Index(fields=["commune", "name"], name="registry_org_commune_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:organisation_detail", args=[self.pk])
