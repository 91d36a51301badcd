"""Writing the audit trail. Services call these inside their own transaction."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from tdc.core.context import client_ip_var, current_request_id
from tdc.core.models import AuditAction, AuditEvent

#: Field names never copied into the trail.
_SECRET_FIELDS = frozenset({"password", "key", "secret", "reporter_identity"})


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if hasattr(value, "name") and hasattr(value, "url"):  # FieldFile
        return value.name or None
    return str(value)


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The concrete field values of ``obj`` as JSON-safe data (secrets left out)."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in _SECRET_FIELDS:
            continue
        data[field.name] = _jsonable(getattr(obj, field.attname))
    return data


def _jurisdiction(obj: models.Model) -> tuple[str, str, int | None]:
    """Province code, commune code and organisation id of a record, read from its ScopeSpec."""
    spec = getattr(obj._meta.model, "scope", None)
    if spec is None:
        return "", "", None

    def follow(path: str | None) -> Any:
        if not path:
            return None
        current: Any = obj
        parts = path.split("__")
        for i, part in enumerate(parts):
            if current is None:
                return None
            last = i == len(parts) - 1
            if part == "pk":
                return current.pk
            if last:
                field = current._meta.get_field(part)
                attname = getattr(field, "attname", part)
                return getattr(current, attname, None)
            current = getattr(current, part, None)
        return current

    province = follow(spec.province)
    commune = follow(spec.commune)
    organisation = follow(spec.organisation)
    return (
        str(province) if province is not None else "",
        str(commune) if commune is not None else "",
        int(organisation) if organisation is not None else None,
    )


def _actor_label(actor: Any) -> str:
    if actor is None:
        return "system"
    return str(getattr(actor, "username", "") or actor)[:150]


def _event(
    *,
    actor: Any,
    obj: models.Model,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    details: dict[str, Any] | None,
    content_type: ContentType | None = None,
) -> AuditEvent:
    province, commune, organisation = _jurisdiction(obj)
    return AuditEvent(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=_actor_label(actor),
        action=action,
        content_type=content_type or ContentType.objects.get_for_model(obj._meta.model),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        before=before,
        after=after,
        details=_jsonable(details or {}),
        request_id=current_request_id(),
        ip_address=client_ip_var.get(),
        province_code=province,
        commune_code=commune,
        organisation_id=organisation,
    )


def audit_record(
    *,
    actor: Any,
    obj: models.Model,
    action: str = AuditAction.UPDATED,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit event. ``after`` defaults to a snapshot of ``obj`` unless archived."""
    if after is None and action != AuditAction.DELETED:
        after = snapshot(obj)
    event = _event(actor=actor, obj=obj, action=action, before=before, after=after, details=details)
    event.save()
    return event


def audit_bulk(
    *,
    actor: Any,
    objs: Sequence[models.Model] | Iterable[models.Model],
    action: str,
    details: dict[str, Any] | None = None,
    batch_size: int = 1000,
) -> int:
    """Bulk-create one event per object (for imports and bulk updates)."""
    events: list[AuditEvent] = []
    count = 0
    content_type: ContentType | None = None
    for obj in objs:
        if content_type is None:
            content_type = ContentType.objects.get_for_model(obj._meta.model)
        events.append(
            _event(
                actor=actor,
                obj=obj,
                action=action,
                before=None,
                after=snapshot(obj),
                details=details,
                content_type=content_type,
            )
        )
        if len(events) >= batch_size:
            AuditEvent.objects.bulk_create(events, batch_size=batch_size)
            count += len(events)
            events = []
    if events:
        AuditEvent.objects.bulk_create(events, batch_size=batch_size)
        count += len(events)
    return count


def timeline_for(obj: models.Model, limit: int = 100) -> list[AuditEvent]:
    """The audit events of one record, newest first (for its detail page)."""
    ct = ContentType.objects.get_for_model(obj._meta.model)
    return list(
        AuditEvent.objects.filter(content_type=ct, object_id=str(obj.pk))
        .select_related("actor")
        .order_by("-occurred_at", "-id")[:limit]
    )
