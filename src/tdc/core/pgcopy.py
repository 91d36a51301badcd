"""New records and their audit events written with PostgreSQL ``COPY`` while the rest of an
import file is still being read (ADR 0010, generalising ADR 0008's verification fast path).

:class:`CopyWriter` takes the records an import builds, one by one. Every ``chunk_rows`` records
it takes their ids from the table's sequence on a second connection (a sequence ignores
transactions), prepares their values and their audit events exactly as the generic path would
(the same ``pre_save``, ``get_db_prep_save`` and :func:`tdc.core.audit.bulk_events`), and hands
the chunk to a writer thread that ``COPY``s it through the import transaction's connection. With
``SET CONSTRAINTS ALL IMMEDIATE`` the server checks one chunk's references while Python reads
the next, on the other core. The caller rolls the transaction back on any bad row: nothing stays.

Only for models with an integer primary key drawn from a sequence and no parent model; anything
else keeps :func:`tdc.core.bulk.bulk_insert` (:func:`copy_supported` says which).
"""

from __future__ import annotations

import queue
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections, models, router
from django.db.models.fields import AutoFieldMixin, Field

from tdc.core.audit import bulk_event_values
from tdc.core.models import AuditEvent

Row = tuple[Any, ...]

#: Records per COPY chunk: small enough that the server checks one while the next is read.
CHUNK_ROWS = 2_000


def copy_supported(model: type[models.Model]) -> bool:
    """Whether :class:`CopyWriter` can write ``model`` on its database."""
    connection = connections[router.db_for_write(model)]
    return (
        connection.vendor == "postgresql"
        and not model._meta.parents
        and isinstance(model._meta.pk, AutoFieldMixin)
    )


def _reader(field: Field[Any, Any]) -> Callable[[models.Model], Any]:
    """How to read a field's value to insert (``pre_save`` where a class overrides it, as for
    ``auto_now`` stamps), as ``bulk_create`` does."""
    if type(field).pre_save is Field.pre_save:
        attname = field.attname
        return lambda obj: getattr(obj, attname)
    return lambda obj: field.pre_save(obj, True)


_PLAIN = frozenset({str, int, bool, type(None)})


class _Table:
    """The ``COPY`` statement of one model and how to turn a record into its row."""

    def __init__(self, model: type[models.Model], connection: Any, *, with_pk: bool) -> None:
        opts = model._meta
        pk = opts.pk
        self.fields = [
            f
            for f in opts.concrete_fields
            if (with_pk or f is not pk) and not getattr(f, "generated", False)
        ]
        if with_pk:  # the id first: it is set from the sequence just before
            self.fields.sort(key=lambda f: f is not pk)
        quote = connection.ops.quote_name
        columns = ", ".join(quote(str(f.column)) for f in self.fields)
        self.statement = f"COPY {quote(opts.db_table)} ({columns}) FROM STDIN"
        self.columns = [(_reader(f), f.get_db_prep_save) for f in self.fields]
        self.connection = connection

    def row_of(self, values: dict[str, Any]) -> Row:
        """The row of column values given by attribute name."""
        connection = self.connection
        row = []
        for field in self.fields:
            value = values[field.attname]
            row.append(
                value
                if type(value) in _PLAIN
                else field.get_db_prep_save(value, connection=connection)
            )
        return tuple(row)

    def row(self, obj: models.Model) -> Row:
        connection = self.connection
        values = []
        for read, prepare in self.columns:
            value = read(obj)
            values.append(value if type(value) in _PLAIN else prepare(value, connection=connection))
        return tuple(values)


class _Ids:
    """Primary keys from the table's sequence, on a second connection in autocommit, one text
    value per chunk (cheaper than a row per id)."""

    def __init__(self, model: type[models.Model], connection: Any) -> None:
        self.raw = connection.get_new_connection(connection.get_connection_params())
        self.raw.autocommit = True
        self.table = connection.ops.quote_name(model._meta.db_table)
        self.column = str(model._meta.pk.column)

    def take(self, count: int) -> list[int]:
        with self.raw.cursor() as cursor:
            cursor.execute(
                "SELECT string_agg(nextval(pg_get_serial_sequence(%s, %s))::text, ',') "
                "FROM generate_series(1, %s)",
                [self.table, self.column, count],
            )
            row = cursor.fetchone()
        return [int(pk) for pk in row[0].split(",")] if row and row[0] else []

    def close(self) -> None:
        self.raw.close()


