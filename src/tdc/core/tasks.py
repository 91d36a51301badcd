"""Background tasks of the core app."""

from __future__ import annotations

import io
import logging
from typing import Any

from django.core.files.base import ContentFile
from django.tasks import task
from django.test import RequestFactory
from django.utils.module_loading import import_string
from openpyxl import Workbook

from tdc.core.exports import sheet_append, table_rows
from tdc.core.jobs import job_advance, job_finish
from tdc.core.models import JobProgress
from tdc.core.roles import Action

logger = logging.getLogger(__name__)


@task()
def run_list_export(*, job_id: str, view_path: str, query: str) -> None:
    """Export a large list to XLSX in the background, reporting progress as rows are written."""
    job = JobProgress.objects.select_related("owner").get(pk=job_id)
    try:
        view_class = import_string(view_path)
        request = RequestFactory().get(f"/?{query}")
        request.user = job.owner
        view: Any = view_class()
        view.setup(request)
        filterset = view.get_filterset(view.get_filterset_class())
        base = filterset.qs if filterset.is_valid() else view.get_queryset()
        queryset = (
            view.base_queryset().filter(pk__in=base.values("pk")).for_user(job.owner, Action.EXPORT)
        )
        total = queryset.count()
        job_advance(job, done=0, total=total)
        table = view.get_table_class()(queryset.iterator(chunk_size=2000))
        header, rows = table_rows(table)
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=(view.export_name or "export")[:31])
        sheet_append(sheet, header)
        for index, row in enumerate(rows, start=1):
            sheet_append(sheet, row)
            if index % 1000 == 0:
                job_advance(job, done=index)
        buffer = io.BytesIO()
        workbook.save(buffer)
        job.result_file.save(f"{view.export_name}.xlsx", ContentFile(buffer.getvalue()), save=False)
        job_finish(job)
    except Exception as exc:  # the job page must say it failed, whatever happened
        logger.exception("export %s failed", job_id)
        job_finish(job, message=str(exc), failed=True)
        raise
