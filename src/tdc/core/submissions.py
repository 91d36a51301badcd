"""Forms are submitted once: each rendered form carries a one-time token (``{% submission_token
%}``, or added by ``app.js`` to any form without one), and the first post claims it
(``tdc.core.middleware.SubmitOnceMiddleware``). A second post of the same render — a double
click, a resent request — is not processed: the user is sent to what the first one led to."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from tdc.core.models import FormSubmission

FIELD = "_submission"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
#: How long a used token is remembered.
KEEP = dt.timedelta(days=3)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_of(data: Any) -> str | None:
    """The form's token if it carries a well-formed one."""
    token = (data.get(FIELD) or "").strip()
    return token if _TOKEN.match(token) else None


def claim(token: str) -> FormSubmission | None:
    """Claim a token for the submission now being processed: ``None`` when it is fresh, else
    the earlier submission's row (its ``result_url`` is empty while that one is still running)."""
    try:
        with transaction.atomic():
            FormSubmission.objects.create(token=token, result_url="")
    except IntegrityError:
        return FormSubmission.objects.filter(token=token).first()
    return None


def settle(token: str, result_url: str | None) -> None:
    """Record where a successful submission led, or free the token of one that did not succeed
    (the form came back with errors: the user corrects it and sends it again)."""
    if result_url:
        FormSubmission.objects.filter(token=token).update(result_url=result_url[:500])
    else:
        FormSubmission.objects.filter(token=token, result_url="").delete()
    FormSubmission.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