class _Writer(threading.Thread):
    """Owns the import transaction's connection while the chunks are written; the main thread
    reads and checks the next rows meanwhile (a query it makes waits for the current COPY)."""

    def __init__(self, raw: Any, statements: Sequence[str], seconds: dict[str, float]) -> None:
        super().__init__(name="import-copy-writer", daemon=True)
        self.raw = raw
        self.statements = statements
        self.seconds = seconds
        self.queue: queue.Queue[Sequence[list[Row]] | None] = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        self.written = 0

    def submit(self, tables: Sequence[list[Row]]) -> None:
        if self.error is None:
            self.queue.put(tables)

    def run(self) -> None:
        while (chunk := self.queue.get()) is not None:
            if self.error is not None:
                continue  # drain after a failure
            try:
                self._write(chunk)
            except BaseException as error:  # noqa: BLE001 — handed to the main thread
                self.error = error

    def _write(self, tables: Sequence[list[Row]]) -> None:
        clock = time.perf_counter()
        with self.raw.cursor() as cursor:
            for statement, rows in zip(self.statements, tables, strict=True):
                with cursor.copy(statement) as copy:
                    write = copy.write_row
                    for row in rows:
                        write(row)
        self.seconds["copy"] = self.seconds.get("copy", 0.0) + time.perf_counter() - clock
        self.written += len(tables[0])

    def finish(self, connection: Any) -> int:
        self.queue.put(None)
        self.join()
        if self.error is not None:
            with connection.wrap_database_errors:  # psycopg's error as Django's
                raise self.error
        return self.written


class CopyWriter:
    """Collects the new records of one import and writes them, with one audit event each, by
    ``COPY`` in chunks from a writer thread. Use inside the import's transaction, as a context
    manager; :meth:`finish` waits for the last chunk and answers how many records were written.
    """

    def __init__(
        self,
        model: type[models.Model],
        *,
        actor: Any,
        action: str,
        details: dict[str, Any],
        chunk_rows: int | None = None,
    ) -> None:
        self.model = model
        self.connection = connections[router.db_for_write(model)]
        self.connection.ensure_connection()
        self.actor, self.action, self.details = actor, action, details
        self.chunk_rows = chunk_rows or CHUNK_ROWS
        self.records = _Table(model, self.connection, with_pk=True)
        self.events = _Table(AuditEvent, self.connection, with_pk=False)
        self.pending: list[models.Model] = []
        self.seconds: dict[str, float] = {}
        self.ids = _Ids(model, self.connection)
        self.writer = _Writer(
            self.connection.connection,
            [self.records.statement, self.events.statement],
            self.seconds,
        )
        self._switch_interval = sys.getswitchinterval()

    def __enter__(self) -> CopyWriter:
        with self.connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # The writer needs the GIL back as soon as the server answers; with Python's default
        # 5 ms switch interval it would wait behind the reading thread at every step.
        sys.setswitchinterval(0.0005)
        self.writer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.writer.is_alive():
            self.writer.queue.put(None)
            self.writer.join()
        self.ids.close()
        sys.setswitchinterval(self._switch_interval)

    @property
    def failed(self) -> bool:
        """The database refused a chunk: the transaction is lost, keep only checking rows."""
        return self.writer.error is not None

    def add(self, obj: models.Model) -> None:
        self.pending.append(obj)
        if len(self.pending) >= self.chunk_rows:
            self.hand_over()

    def hand_over(self) -> None:
        """The records collected so far, with ids and audit events, to the writer thread."""
        objs, self.pending = self.pending, []
        if not objs or self.failed:
            return
        clock = time.perf_counter()
        alias = self.connection.alias
        for obj, pk in zip(objs, self.ids.take(len(objs)), strict=True):
            obj.pk = pk
            obj._state.adding = False
            obj._state.db = alias
        records = [self.records.row(obj) for obj in objs]
        events = [
            self.events.row_of(values)
            for values in bulk_event_values(
                actor=self.actor, objs=objs, action=self.action, details=self.details
            )
        ]
        self.seconds["prepare"] = self.seconds.get("prepare", 0.0) + time.perf_counter() - clock
        self.writer.submit([records, events])

    def finish(self) -> int:
        self.hand_over()
        return self.writer.finish(self.connection)
