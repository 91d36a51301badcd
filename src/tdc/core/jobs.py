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
