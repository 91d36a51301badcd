"""Users of TĐC: a role and the jurisdiction it applies to."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdc.core.roles import ROLE_JURISDICTION, STAFF_ROLES, Jurisdiction, Role
from tdc.core.scoping import ScopedQuerySet, ScopeSpec

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class UserQuerySet(ScopedQuerySet["User"]):
    pass


# django-stubs cannot subclass a ``from_queryset`` class (typeddjango/django-stubs#1699), so
# mypy sees this manager's base as Any.
class TdcUserManager(UserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    pass


class User(AbstractUser):
    """A person signed in to TĐC, with one role over one jurisdiction.

    Nation-wide roles (system administrator, national user) carry no place; provincial roles
    carry a province; a commune officer a commune (and its province); verification-organisation
    staff and business users their organisation.
    """

    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    commune = models.ForeignKey(
        "places.Commune",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    otp_exempt = models.BooleanField(
        _("may skip two-factor sign-in"),
        default=False,
        help_text=_("Honoured only when the deployment allows it (demo installations)."),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    scope = ScopeSpec(
        province="province_id",
        commune="commune_id",
        organisation="organisation_id",
        roles={
            "view": {Role.SYSTEM_ADMIN},
            "create": {Role.SYSTEM_ADMIN},
            "change": {Role.SYSTEM_ADMIN},
            "archive": {Role.SYSTEM_ADMIN},
            "export": {Role.SYSTEM_ADMIN},
        },
    )
    objects: ClassVar[TdcUserManager] = TdcUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_absolute_url(self) -> str:
        return reverse("accounts:user_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        level = ROLE_JURISDICTION.get(self.role)
        errors: dict[str, StrOrPromise] = {}
        if level == Jurisdiction.PROVINCE and not self.province_id:
            errors["province"] = _("This role works within a province: choose the province.")
        if level == Jurisdiction.COMMUNE and not self.commune_id:
            errors["commune"] = _("A commune officer works within a commune: choose the commune.")
        if level == Jurisdiction.ORGANISATION and not self.organisation_id:
            errors["organisation"] = _("This role works for an organisation: choose it.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def jurisdiction_label(self) -> str:
        level = ROLE_JURISDICTION.get(self.role)
        if level == Jurisdiction.NATION:
            return str(_("Nation-wide"))
        if level == Jurisdiction.PROVINCE and self.province:
            return str(self.province)
        if level == Jurisdiction.COMMUNE and self.commune:
            return f"{self.commune}, {self.commune.province}"
        if level == Jurisdiction.ORGANISATION and self.organisation:
            return str(self.organisation)
        return "—"


class ApiToken(models.Model):
    """An API key of one user (``Authorization: Token <key>``).

    Only a SHA-256 digest of the key is stored: the key is shown once, when issued. A token
    expires (``TDC_API_TOKEN_DAYS``, 90 by default), can be revoked, and is refused when its
    user is inactive or locked out of sign-in.
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    digest = models.CharField(_("key digest"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(
        _("key prefix"),
        max_length=12,
        editable=False,
        help_text=_("The first characters of the key, to recognise it."),
    )
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        User,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @property
    def is_active(self) -> bool:
        from django.utils import timezone

        return self.revoked_at is None and self.expires_at > timezone.now()
