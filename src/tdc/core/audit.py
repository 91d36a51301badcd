"""Writing the audit trail. Services call these inside their own transaction."""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import uuid
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from tdc.core.bulk import bulk_insert
from tdc.core.changes import OtherChange
from tdc.core.context import client_ip_var, current_request_id
from tdc.core.models import AuditAction, AuditEvent

if TYPE_CHECKING:
    from tdc.accounts.models import User

#: Field names never copied into the trail.
_SECRET_FIELDS = frozenset({"password", "key", "secret", "reporter_identity"})


_PLAIN = frozenset({type(None), bool, int, float, str})


def _jsonable(value: Any) -> Any:
    if type(value) in _PLAIN or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, FieldFile):  # an empty one has no url: hasattr() would raise
        return value.name or None
    return str(value)


@functools.cache
def _snapshot_fields(model: type[models.Model]) -> tuple[tuple[str, str], ...]:
    """(name, attname) of the concrete fields a snapshot copies, worked out once per model."""
    return tuple(
        (field.name, field.attname)
        for field in model._meta.concrete_fields
        if field.name not in _SECRET_FIELDS
    )


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The concrete field values of ``obj`` as JSON-safe data (secrets left out)."""
    data: dict[str, Any] = {}
    for name, attname in _snapshot_fields(obj._meta.model):
        value = getattr(obj, attname)
        data[name] = value if type(value) in _PLAIN else _jsonable(value)
    return data


@functools.cache
def _direct_attnames(model: type[models.Model]) -> tuple[str | None, str | None, str | None] | None:
    """Attribute names of a ScopeSpec's paths when each is a field of the record itself."""
    spec = getattr(model, "scope", None)
    if spec is None:
        return None
    names: list[str | None] = []
    for path in (spec.province, spec.commune, spec.organisation):
        if not path:
            names.append(None)
        elif path == "pk":
            names.append("pk")
        elif "__" in path:
            return None
        else:
            names.append(getattr(model._meta.get_field(path), "attname", path))
    return names[0], names[1], names[2]


def _jurisdiction(obj: models.Model) -> tuple[str, str, int | None]:
    """Province code, commune code and organisation id of a record, read from its ScopeSpec."""
    model = obj._meta.model
    spec = getattr(model, "scope", None)
    if spec is None:
        return "", "", None
    direct = _direct_attnames(model)
    if direct is not None:
        province, commune, organisation = (
            getattr(obj, name, None) if name else None for name in direct
        )
        return (
            str(province) if province is not None else "",
            str(commune) if commune is not None else "",
            int(organisation) if organisation is not None else None,
        )

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
    details_ready: bool = False,
) -> AuditEvent:
    province, commune, organisation = _jurisdiction(obj)
    if details_ready and content_type is not None:
        # Bulk events: ids instead of related objects (no descriptor work per event).
        related: dict[str, Any] = {
            "actor_id": getattr(actor, "pk", None) or None,
            "content_type_id": content_type.pk,
        }
    else:
        related = {
            "actor": actor if getattr(actor, "pk", None) else None,
            "content_type": content_type or ContentType.objects.get_for_model(obj._meta.model),
        }
    return AuditEvent(
        **related,
        actor_label=_actor_label(actor),
        action=action,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        before=before,
        after=after,
        details=details if details_ready else _jsonable(details or {}),
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
) -> AuditEvent | None:
    """Write one audit event. ``after`` defaults to a snapshot of ``obj`` unless archived.

    An update that changed nothing (``before`` equals ``after`` apart from the version and the
    modification stamp, and no ``details``) is not an event: nothing is written, ``None`` is
    returned."""
    if after is None and action != AuditAction.DELETED:
        after = snapshot(obj)
    if action == AuditAction.UPDATED and not details and _same(before, after):
        return None
    event = _event(actor=actor, obj=obj, action=action, before=before, after=after, details=details)
    event.save()
    return event


#: Bookkeeping fields that change on every save and say nothing about the record itself.
_BOOKKEEPING = frozenset({"version", "modified_at", "modified_by", "modified_by_id"})


def _same(before: dict[str, Any] | None, after: dict[str, Any] | None) -> bool:
    if before is None or after is None:
        return False
    strip = lambda state: {k: v for k, v in state.items() if k not in _BOOKKEEPING}  # noqa: E731
    return strip(before) == strip(after)


