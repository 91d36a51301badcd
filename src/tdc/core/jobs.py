"""Background jobs with progress (JobProgress) on top of django.tasks."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from tdc.core.models import JobProgress


def job_start(*, owner: Any, kind: str, title: str, total: int = 0) -> JobProgress:
    return JobProgress.objects.create(owner=owner, kind=kind, title=title, total=total)


def job_advance(
    job: JobProgress, *, done: int | None = None, step: int = 0, total: int | None = None
) -> None:
    """Record progress; cheap enough to call every few hundred rows."""
    updates: dict[str, Any] = {"status": JobProgress.Status.RUNNING}
    if total is not None:
        updates["total"] = total
        job.total = total
    if done is not None:
        updates["done"] = done
        job.done = done
    elif step:
        updates["done"] = F("done") + step
        job.done += step
    JobProgress.objects.filter(pk=job.pk).update(**updates)


def job_finish(job: JobProgress, *, message: str = "", failed: bool = False) -> None:
    job.status = JobProgress.Status.FAILED if failed else JobProgress.Status.SUCCEEDED
    job.message = message
    job.finished_at = timezone.now()
    if not failed and job.total:
        job.done = job.total
    job.save(update_fields=["status", "message", "finished_at", "done", "result_file"])


def enqueue_on_commit(task: Any, **kwargs: Any) -> None:
    """Enqueue a django.tasks task once the surrounding transaction commits."""
    transaction.on_commit(lambda: task.enqueue(**kwargs))


class ProgressChannel:
    """Writes a job's progress so that others see it while the work runs inside a transaction
    (an import's commit): on PostgreSQL through a second connection in autocommit; elsewhere
    (SQLite has one writer at a time) as :func:`job_advance` does, seen when the work ends."""

    def __init__(self, job: JobProgress) -> None:
        from django.db import connections, router

        self.job = job
        connection = connections[router.db_for_write(JobProgress)]
        self.raw: Any = None
        if connection.vendor == "postgresql" and connection.in_atomic_block:
            self.raw = connection.get_new_connection(connection.get_connection_params())
            self.raw.autocommit = True
            table = connection.ops.quote_name(JobProgress._meta.db_table)
            self.statement = f"UPDATE {table} SET status = %s, done = %s WHERE id = %s"  # noqa: S608

    def advance(self, done: int) -> None:
        if self.raw is None:
            job_advance(self.job, done=done)
            return
        self.job.done = done
        with self.raw.cursor() as cursor:
            cursor.execute(self.statement, [JobProgress.Status.RUNNING, done, self.job.pk])

    def close(self) -> None:
        if self.raw is not None:
            self.raw.close()
            self.raw = None
