"""Encryption of reporters' identities at rest (Fernet, with key rotation).

The keys come from ``TDC_COMPLAINT_KEY`` (or ``TDC_COMPLAINT_KEY_FILE``): one or more Fernet
keys separated by commas, the first one encrypting and all of them decrypting
(:class:`cryptography.fernet.MultiFernet`). To rotate, put a new key first, keep the old ones
after it, run ``tdc complaint_rotate_key``, then drop the old keys.

Nothing here logs or raises with the plaintext in the message.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

IDENTITY_FIELDS = ("name", "phone", "email", "address")


class IdentityUnreadable(Exception):  # noqa: N818 - a state of the data, not a bug
    """The stored identity cannot be decrypted with any configured key."""


def configured_keys() -> list[str]:
    return [k for k in getattr(settings, "TDC_COMPLAINT_KEYS", []) if k]


def key_problems(keys: list[str]) -> list[str]:
    """Which configured keys are not valid Fernet keys (by position, never by value)."""
    problems = []
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode())
        except (ValueError, TypeError):
            problems.append(
                f"key {position} of TDC_COMPLAINT_KEY is not a Fernet key (32 url-safe "
                "base64-encoded bytes)"
            )
    return problems


@lru_cache(maxsize=4)
def _cipher(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(k.encode()) for k in keys])


def cipher() -> MultiFernet:
    keys = configured_keys()
    if not keys:
        raise ImproperlyConfigured(
            "TDC_COMPLAINT_KEY is not set: reporters' identities cannot be encrypted. Generate a "
            "key with `tdc complaint_rotate_key --generate` and set it (see .env.example)."
        )
    problems = key_problems(keys)
    if problems:
        raise ImproperlyConfigured("; ".join(problems))
    return _cipher(tuple(keys))


def generate_key() -> str:
    return Fernet.generate_key().decode()


def encrypt_identity(identity: dict[str, Any]) -> str:
    """The identity (name, phone, e-mail, address) as one Fernet token; empty when none given."""
    cleaned = {k: str(identity.get(k) or "").strip() for k in IDENTITY_FIELDS}
    if not any(cleaned.values()):
        return ""
    payload = json.dumps(cleaned, ensure_ascii=False).encode()
    return cipher().encrypt(payload).decode()


def decrypt_identity(token: str) -> dict[str, str]:
    if not token:
        return dict.fromkeys(IDENTITY_FIELDS, "")
    try:
        data = json.loads(cipher().decrypt(token.encode()))
    except InvalidToken as exc:
        raise IdentityUnreadable from exc
    return {k: str(data.get(k, "")) for k in IDENTITY_FIELDS}


def rotate_token(token: str) -> str:
    """The same identity encrypted with the first (newest) key."""
    if not token:
        return token
    try:
        return cipher().rotate(token.encode()).decode()
    except InvalidToken as exc:
        raise IdentityUnreadable from exc
