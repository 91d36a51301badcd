"""Writes to user accounts, each audited in the same transaction."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from rest_framework.authtoken.models import Token

from tdc.accounts.models import User
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
def api_token_issue(*, user: User, by: User | None) -> str:
    """Create (or rotate) the user's API token and return its key."""
    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    audit_record(actor=by, obj=user, action=AuditAction.TOKEN_ISSUED, after={})
    return token.key


@transaction.atomic
def totp_device_confirm(*, user: User, device: Any) -> None:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(actor=user, obj=user, action=AuditAction.TWO_FACTOR_ENROLLED, after={})
