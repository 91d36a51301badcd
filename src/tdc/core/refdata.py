"""Versioned reference data: loading from the repository, audited corrections, version labels.

Regulation is data (DESIGN.md §4). Each table of it is a concrete subclass of
:class:`tdc.core.models.VersionedReference` (``effective_from``, ``effective_to``,
``legal_basis``, ``source``, ``confidence``, ``notes``), read with ``in_force_on(day)``.

**Data files.** Rows live in YAML files committed under ``src/tdc/<app>/data/reference/``::

    model: core.StatutoryHoliday          # app_label.ModelName
    key: [group, effective_from]          # natural key: how a row is found again
    defaults:                             # merged into every row (optional)
      legal_basis: Bộ luật Lao động 2019, Điều 112
    rows:
      - {group: new_year, name: Tết Dương lịch, effective_from: 2021-01-01, ...}

``tdc load_reference`` loads every such file (:func:`load_reference_data`). Loading is
idempotent: a row found by its key is updated only when the file says something different, and
a row a system administrator has corrected (``modified_by`` set) is kept as corrected.

**Corrections** go through :func:`reference_row_update` (or :func:`reference_row_supersede` for
a new version from a date), which check the version the editor loaded and write an audit event.

**Version labels.** A computation that used reference rows stores their labels next to its
result, e.g. ``core.holidayscheduleday@2025-10-02#17`` (:func:`version_label`): the table, the
first day the row applies, and the row's id. The label never changes for a row, so the exact
row can be found again later, and a corrected row keeps its label while its audit trail shows
what changed.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import yaml
from django.apps import apps
from django.core.exceptions import (
    FieldDoesNotExist,
    ImproperlyConfigured,
    PermissionDenied,
    ValidationError,
)
from django.db import models, transaction
from django.utils.translation import gettext as _

from tdc.core.audit import audit_record, save_changes, snapshot
from tdc.core.exceptions import check_version
from tdc.core.models import AuditAction, VersionedReference
from tdc.core.roles import Action
from tdc.core.scoping import user_may

if TYPE_CHECKING:
    from tdc.accounts.models import User

#: Where each app keeps its reference data files, relative to the app's directory.
DATA_DIR = Path("data") / "reference"

#: Fields the loader and the editing service never set from outside.
_PROTECTED_FIELDS = frozenset(
    {"id", "created_at", "created_by", "modified_at", "modified_by", "version"}
)

_generation = 0
_generation_lock = threading.Lock()


def generation() -> int:
    """A counter that increases whenever reference data changes in this process.

    Caches built from reference data (the working-day calendar) compare it to know when to
    rebuild.
    """
    return _generation


def bump_generation() -> None:
    global _generation
    with _generation_lock:
        _generation += 1


def version_label(row: VersionedReference) -> str:
    """The stable label of the row a computation used: ``<app>.<model>@<effective_from>#<pk>``."""
    return row.version_label


def version_labels(rows: Iterable[VersionedReference]) -> list[str]:
    """Sorted, distinct labels of several rows."""
    return sorted({row.version_label for row in rows})


# --- Loading --------------------------------------------------------------------------------


@dataclass
class LoadResult:
    """What loading one data file did."""

    path: str
    model: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # corrected by an administrator, left as corrected
    labels: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged + self.kept


def reference_files() -> list[Path]:
    """Every reference data file of every installed app, in a stable order."""
    files: list[Path] = []
    for config in apps.get_app_configs():
        folder = Path(config.path) / DATA_DIR
        if folder.is_dir():
            files.extend(sorted(folder.glob("*.yaml")))
    return files


def _model_for(spec: dict[str, Any], path: Path) -> type[VersionedReference]:
    label = spec.get("model")
    if not isinstance(label, str):
        raise ImproperlyConfigured(f"{path}: give the table as `model: app_label.ModelName`.")
    model = apps.get_model(label)
    if not issubclass(model, VersionedReference):
        raise ImproperlyConfigured(f"{path}: {label} is not a VersionedReference table.")
    return model


def _check_fields(model: type[models.Model], names: Iterable[str], path: Path) -> None:
    known = {f.name for f in model._meta.concrete_fields} - _PROTECTED_FIELDS
    unknown = sorted(set(names) - known)
    if unknown:
        raise ImproperlyConfigured(
            f"{path}: {model._meta.label} has no field(s) {unknown}; known: {sorted(known)}."
        )


def _differs(obj: models.Model, values: dict[str, Any]) -> bool:
    """Whether the file's values differ from the row's, compared as the fields' Python types.

    Data files write decimals as strings ("0.5") and dates as dates; comparing raw values with
    the row's Decimal or date would report a change on every load.
    """
    for name, value in values.items():
        current = getattr(obj, name)
        try:
            field = obj._meta.get_field(name)
            if not isinstance(field, models.Field):  # a reverse relation: nothing to convert
                wanted = value
            else:
                wanted = field.to_python(value) if value is not None else None
        except (FieldDoesNotExist, ValidationError):
            wanted = value
        if current != wanted:
            return True
    return False


