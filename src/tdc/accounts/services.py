"""Writes to user accounts, each audited in the same transaction."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.models import ApiToken, User
from tdc.core.audit import audit_record, save_changes, snapshot
from tdc.core.exceptions import check_version
from tdc.core.models import AuditAction

USER_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "phone",
    "role",
    "province",
    "commune",
    "organisation",
    "is_active",
    "otp_exempt",
)


def _normalise_jurisdiction(user: User) -> None:
    if not user.province_id and user.commune is not None:
        user.province_id = user.commune.province_id


@transaction.atomic
def user_create(*, by: User | None, password: str | None = None, **fields: Any) -> User:
    """Create an account; the password is checked against the validators."""
    unknown = {name.removesuffix("_id") for name in fields} - set(USER_FIELDS)
    if unknown:
        raise TypeError(f"unknown user fields: {sorted(unknown)}")
    user = User(**fields)
    _normalise_jurisdiction(user)
    if password:
        validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    audit_record(actor=by, obj=user, action=AuditAction.CREATED)
    return user


@transaction.atomic
def user_update(
    *, user: User, by: User | None, expected_version: int | None = None, **fields: Any
) -> User:
    """Change account fields; a role change is audited as such."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    check_version(locked, expected_version)
    before = snapshot(locked)
    for name, value in fields.items():
        if name.removesuffix("_id") not in USER_FIELDS:
            raise TypeError(f"unknown user field: {name}")
        setattr(locked, name, value)
    _normalise_jurisdiction(locked)
    locked.full_clean(exclude=["password"])
    if not save_changes(locked, by=by, before=before):
        return locked
    action = AuditAction.ROLE_CHANGED if before["role"] != locked.role else AuditAction.UPDATED
    audit_record(actor=by, obj=locked, action=action, before=before)
    return locked


@transaction.atomic
def user_set_password(*, user: User, by: User | None, password: str) -> User:
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(actor=by, obj=user, action=AuditAction.PASSWORD_CHANGED, after={})
    return user


@transaction.atomic
def user_deactivate(*, user: User, by: User | None, reason: str) -> User:
    before = snapshot(user)
    user.is_active = False
    user.version += 1
    user.save(update_fields=["is_active", "version"])
    audit_record(
        actor=by, obj=user, action=AuditAction.ARCHIVED, before=before, details={"reason": reason}
    )
    return user


@transaction.atomic
def api_token_issue(*, user: User, by: User | None, days: int | None = None) -> str:
    """Issue a new API token for ``user`` and return its key (shown once; only its digest is
    kept). Any token still active is revoked: issuing is also how a token is rotated."""
    from tdc.accounts.api.auth import key_digest

    now = timezone.now()
    _revoke_active(user=user, by=by, now=now)
    key = "tdc_" + secrets.token_urlsafe(30)
    lifetime = settings.TDC_API_TOKEN_DAYS if days is None else days
    if lifetime < 1:
        raise ValidationError({"days": _("A token must be valid for at least one day.")})
    token = ApiToken.objects.create(
        user=user,
        digest=key_digest(key),
        prefix=key[:8],
        expires_at=now + dt.timedelta(days=lifetime),
    )
    audit_record(
        actor=by,
        obj=user,
        action=AuditAction.TOKEN_ISSUED,
        after={},
        details={"token": token.prefix, "expires_at": token.expires_at.isoformat()},
    )
    return key


def _revoke_active(*, user: User, by: User | None, now: dt.datetime) -> int:
    active = list(ApiToken.objects.filter(user=user, revoked_at__isnull=True, expires_at__gt=now))
    for token in active:
        token.revoked_at = now
        token.revoked_by = by
        token.save(update_fields=["revoked_at", "revoked_by"])
        audit_record(
            actor=by,
            obj=user,
            action=AuditAction.REVOKED,
            after={},
            details={"token": token.prefix},
        )
    return len(active)


@transaction.atomic
def api_token_revoke(*, user: User, by: User | None) -> int:
    """Revoke the user's active API tokens (the account page, an administrator, or
    ``tdc api_token USER --revoke``); returns how many were revoked."""
    return _revoke_active(user=user, by=by, now=timezone.now())


@transaction.atomic
def totp_device_confirm(*, user: User, device: Any) -> None:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(actor=user, obj=user, action=AuditAction.TWO_FACTOR_ENROLLED, after={})


@transaction.atomic
def user_force_password_reset(*, user: User, by: User) -> None:
    """An administrator makes the user choose a new password: the old one stops working at
    once, the user's API tokens are revoked, and a reset link is e-mailed (after commit)."""
    user.set_unusable_password()
    user.save(update_fields=["password"])
    revoked = _revoke_active(user=user, by=by, now=timezone.now())
    audit_record(
        actor=by,
        obj=user,
        action=AuditAction.PASSWORD_RESET,
        after={},
        details={"forced": True, "tokens_revoked": revoked, "mailed": bool(user.email)},
    )
    if user.email:
        transaction.on_commit(lambda: send_password_reset_mail(user))


@transaction.atomic
def user_reset_two_factor(*, user: User, by: User) -> int:
    """An administrator removes the user's authenticator devices (a lost phone): the next
    sign-in enrols a new one. Returns how many devices were removed."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    removed, _details = TOTPDevice.objects.filter(user=user).delete()
    audit_record(
        actor=by,
        obj=user,
        action=AuditAction.TWO_FACTOR_RESET,
        after={},
        details={"devices_removed": removed},
    )
    return removed


def send_password_reset_mail(user: User) -> None:
    """E-mail ``user`` a one-time link to choose a new password (Vietnamese by default)."""
    from django.contrib.auth.forms import PasswordResetForm
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password_reset_confirm", args=[uid, token])
    PasswordResetForm().send_mail(
        "accounts/email/password_reset_subject.txt",
        "accounts/email/password_reset_body.txt",
        {"user": user, "link": settings.TDC_PUBLIC_URL + path},
        None,
        user.email,
    )
