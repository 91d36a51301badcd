"""Import framework: CSV or XLSX → column mapping → validation of every row → report → commit.

An app declares an :class:`ImportType` (its columns with Vietnamese and English headers, a
parser per column, cross-column checks and how to build one record) and registers it with
:func:`register_import`. The framework reads the file (python-calamine for XLSX), maps the
headers, validates **every** row and reports each problem with its row number, the column
header and what to do; the commit is all-or-nothing (bulk inserts in batches plus one audit
event per record, in one transaction) and the rejected rows come back as an XLSX file with an
error column. Files over ``TDC_IMPORT_BACKGROUND_ROWS`` rows run as a background task whose
progress is a :class:`~tdc.core.models.JobProgress`.

No model of its own: the run is a ``JobProgress`` (kind ``import:<slug>``) and its files (the
upload, the report as JSON, the rejected rows) live in the default file storage.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import PurePath
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.tasks import task
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _
from openpyxl import Workbook

from tdc.core.audit import audit_bulk
from tdc.core.bulk import bulk_insert
from tdc.core.exports import sheet_append
from tdc.core.jobs import ProgressChannel, job_advance, job_finish, job_start
from tdc.core.models import AuditAction, JobProgress
from tdc.core.pgcopy import CopyWriter, copy_supported
from tdc.core.roles import Action
from tdc.core.text import BLANK_TEXT_MESSAGE, is_blank_text, nfc, vn_fold

logger = logging.getLogger(__name__)

ALLOWED_EXTENSIONS = (".csv", ".xlsx")
_PROGRESS_EVERY = 500
#: Rows checked together by ImportType.clean_rows (one query per block).
_BLOCK_ROWS = 500
_REPORT_ERRORS_KEPT = 1000


def background_threshold() -> int:
    """Files with more data rows than this are validated and committed in the background."""
    return int(getattr(settings, "TDC_IMPORT_BACKGROUND_ROWS", 5000))


# ---------------------------------------------------------------------------------------------
# Columns and parsers


Parser = Callable[[Any], Any]


def as_text(value: Any) -> str:
    """A cell as text (in NFC): spreadsheet numbers lose their ``.0``, dates become ISO dates."""
    if type(value) is str:
        return nfc(value.strip()) if not value.isascii() else value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return nfc(str(value).strip())


def text(max_length: int | None = None) -> Parser:
    """Free text, at most ``max_length`` characters."""

    def parse(value: Any) -> str:
        result = as_text(value)
        if result and is_blank_text(result):
            raise ValidationError(BLANK_TEXT_MESSAGE)
        if max_length is not None and len(result) > max_length:
            raise ValidationError(
                _("Shorten this text to {limit} characters (it has {length}).").format(
                    limit=max_length, length=len(result)
                )
            )
        return result

    return parse


def code(width: int) -> Parser:
    """An official numeric code, left-padded with zeros (spreadsheets drop leading zeros)."""

    def parse(value: Any) -> str:
        result = as_text(value)
        if not result.isdigit() or len(result) > width:
            raise ValidationError(
                _("Write the code with digits only, at most {width} (e.g. {example}).").format(
                    width=width, example="0" * (width - 1) + "1"
                )
            )
        return result.zfill(width)

    return parse


def choice(choices: Sequence[tuple[str, Any]], synonyms: Mapping[str, str] | None = None) -> Parser:
    """One of ``choices``, written as its value, its label or a listed synonym (any case/marks)."""
    lookup: dict[str, str] = {}
    for value, label in choices:
        lookup[vn_fold(value)] = value
        lookup[vn_fold(str(label))] = value
    for word, value in (synonyms or {}).items():
        lookup[vn_fold(word)] = value

    def parse(raw: Any) -> str:
        result = lookup.get(vn_fold(as_text(raw)))
        if result is None:
            allowed = ", ".join(str(label) for _value, label in choices)
            raise ValidationError(_("Choose one of: {allowed}.").format(allowed=allowed))
        return result

    return parse


def email(max_length: int = 254) -> Parser:
    from django.core.validators import validate_email

    def parse(value: Any) -> str:
        result = as_text(value)
        try:
            validate_email(result)
        except ValidationError as exc:
            raise ValidationError(
                _("Write a valid e-mail address such as name@example.vn.")
            ) from exc
        if len(result) > max_length:
            raise ValidationError(_("Shorten the e-mail address."))
        return result

    return parse


@dataclass(frozen=True)
class Column:
    """One column of an import file."""

    key: str
    header: str  # Vietnamese header, as in the template
    header_en: str
    required: bool = False
    parser: Parser = field(default=as_text)
    help: Any = ""  # text shown in the template's guide (lazy translations welcome)
    default: Any = ""

    def matches(self, folded: str) -> bool:
        return folded in {vn_fold(self.header), vn_fold(self.header_en), vn_fold(self.key)}


# ---------------------------------------------------------------------------------------------
# Import types


class RowContext:
    """One data row being validated: its number in the file and the problems found."""

    def __init__(self, number: int, headers: dict[str, str]) -> None:
        self.number = number
        self._headers = headers
        self.errors: list[CellError] = []
        self._keys: set[str | None] = set()

    def error(self, key: str | None, message: str) -> None:
        """Record a problem in column ``key`` (``None`` for the row as a whole)."""
        column = self._headers.get(key, key or "") if key else ""
        self.errors.append(CellError(self.number, column, str(message)))
        self._keys.add(key)

    def has_error(self, key: str | None = None) -> bool:
        return key in self._keys if key is not None else bool(self.errors)


class ImportType:
    """What one kind of import file holds and how its rows become records.

    Subclasses set ``slug``, ``title``, ``model``, ``columns`` and implement :meth:`build`;
    :meth:`prepare` loads the lookups a whole file needs (once, never per row) and
    :meth:`clean_row` checks one row across columns, against the file and the database.
    """

    slug: ClassVar[str]
    title: ClassVar[Any]
    model: ClassVar[type[models.Model]]
    action: ClassVar[str] = Action.CREATE
    columns: ClassVar[tuple[Column, ...]]
    batch_size: ClassVar[int] = 1000
    #: Where to send the user after a commit (a list view), if any.
    list_url_name: ClassVar[str | None] = None
    #: Templates receive the class itself; they must not instantiate it.
    do_not_call_in_templates: ClassVar[bool] = True

    def __init__(self, *, user: Any) -> None:
        self.user = user

    def prepare(self) -> None:
        """Prefetch lookups (existing keys, reference codes) for the whole file."""

    def clean_row(self, values: dict[str, Any], row: RowContext) -> None:
        """Cross-column checks of one row; report problems with ``row.error(key, message)``."""

    def clean_rows(self, rows: Sequence[tuple[dict[str, Any], RowContext]]) -> None:
        """Checks of a block of rows at once, after :meth:`clean_row` of each: for lookups
        that cannot be loaded for the whole file, one query per block instead of per row."""

    def build(self, values: dict[str, Any]) -> models.Model:
        """The unsaved record of one valid row."""
        raise NotImplementedError

    def fast_commit(self, path: str, filename: str) -> ImportReport | None:
        """Optionally, commit a large file by a faster path with the same checks and the same
        all-or-nothing outcome (e.g. PostgreSQL ``COPY``). Returns the committed report, or
        None when the fast path does not apply or found a problem: the generic path then runs
        and reports it (with its rejected-rows file)."""
        return None


_registry: dict[str, type[ImportType]] = {}
_discovered = False


def register_import[T: type[ImportType]](import_type: T) -> T:
    """Make an import type available to the generic import screens (class decorator)."""
    _registry[import_type.slug] = import_type
    return import_type


def import_types() -> dict[str, type[ImportType]]:
    global _discovered
    if not _discovered:
        autodiscover_modules("imports")
        _discovered = True
    return dict(_registry)


def get_import_type(slug: str) -> type[ImportType] | None:
    return import_types().get(slug)


# ---------------------------------------------------------------------------------------------
# Reading files


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says what to do."""