def load_file(path: Path) -> LoadResult:
    """Load one data file into its table (inside the caller's transaction)."""
    spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    model = _model_for(spec, path)
    key = list(spec.get("key") or [])
    if not key:
        raise ImproperlyConfigured(f"{path}: give the natural key as `key: [field, ...]`.")
    defaults: dict[str, Any] = dict(spec.get("defaults") or {})
    result = LoadResult(path=path.name, model=model._meta.label)
    manager = model._default_manager
    for number, raw in enumerate(spec.get("rows") or [], start=1):
        values = {**defaults, **raw}
        _check_fields(model, values, path)
        missing = [name for name in key if name not in values]
        if missing:
            raise ImproperlyConfigured(f"{path}: row {number} lacks key field(s) {missing}.")
        existing = manager.filter(**{name: values[name] for name in key}).first()
        if existing is None:
            obj = model(**values)
            action = AuditAction.IMPORTED
        elif existing.modified_by_id is not None:
            result.kept += 1
            result.labels.append(existing.version_label)
            continue
        elif not _differs(existing, values):
            result.unchanged += 1
            result.labels.append(existing.version_label)
            continue
        else:
            obj = existing
            for name, value in values.items():
                setattr(obj, name, value)
            obj.version += 1
            action = AuditAction.UPDATED
        try:
            obj.full_clean()
        except ValidationError as exc:
            raise ImproperlyConfigured(f"{path}: row {number} is not valid: {exc}") from exc
        before = snapshot(existing) if existing is not None else None
        obj.save()
        audit_record(actor=None, obj=obj, action=action, before=before, details={"file": path.name})
        if existing is None:
            result.created += 1
        else:
            result.updated += 1
        result.labels.append(obj.version_label)
    return result


@transaction.atomic
def load_reference_data(paths: Iterable[Path] | None = None) -> list[LoadResult]:
    """Load every reference data file (or the ones given); safe to run again."""
    results = [load_file(Path(p)) for p in (reference_files() if paths is None else paths)]
    transaction.on_commit(bump_generation)
    return results


# --- Corrections by administrators ----------------------------------------------------------


def _editable_fields(model: type[models.Model]) -> set[str]:
    return {
        f.name for f in model._meta.concrete_fields if f.editable and not f.primary_key
    } - _PROTECTED_FIELDS


def _require_admin(by: User, model: type[models.Model], action: str) -> None:
    if not user_may(by, model, action):
        raise PermissionDenied(
            _("Only a system administrator may change reference data; ask one to do it.")
        )


@transaction.atomic
def reference_row_update[R: VersionedReference](
    *, row: R, by: User, expected_version: int | None = None, reason: str = "", **fields: Any
) -> R:
    """Correct a reference row (a wrong date, a better source, a confirmed confidence).

    Only system administrators may; the change is audited with its reason. The loader will not
    overwrite the corrected row afterwards.
    """
    model = type(row)
    _require_admin(by, model, Action.CHANGE)
    unknown = sorted(set(fields) - _editable_fields(model))
    if unknown:
        raise TypeError(f"{model._meta.label} has no editable field(s) {unknown}")
    # mypy binds the manager's ``Self`` to the bound (VersionedReference), not to ``R``.
    locked = cast(R, model._default_manager.select_for_update().get(pk=row.pk))
    check_version(locked, expected_version)
    before = snapshot(locked)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    if not save_changes(locked, by=by, before=before):
        return locked
    audit_record(
        actor=by,
        obj=locked,
        action=AuditAction.UPDATED,
        before=before,
        details={"reason": reason, "version_label": locked.version_label},
    )
    bump_generation()
    transaction.on_commit(bump_generation)
    return locked


@transaction.atomic
def reference_row_supersede[R: VersionedReference](
    *, row: R, by: User, effective_from: dt.date, reason: str = "", **fields: Any
) -> R:
    """Start a new version of a reference row on ``effective_from``; the old one ends the day
    before. Both changes are audited; computations about earlier days keep using the old row.
    """
    model = type(row)
    _require_admin(by, model, Action.CREATE)
    if effective_from <= row.effective_from:
        raise ValidationError(
            {
                "effective_from": _(
                    "The new version must start after {day}, the first day of the current one; "
                    "to change the current version itself, edit it instead."
                ).format(day=row.effective_from.strftime("%d/%m/%Y"))
            }
        )
    old_end = effective_from - dt.timedelta(days=1)
    reference_row_update(row=row, by=by, reason=reason, effective_to=old_end)
    unknown = sorted(set(fields) - _editable_fields(model))
    if unknown:
        raise TypeError(f"{model._meta.label} has no editable field(s) {unknown}")
    values = {name: getattr(row, name) for name in _editable_fields(model)}
    values.update(fields, effective_from=effective_from, effective_to=fields.get("effective_to"))
    new = model(**values, created_by=by, modified_by=by)
    new.full_clean()
    new.save()
    audit_record(
        actor=by,
        obj=new,
        action=AuditAction.CREATED,
        details={"reason": reason, "supersedes": row.version_label},
    )
    return new
