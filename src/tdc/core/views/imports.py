"""Generic import screens: upload, template download, report and confirmation, rejected rows.

Any app plugs in by registering an :class:`~tdc.core.imports.ImportType`; the permission to
import is the permission to ``action`` (usually create) the import type's model.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from tdc.core.imports import (
    ALLOWED_EXTENSIONS,
    ImportFileError,
    ImportType,
    background_threshold,
    count_rows,
    get_import_type,
    import_type_of,
    load_report,
    schedule,
    start_import,
    template_xlsx,
)
from tdc.core.models import JobProgress
from tdc.core.scoping import user_may

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _max_bytes() -> int:
    return int(getattr(settings, "TDC_IMPORT_MAX_BYTES", 50 * 1024 * 1024))


class ImportUploadForm(forms.Form):
    """The file to import."""

    file = forms.FileField(
        label=gettext_lazy("File (.xlsx or .csv)"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx,.csv"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if PurePath(upload.name).suffix.lower() not in ALLOWED_EXTENSIONS:
            raise forms.ValidationError(_("Upload a .xlsx or .csv file (save it from Excel)."))
        if upload.size > _max_bytes():
            raise forms.ValidationError(
                _("The file is larger than {mb} MB: split it into several files.").format(
                    mb=_max_bytes() // (1024 * 1024)
                )
            )
        return upload


def _import_type_for(user: Any, slug: str) -> type[ImportType]:
    import_type = get_import_type(slug)
    if import_type is None:
        raise Http404
    if not user_may(user, import_type.model, import_type.action):
        raise PermissionDenied
    return import_type


@login_required
def import_upload(request: HttpRequest, import_type: str) -> HttpResponse:
    """Upload a file; small files are validated at once, large ones in the background."""
    kind = _import_type_for(request.user, import_type)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            rows = count_rows(data, upload.name)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            upload.seek(0)
            job = start_import(user=request.user, import_type=kind, upload=upload)
            schedule(job, commit=False, rows=rows)
            return redirect("core:import_report", pk=job.pk)
    context: dict[str, Any] = {
        "form": form,
        "import_type": kind,
        "slug": kind.slug,
        "threshold": background_threshold(),
    }
    return render(request, "core/imports/upload.html", context)


@login_required
def import_template(request: HttpRequest, import_type: str) -> HttpResponse:
    """The empty XLSX template of an import type, with its Vietnamese headers."""
    kind = _import_type_for(request.user, import_type)
    response = HttpResponse(template_xlsx(kind), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{kind.slug}-template.xlsx"'
    return response


def _own_import_job(request: HttpRequest, pk: Any) -> tuple[JobProgress, type[ImportType]]:
    job = JobProgress.objects.filter(pk=pk, owner_id=request.user.pk).first()
    kind = import_type_of(job) if job is not None else None
    if job is None or kind is None:
        raise Http404
    return job, kind


@login_required
@never_cache
def import_report(request: HttpRequest, pk: Any) -> HttpResponse:
    """The validation report; confirming (POST) commits every row or none."""
    job, kind = _own_import_job(request, pk)
    if request.method == "POST":
        return _confirm(request, job, kind)
    report = load_report(job) if job.finished else None
    list_url = reverse(kind.list_url_name) if kind.list_url_name else None
    context: dict[str, Any] = {
        "job": job,
        "import_type": kind,
        "report": report,
        "list_url": list_url,
        "can_commit": bool(report and report.ok and report.stage == "validated"),
    }
    return render(request, "core/imports/report.html", context)


def _confirm(request: HttpRequest, job: JobProgress, kind: type[ImportType]) -> HttpResponse:
    if not user_may(request.user, kind.model, kind.action):
        raise PermissionDenied
    report = load_report(job) if job.finished else None
    if report is None or not (report.ok and report.stage == "validated"):
        return redirect("core:import_report", pk=job.pk)
    # Claim the job so that a second click (or a second tab) cannot commit the file twice.
    claimed = JobProgress.objects.filter(pk=job.pk, status=JobProgress.Status.SUCCEEDED).update(
        status=JobProgress.Status.RUNNING
    )
    if claimed:
        schedule(job, commit=True, rows=report.total_rows)
    return redirect("core:import_report", pk=job.pk)


@login_required
def import_rejected(request: HttpRequest, pk: Any) -> FileResponse:
    """The rejected rows of an import, with an error column, as XLSX."""
    job, _kind = _own_import_job(request, pk)
    if not job.result_file:
        raise Http404
    return FileResponse(
        job.result_file.open("rb"),
        as_attachment=True,
        filename="rejected-rows.xlsx",
        content_type=XLSX,
    )


class ImportLinkMixin:
    """For list views: offers an "Import" button to users who may import (``import_url_name``)."""

    import_url_name: ClassVar[str | None] = None
    request: HttpRequest
    model: Any

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        if self.import_url_name and user_may(self.request.user, self.model, "create"):
            context["import_url"] = reverse(self.import_url_name)
        return context