def read_table(data: bytes, filename: str) -> tuple[list[str], Iterator[list[Any]]]:
    """Header row and data rows of a CSV or XLSX file (first sheet)."""
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".xlsx":
        from python_calamine import CalamineError, CalamineWorkbook

        try:
            workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
            rows: Iterator[list[Any]] = iter(workbook.get_sheet_by_index(0).iter_rows())
        except (CalamineError, ValueError, OSError) as exc:
            raise ImportFileError(
                _("This Excel file cannot be read; save it again as .xlsx and upload it again.")
            ) from exc
    elif suffix == ".csv":
        rows = _csv_rows(data)
    else:
        raise ImportFileError(_("Upload a .xlsx or .csv file."))
    header = next(rows, None)
    if header is None:
        raise ImportFileError(_("The file is empty; fill in the template and upload it again."))
    return [as_text(cell) for cell in header], rows


def _csv_rows(data: bytes) -> Iterator[list[Any]]:
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            content = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1258 decodes nearly anything
        raise ImportFileError(_("Save the CSV file as UTF-8 and upload it again."))
    content = unicodedata.normalize("NFC", content)  # cp1258 writes tone marks apart
    sample = content[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return iter(csv.reader(io.StringIO(content), dialect))


def count_rows(data: bytes, filename: str) -> int:
    _header, rows = read_table(data, filename)
    return sum(1 for row in rows if any(as_text(cell) for cell in row))


@dataclass
class ColumnMapping:
    """Which file column feeds which import column."""

    index: dict[str, int]
    headers: dict[str, str]  # key -> header as written in the file
    missing: list[str]  # headers of required columns not found
    ignored: list[str]  # file headers that match no column


def map_columns(columns: Sequence[Column], header: Sequence[str]) -> ColumnMapping:
    index: dict[str, int] = {}
    headers: dict[str, str] = {}
    ignored: list[str] = []
    for position, written in enumerate(header):
        folded = vn_fold(written).strip(" *")
        if not folded:
            continue
        column = next((c for c in columns if c.matches(folded)), None)
        if column is None or column.key in index:
            ignored.append(written)
            continue
        index[column.key] = position
        headers[column.key] = written
    for column in columns:
        headers.setdefault(column.key, column.header)
    missing = [c.header for c in columns if c.required and c.key not in index]
    return ColumnMapping(index, headers, missing, ignored)


# ---------------------------------------------------------------------------------------------
# Validation and commit


@dataclass(frozen=True)
class CellError:
    row: int
    column: str
    message: str


@dataclass
class ImportReport:
    """The outcome of validating (and possibly committing) one file."""

    import_type: str
    filename: str
    stage: str = "validated"  # validated | committed | failed
    total_rows: int = 0
    valid_rows: int = 0
    error_count: int = 0
    rejected_rows: int = 0
    committed: int = 0
    file_errors: list[str] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    columns: list[tuple[str, str]] = field(default_factory=list)  # (file header, column)
    ignored: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.file_errors and not self.error_count and self.total_rows > 0

    def add(self, errors: list[CellError]) -> None:
        self.error_count += len(errors)
        room = _REPORT_ERRORS_KEPT - len(self.errors)
        if room > 0:
            self.errors.extend(errors[:room])

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str) -> ImportReport:
        data = json.loads(raw)
        data["errors"] = [CellError(**e) for e in data.get("errors", [])]
        data["columns"] = [tuple(c) for c in data.get("columns", [])]
        return cls(**data)