def changed_fields(before: dict[str, Any], obj: models.Model) -> list[str]:
    """The fields of ``obj`` whose value differs from the ``before`` snapshot (bookkeeping
    fields aside): empty for an edit that changes nothing."""
    after = snapshot(obj)
    return sorted(
        name
        for name in set(before) | set(after)
        if name not in _BOOKKEEPING and before.get(name) != after.get(name)
    )


def bulk_events(
    *,
    actor: Any,
    objs: Iterable[models.Model],
    action: str,
    details: dict[str, Any] | None = None,
) -> Iterator[AuditEvent]:
    """One unsaved event per object (for imports and bulk updates), the details made JSON-safe
    once for all of them."""
    content_type: ContentType | None = None
    shared_details = _jsonable(details or {})
    for obj in objs:
        if content_type is None:
            content_type = ContentType.objects.get_for_model(obj._meta.model)
        yield _event(
            actor=actor,
            obj=obj,
            action=action,
            before=None,
            after=snapshot(obj),
            details=shared_details,
            content_type=content_type,
            details_ready=True,
        )


def bulk_event_values(
    *,
    actor: Any,
    objs: Iterable[models.Model],
    action: str,
    details: dict[str, Any] | None = None,
) -> Iterator[dict[str, Any]]:
    """The column values (by attribute name) of the events :func:`bulk_events` makes, without
    model instances: for writers that send rows straight to the database (tdc.core.pgcopy)."""
    content_type_id: int | None = None
    shared_details = _jsonable(details or {})
    common = {
        "occurred_at": timezone.now(),
        "actor_id": getattr(actor, "pk", None) or None,
        "actor_label": _actor_label(actor),
        "action": action,
        "before": None,
        "details": shared_details,
        "request_id": current_request_id(),
        "ip_address": client_ip_var.get(),
    }
    for obj in objs:
        if content_type_id is None:
            content_type_id = ContentType.objects.get_for_model(obj._meta.model).pk
        province, commune, organisation = _jurisdiction(obj)
        yield {
            **common,
            "content_type_id": content_type_id,
            "object_id": str(obj.pk),
            "object_repr": str(obj)[:255],
            "after": snapshot(obj),
            "province_code": province,
            "commune_code": commune,
            "organisation_id": organisation,
        }


def audit_bulk(
    *,
    actor: Any,
    objs: Sequence[models.Model] | Iterable[models.Model],
    action: str,
    details: dict[str, Any] | None = None,
    batch_size: int = 1000,
) -> int:
    """Bulk-create one event per object (for imports and bulk updates), inserted with
    :func:`tdc.core.bulk.bulk_insert` (``bulk_create`` without its per-value overhead)."""
    events: list[AuditEvent] = []
    count = 0
    for event in bulk_events(actor=actor, objs=objs, action=action, details=details):
        events.append(event)
        if len(events) >= batch_size:
            bulk_insert(AuditEvent, events, batch_size=batch_size)
            count += len(events)
            events = []
    if events:
        bulk_insert(AuditEvent, events, batch_size=batch_size)
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


def save_changes(obj: models.Model, *, by: User | None, before: dict[str, Any]) -> bool:
    """Save an edited record with a new version and its editor, unless the edit changed
    nothing (then nothing is written and ``False`` is returned, so no audit event follows)."""
    if not changed_fields(before, obj):
        return False
    obj.version += 1  # type: ignore[attr-defined]
    if hasattr(obj, "modified_by_id"):
        obj.modified_by = by  # type: ignore[attr-defined]
    obj.save()
    return True


def changes_since(obj: models.Model, version: int) -> list[OtherChange]:
    """What others changed on ``obj`` after it was at ``version``, from the audit trail: each
    field with its latest value, who changed it last and when (for conflict messages)."""
    ct = ContentType.objects.get_for_model(obj._meta.model)
    events = AuditEvent.objects.filter(content_type=ct, object_id=str(obj.pk)).order_by(
        "occurred_at", "id"
    )
    latest: dict[str, OtherChange] = {}
    for event in events:
        after, before = event.after or {}, event.before or {}
        if int(after.get("version") or 0) <= version:
            continue
        for name, value in after.items():
            if name in _BOOKKEEPING or before.get(name) == value:
                continue
            try:
                label = str(getattr(obj._meta.get_field(name), "verbose_name", name))
            except Exception:  # noqa: BLE001 - a field removed since the event was written
                label = name
            latest[name] = OtherChange(name, label, value, event.actor_label, event.occurred_at)
    return sorted(latest.values(), key=lambda change: change.label)
