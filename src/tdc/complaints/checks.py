"""System check: the key that encrypts reporters' identities is configured and valid."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

from tdc.complaints.crypto import configured_keys, key_problems


@checks.register()
def check_complaint_key(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    keys = configured_keys()
    if not keys:
        hint = (
            "Set TDC_COMPLAINT_KEY (or TDC_COMPLAINT_KEY_FILE) to a Fernet key; generate one with "
            "`tdc complaint_rotate_key --generate`. Without it reporters' identities cannot be "
            "stored."
        )
        # Production (behind HTTPS, not debugging) must not start without it.
        if settings.DEBUG or not settings.TDC_HTTPS:
            return [
                checks.Warning("TDC_COMPLAINT_KEY is not set.", hint=hint, id="complaints.W001")
            ]
        return [checks.Error("TDC_COMPLAINT_KEY is not set.", hint=hint, id="complaints.E001")]
    return [
        checks.Error(
            problem,
            hint="Generate a key with `tdc complaint_rotate_key --generate`.",
            id="complaints.E002",
        )
        for problem in key_problems(keys)
    ]
