"""Per-request context (request id, client address) available to services without passing it."""

from __future__ import annotations

import contextvars
import uuid

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("tdc_request_id", default="")
client_ip_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "tdc_client_ip", default=None
)


def current_request_id() -> str:
    """The id of the request being served, or a fresh one for commands and tasks."""
    value = request_id_var.get()
    if not value:
        value = uuid.uuid4().hex
        request_id_var.set(value)
    return value
