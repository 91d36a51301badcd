"""Inserting many new records at once, as ``QuerySet.bulk_create`` does but with less overhead.

Imports write tens of thousands of records and as many audit events in one transaction. Django's
``bulk_create`` prepares every value of every row through the insert compiler (expression
checks, placeholder per value, ``get_db_prep_save`` per value); for plain values — text,
integers, booleans, foreign-key ids and ``None`` — that preparation returns the value unchanged.
:func:`bulk_insert` works out once per model which fields can pass such values straight through,
prepares only the others (dates, JSON, custom fields) with ``get_db_prep_save``, and sends one
multi-row ``INSERT … RETURNING`` per batch, setting the primary keys on the objects like
``bulk_create``.

On PostgreSQL ``bulk_create`` itself is used: it sends one array per column
(``INSERT … SELECT * FROM UNNEST(…)``), which beats many single parameters there.

Anything it does not handle identically — a primary key already set, an expression as a value,
multi-table inheritance, a backend that cannot return the keys of a multi-row insert — goes
through ``bulk_create`` unchanged.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections, models, router, transaction
from django.db.models.fields import AutoFieldMixin, Field

#: Django field classes whose database value is the Python value itself for these types.
_PASSTHROUGH: dict[type[Field[Any, Any]], tuple[type, ...]] = {
    models.CharField: (str,),
    models.TextField: (str,),
    models.EmailField: (str,),
    models.SlugField: (str,),
    models.URLField: (str,),
    models.IntegerField: (int,),
    models.BigIntegerField: (int,),
    models.SmallIntegerField: (int,),
    models.PositiveIntegerField: (int,),
    models.PositiveBigIntegerField: (int,),
    models.PositiveSmallIntegerField: (int,),
    models.AutoField: (int,),
    models.BigAutoField: (int,),
    models.SmallAutoField: (int,),
    models.BooleanField: (bool,),
}

#: PostgreSQL refuses statements with more than 65,535 parameters.
_MAX_PARAMS = 65_535


class _Unsupported(Exception):
    """A value that only ``bulk_create`` prepares correctly (an expression)."""


Reader = Callable[[models.Model], Any]
Preparer = Callable[[Any], Any]


def _passthrough_types(field: Field[Any, Any]) -> tuple[type, ...]:
    if isinstance(field, models.ForeignKey) and type(field) is models.ForeignKey:
        target = field.target_field
        return _PASSTHROUGH.get(type(target), ())
    return _PASSTHROUGH.get(type(field), ())


def _reader(field: Field[Any, Any]) -> Reader:
    """How to read a field's value to insert (``pre_save`` only where a class overrides it)."""
    if type(field).pre_save is Field.pre_save:
        attname = field.attname
        return lambda obj: getattr(obj, attname)
    return lambda obj: field.pre_save(obj, True)


def _preparer(field: Field[Any, Any], connection: Any) -> Preparer:
    plain = _passthrough_types(field)
    prepare = field.get_db_prep_save

    # Text fields hand str subclasses (TextChoices members) to the driver unchanged too.
    textual = str in plain

    def convert(value: Any) -> Any:
        if value is None or type(value) in plain or (textual and isinstance(value, str)):
            return value
        if hasattr(value, "resolve_expression"):
            raise _Unsupported(field.name)
        return prepare(value, connection=connection)

    return convert


@functools.cache
def _plan(
    model: type[models.Model], alias: str
) -> tuple[list[Field[Any, Any]], list[Reader], Field[Any, Any]] | None:
    """The fields to insert and how to read them, or None when only bulk_create will do."""
    opts = model._meta
    connection = connections[alias]
    if opts.parents or not connection.features.can_return_rows_from_bulk_insert:
        return None
    if connection.vendor == "postgresql":
        # bulk_create sends one array per column there (INSERT … SELECT FROM UNNEST); many
        # single parameters cost more in the driver than the compiler overhead saved.
        return None
    pk = opts.pk
    if not isinstance(pk, AutoFieldMixin):
        return None
    fields = [f for f in opts.concrete_fields if f is not pk and not getattr(f, "generated", False)]
    return fields, [_reader(f) for f in fields], pk


def bulk_insert(
    model: type[models.Model], objs: Sequence[models.Model], *, batch_size: int = 1000
) -> None:
    """Insert new records of ``model``; their primary keys are set on the objects afterwards."""
    if not objs:
        return
    alias = router.db_for_write(model)
    plan = _plan(model, alias)
    if plan is None or any(obj.pk is not None for obj in objs):
        model._default_manager.using(alias).bulk_create(objs, batch_size=batch_size)
        return
    fields, readers, pk = plan
    connection = connections[alias]
    preparers = [_preparer(f, connection) for f in fields]
    size = max(1, min(batch_size, connection.ops.bulk_batch_size(fields, objs)))
    size = min(size, _MAX_PARAMS // max(1, len(fields)))
    qn = connection.ops.quote_name
    head = (
        f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(str(f.column)) for f in fields)}) "
    )
    row_marks = "(" + ", ".join(["%s"] * len(fields)) + ")"
    returning = f" RETURNING {qn(str(pk.column))}"
    columns = list(zip(readers, preparers, strict=True))
    with transaction.atomic(using=alias, savepoint=False):
        for start in range(0, len(objs), size):
            batch = objs[start : start + size]
            params: list[Any] = []
            try:
                for obj in batch:
                    params.extend(prepare(read(obj)) for read, prepare in columns)
            except _Unsupported:
                model._default_manager.using(alias).bulk_create(objs[start:], batch_size=size)
                return
            with connection.cursor() as cursor:
                cursor.execute(head + _values(row_marks, len(batch)) + returning, params)
                keys = cursor.fetchall()
            for obj, (key,) in zip(batch, keys, strict=True):
                obj.pk = key
                obj._state.adding = False
                obj._state.db = alias


def _values(row_marks: str, rows: int) -> str:
    return "VALUES " + ", ".join([row_marks] * rows)