class _Rollback(Exception):
    pass


def _parse_row(
    columns: Sequence[Column], mapping: ColumnMapping, cells: Sequence[Any], row: RowContext
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column in columns:
        position = mapping.index.get(column.key)
        raw = cells[position] if position is not None and position < len(cells) else None
        if as_text(raw) == "":
            if column.required:
                row.error(column.key, _("This column is required: fill it in."))
            values[column.key] = column.default
            continue
        try:
            values[column.key] = column.parser(raw)
        except ValidationError as exc:
            row.error(column.key, " ".join(str(m) for m in exc.messages))
            values[column.key] = column.default
    return values


class _Run:
    """One pass over a file: validate every row, and insert them when committing."""

    def __init__(self, import_type: ImportType, job: JobProgress | None, filename: str) -> None:
        self.it = import_type
        self.job = job
        self.filename = filename
        self.batch: list[models.Model] = []
        self.inserted = 0
        self.header: list[str] = []
        #: The COPY writer of a commit on PostgreSQL (tdc.core.pgcopy), else None.
        self.copy: CopyWriter | None = None
        self.progress: ProgressChannel | None = None

    @property
    def details(self) -> dict[str, Any]:
        return {"import": str(self.job.pk) if self.job else "", "file": self.filename}

    def commit(self, data: bytes) -> tuple[ImportReport, list[list[Any]]]:
        """Validate and insert every row in one transaction: by ``COPY`` from a writer thread
        where the database allows it (PostgreSQL), else in batches; progress on a channel the
        job's page can read meanwhile."""
        model = type(self.it).model
        with transaction.atomic():
            self.progress = ProgressChannel(self.job) if self.job is not None else None
            try:
                if not copy_supported(model):
                    return self.run(data, commit=True)
                with CopyWriter(
                    model, actor=self.it.user, action=AuditAction.IMPORTED, details=self.details
                ) as self.copy:
                    return self.run(data, commit=True)
            finally:
                if self.progress is not None:
                    self.progress.close()

    def flush(self) -> None:
        if self.copy is not None:
            self.inserted = self.copy.finish()
            return
        if not self.batch:
            return
        bulk_insert(type(self.it).model, self.batch, batch_size=self.it.batch_size)
        audit_bulk(
            actor=self.it.user,
            objs=self.batch,
            action=AuditAction.IMPORTED,
            details=self.details,
            batch_size=self.it.batch_size,
        )
        self.inserted += len(self.batch)
        self.batch = []

    def open(self, data: bytes, report: ImportReport) -> tuple[ColumnMapping, Any] | None:
        """Read the header and map the columns; ``None`` when the file cannot be imported."""
        columns = type(self.it).columns
        try:
            self.header, rows = read_table(data, self.filename)
        except ImportFileError as exc:
            report.file_errors.append(str(exc))
            report.stage = "failed"
            return None
        mapping = map_columns(columns, self.header)
        report.columns = [
            (mapping.headers[c.key], c.header) for c in columns if c.key in mapping.index
        ]
        report.ignored = mapping.ignored
        if mapping.missing:
            report.file_errors.append(
                _(
                    "These required columns are missing: {columns}. Download the template and "
                    "copy your data into it."
                ).format(columns=", ".join(f"“{h}”" for h in mapping.missing))
            )
            report.stage = "failed"
            return None
        return mapping, rows

    def run(self, data: bytes, *, commit: bool) -> tuple[ImportReport, list[list[Any]]]:
        it = self.it
        report = ImportReport(import_type=type(it).slug, filename=self.filename)
        rejected: list[list[Any]] = []
        opened = self.open(data, report)
        if opened is None:
            return report, rejected
        mapping, rows = opened
        it.prepare()
        block: list[tuple[dict[str, Any], RowContext, Sequence[Any]]] = []
        for number, cells in enumerate(rows, start=2):
            if not any(as_text(cell) for cell in cells):
                continue
            report.total_rows += 1
            row = RowContext(number, mapping.headers)
            values = _parse_row(type(it).columns, mapping, cells, row)
            it.clean_row(values, row)
            block.append((values, row, cells))
            if len(block) >= _BLOCK_ROWS:
                self.decide(block, report, rejected, commit=commit)
                block = []
            if self.job is not None and report.total_rows % _PROGRESS_EVERY == 0:
                if self.progress is not None:
                    self.progress.advance(report.total_rows)
                else:
                    job_advance(self.job, done=report.total_rows)
        self.decide(block, report, rejected, commit=commit)
        if commit and report.error_count:
            raise _Rollback(report, rejected)
        if commit:
            self.flush()
            report.committed = self.inserted
            report.stage = "committed"
        return report, rejected

    def decide(
        self,
        block: Sequence[tuple[dict[str, Any], RowContext, Sequence[Any]]],
        report: ImportReport,
        rejected: list[list[Any]],
        *,
        commit: bool,
    ) -> None:
        """The block's checks across rows, then each row kept (and built) or rejected."""
        if not block:
            return
        self.it.clean_rows([(values, row) for values, row, _cells in block])
        for values, row, cells in block:
            if row.has_error():
                report.add(row.errors)
                report.rejected_rows += 1
                rejected.append(self.rejected_line(row.number, cells, row.errors))
            else:
                report.valid_rows += 1
                if commit and not report.error_count:
                    self.add(self.it.build(values))

    def add(self, obj: models.Model) -> None:
        if self.copy is not None:
            self.copy.add(obj)
            return
        self.batch.append(obj)
        if len(self.batch) >= self.it.batch_size:
            self.flush()

    def rejected_line(
        self, number: int, cells: Sequence[Any], errors: list[CellError]
    ) -> list[Any]:
        width = len(self.header)
        values = [as_text(c) for c in list(cells[:width])]
        values += [""] * (width - len(values))
        messages = "\n".join(f"{e.column}: {e.message}" if e.column else e.message for e in errors)
        return [number, *values, messages]


def rejected_rows_xlsx(header: Sequence[str], rejected: Sequence[Sequence[Any]]) -> bytes:
    """The rejected rows as they were, with their row number and an error column."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Rejected rows")[:31])
    sheet_append(sheet, [_("Row"), *header, _("Errors")])
    for line in rejected:
        sheet_append(sheet, line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_xlsx(import_type: type[ImportType]) -> bytes:
    """An empty file with the Vietnamese headers, and a sheet explaining each column."""
    workbook = Workbook(write_only=True)
    data = workbook.create_sheet(title=_("Data")[:31])
    sheet_append(data, [c.header for c in import_type.columns])
    guide = workbook.create_sheet(title=_("Columns")[:31])
    sheet_append(guide, [_("Column"), _("English header"), _("Required"), _("How to fill it in")])
    for column in import_type.columns:
        sheet_append(
            guide,
            [
                column.header,
                column.header_en,
                _("yes") if column.required else _("no"),
                str(column.help),
            ],
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def process_file(
    import_type: ImportType,
    data: bytes,
    filename: str,
    *,
    commit: bool,
    job: JobProgress | None = None,
) -> tuple[ImportReport, bytes | None]:
    """Validate every row of a file and, with ``commit``, insert them all or none.

    Returns the report and, when rows were rejected, the XLSX of the rejected rows.
    """
    run = _Run(import_type, job, filename)
    try:
        if commit:
            report, rejected = run.commit(data)
        else:
            report, rejected = run.run(data, commit=False)
    except _Rollback as rollback:
        report, rejected = rollback.args
        report.stage = "validated"
    rejected_file = rejected_rows_xlsx(run.header, rejected) if rejected else None
    return report, rejected_file


# ---------------------------------------------------------------------------------------------
# Runs kept as jobs


def _folder(job: JobProgress) -> str:
    return f"imports/{job.pk}"


def start_import(*, user: Any, import_type: type[ImportType], upload: Any) -> JobProgress:
    """Store an uploaded file and open its job (validation not started yet)."""
    filename = PurePath(upload.name).name
    job = job_start(
        owner=user,
        kind=f"import:{import_type.slug}",
        title=_("Import: {title} — {file}").format(title=import_type.title, file=filename),
    )
    suffix = PurePath(filename).suffix.lower()
    default_storage.save(f"{_folder(job)}/source{suffix}", upload)
    _save_report(job, ImportReport(import_type=import_type.slug, filename=filename, stage="queued"))
    return job


def source_bytes(job: JobProgress) -> tuple[bytes, str]:
    report = load_report(job)
    suffix = PurePath(report.filename).suffix.lower()
    with default_storage.open(f"{_folder(job)}/source{suffix}", "rb") as handle:
        return handle.read(), report.filename


def load_report(job: JobProgress) -> ImportReport:
    with default_storage.open(f"{_folder(job)}/report.json", "rb") as handle:
        return ImportReport.from_json(handle.read().decode())


def _save_report(job: JobProgress, report: ImportReport) -> None:
    name = f"{_folder(job)}/report.json"
    if default_storage.exists(name):
        default_storage.delete(name)
    default_storage.save(name, ContentFile(report.to_json().encode()))


def import_type_of(job: JobProgress) -> type[ImportType] | None:
    if not job.kind.startswith("import:"):
        return None
    return get_import_type(job.kind.removeprefix("import:"))


def run_import_job(job: JobProgress, *, commit: bool) -> ImportReport:
    """Validate (or commit) the file of an import job and record the outcome on the job."""
    import_type = import_type_of(job)
    if import_type is None:
        raise LookupError(job.kind)
    data, filename = source_bytes(job)
    job_advance(job, done=0)
    try:
        fast = _fast_commit(import_type(user=job.owner), data, filename) if commit else None
        if fast is not None:
            report, rejected = fast, None
        else:
            report, rejected = process_file(
                import_type(user=job.owner), data, filename, commit=commit, job=job
            )
    except Exception as exc:
        logger.exception("import %s failed", job.pk)
        job_finish(job, message=str(exc), failed=True)
        raise
    if rejected is not None:
        if job.result_file:
            job.result_file.delete(save=False)
        job.result_file.save("rejected-rows.xlsx", ContentFile(rejected), save=False)
    job.total = report.total_rows
    _save_report(job, report)
    job_finish(job, message=summary(report))
    return report


def _fast_commit(import_type: ImportType, data: bytes, filename: str) -> ImportReport | None:
    """The import type's fast path, for CSV files over the background threshold."""
    if PurePath(filename).suffix.lower() != ".csv" or data.count(b"\n") <= background_threshold():
        return None
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".csv") as handle:
        handle.write(data)
        handle.flush()
        return import_type.fast_commit(handle.name, filename)


def summary(report: ImportReport) -> str:
    if report.file_errors:
        return " ".join(report.file_errors)
    if report.stage == "committed":
        return _("{count} records imported.").format(count=report.committed)
    if report.error_count:
        return _(
            "{bad} of {total} rows have problems ({errors} in all): correct them and upload "
            "the file again."
        ).format(bad=report.rejected_rows, total=report.total_rows, errors=report.error_count)
    return _("{total} rows are valid: confirm the import.").format(total=report.total_rows)


def schedule(job: JobProgress, *, commit: bool, rows: int) -> bool:
    """Run now (small files) or enqueue a background task; True when enqueued."""
    if rows > background_threshold():
        job.status = JobProgress.Status.QUEUED
        job.total = rows
        job.done = 0
        job.finished_at = None
        job.save(update_fields=["status", "total", "done", "finished_at"])
        job_id = str(job.pk)
        transaction.on_commit(lambda: run_import.enqueue(job_id=job_id, commit=commit))
        return True
    run_import_job(job, commit=commit)
    return False


@task()
def run_import(*, job_id: str, commit: bool) -> None:
    """Background validation or commit of a large import file."""
    job = JobProgress.objects.select_related("owner").get(pk=job_id)
    run_import_job(job, commit=commit)
