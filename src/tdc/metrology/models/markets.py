"""Markets, the reference weights and scales they keep, and checks of them (TT 09/2017)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.models import AuditedModel
from tdc.core.roles import Role
from tdc.core.scoping import ScopeSpec
from tdc.metrology.choices import MarketCheckResult, MarketStatus, ReferenceWeightKind
from tdc.metrology.models.base import OFFICIAL_READERS, PROVINCE_EDITORS, MetrologyQuerySet

_MARKET_ROLES = {
    "view": OFFICIAL_READERS | {Role.BUSINESS_USER},
    "export": OFFICIAL_READERS,
    "create": PROVINCE_EDITORS | {Role.COMMUNE_OFFICER},
    # Adding reference weights and check records happens on the market page: same roles.
    "change": PROVINCE_EDITORS | {Role.COMMUNE_OFFICER},
    "archive": PROVINCE_EDITORS | {Role.COMMUNE_OFFICER},
}

_CHECK_ROLES = {
    "view": OFFICIAL_READERS | {Role.BUSINESS_USER},
    "export": OFFICIAL_READERS,
    "create": PROVINCE_EDITORS | {Role.COMMUNE_OFFICER},
    "change": PROVINCE_EDITORS | {Role.COMMUNE_OFFICER},
    "archive": PROVINCE_EDITORS,
}


class Market(AuditedModel):
    """A market where goods are sold by weight, run by a management board (TT 09/2017)."""

    name = models.CharField(_("name"), max_length=255)
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="markets",
    )
    commune = models.ForeignKey(
        "places.Commune",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="markets",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    management_board = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("management board"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="markets_managed",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=MarketStatus.choices, default=MarketStatus.OPEN
    )
    notes = models.TextField(_("notes"), blank=True)

    scope = ScopeSpec(
        province="province_id",
        commune="commune_id",
        organisation="management_board_id",
        roles=_MARKET_ROLES,
    )
    objects = MetrologyQuerySet.as_manager()

    class Meta:
        verbose_name = _("market")
        verbose_name_plural = _("markets")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "name"],
                name="%(app_label)s_%(class)s_unique_name",
                violation_error_message=_(
                    "This commune already has a market with this name; open that record instead."
                ),
            ),
        ]
        indexes = [
            # Market list of a province.
            models.Index(fields=["province", "name"], name="metrology_market_prov_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("metrology:market_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.commune_id and self.province_id and self.commune.province_id != self.province_id:
            raise ValidationError(
                {"commune": _("This commune is not in the chosen province; choose one that is.")}
            )


class ReferenceWeight(AuditedModel):
    """A reference weight or scale a market keeps for buyers to check what they bought."""

    market = models.ForeignKey(
        Market,
        verbose_name=_("market"),
        on_delete=models.PROTECT,
        related_name="reference_weights",
    )
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=ReferenceWeightKind.choices,
        default=ReferenceWeightKind.WEIGHT,
    )
    nominal_value = models.DecimalField(
        _("nominal value or Max"),
        max_digits=12,
        decimal_places=3,
        validators=[MinValueValidator(0)],
    )
    unit = models.CharField(_("unit"), max_length=8, default="kg")
    accuracy_class = models.CharField(_("accuracy class"), max_length=16, blank=True)
    serial_number = models.CharField(_("serial number"), max_length=64, blank=True)
    instrument = models.ForeignKey(
        "metrology.Instrument",
        verbose_name=_("registered instrument"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="market_reference_uses",
        help_text=_("The register entry, when the weight or scale is registered as an instrument."),
    )
    last_verified_on = models.DateField(_("last verified on"), null=True, blank=True)
    verification_valid_until = models.DateField(
        _("verification valid until"), null=True, blank=True
    )
    certificate_number = models.CharField(_("certificate number"), max_length=64, blank=True)
    in_use = models.BooleanField(_("in use"), default=True)

    scope = ScopeSpec(
        province="market__province_id",
        commune="market__commune_id",
        organisation="market__management_board_id",
        roles=_MARKET_ROLES,
    )
    objects = MetrologyQuerySet.as_manager()

    class Meta:
        verbose_name = _("reference weight or scale")
        verbose_name_plural = _("reference weights and scales")
        ordering = ["market", "kind", "nominal_value", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.nominal_value} {self.unit}"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if (
            self.last_verified_on
            and self.verification_valid_until
            and self.verification_valid_until < self.last_verified_on
        ):
            errors["verification_valid_until"] = _(
                "The verification expires before it was made; correct one of the dates."
            )
        if errors:
            raise ValidationError(errors)


class MarketCheck(AuditedModel):
    """A check of a market's scales and reference weights by a commune or provincial officer."""

    market = models.ForeignKey(
        Market, verbose_name=_("market"), on_delete=models.PROTECT, related_name="checks"
    )
    checked_on = models.DateField(_("date of the check"))
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        on_delete=models.PROTECT,
        related_name="market_checks",
    )
    scales_checked = models.PositiveIntegerField(_("scales checked"), default=0)
    scales_failed = models.PositiveIntegerField(_("scales outside the error allowed"), default=0)
    result = models.CharField(
        _("result"),
        max_length=16,
        choices=MarketCheckResult.choices,
        default=MarketCheckResult.COMPLIANT,
    )
    findings = models.TextField(_("findings"), blank=True)

    scope = ScopeSpec(
        province="market__province_id",
        commune="market__commune_id",
        organisation="market__management_board_id",
        roles=_CHECK_ROLES,
    )
    objects = MetrologyQuerySet.as_manager()

    class Meta:
        verbose_name = _("market check")
        verbose_name_plural = _("market checks")
        ordering = ["-checked_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scales_failed__lte=models.F("scales_checked")),
                name="%(app_label)s_%(class)s_failed_le_checked",
                violation_error_message=_(
                    "More scales failed than were checked; correct the two counts."
                ),
            ),
        ]
        indexes = [
            # Check history of a market, newest first.
            models.Index(fields=["market", "-checked_on"], name="metrology_mcheck_market_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.market} — {self.checked_on:%d/%m/%Y}"
