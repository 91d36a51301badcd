"""Importing verification records (a verification organisation's history, a legacy register).

The rows' rules are :class:`~tdc.metrology.imports.verification_rows.VerificationRowChecker`;
the commit is all-or-nothing and the instruments' ``next_due_date`` follows from the imported
passed verifications. Two paths share the rules:

- :class:`VerificationImport`, the import type of the generic framework (``tdc.core.imports``:
  upload screen, report, rejected-rows file);
- :func:`~tdc.metrology.imports.verification_copy.fast_import_csv`, for very large CSV files:
  a streaming parse, the same validation, and PostgreSQL ``COPY`` of the validated rows and
  their audit events in one transaction (docs/benchmarks.md). It reports every bad row like the
  generic path and writes nothing if any.
"""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction
from django.utils.translation import gettext_lazy

from tdc.core.imports import ImportReport, ImportType, RowContext, register_import
from tdc.metrology.imports.verification_copy import FastReport, fast_import_csv
from tdc.metrology.imports.verification_rows import (
    COLUMNS,
    VerificationRowChecker,
    verification_row,
)
from tdc.metrology.models import Verification
from tdc.metrology.services.due_dates import refresh_due_dates

__all__ = ["FastReport", "VerificationImport", "fast_import_csv"]


@register_import
class VerificationImport(ImportType):
    """Verification records, one per row, checked against the register."""

    slug = "verifications"
    title = gettext_lazy("verifications")
    model = Verification
    columns = COLUMNS
    batch_size = 2000

    def prepare(self) -> None:
        self.checker = VerificationRowChecker(user=self.user)
        self.checker.prepare()
        self.touched: set[int] | None = None

    def clean_row(self, values: dict[str, Any], row: RowContext) -> None:
        self.checker.check(values, row)

    def fast_commit(self, path: str, filename: str) -> ImportReport | None:
        """Large CSV files on PostgreSQL: :func:`fast_import_csv` (same rules, ``COPY``)."""
        if connection.vendor != "postgresql":
            return None
        fast = fast_import_csv(path, user=self.user)
        if not fast.ok:
            return None  # nothing was written; the generic path reports the rows
        return ImportReport(
            import_type=self.slug,
            filename=filename,
            stage="committed",
            total_rows=fast.total_rows,
            valid_rows=fast.total_rows,
            committed=fast.committed,
        )

    def build(self, values: dict[str, Any]) -> Verification:
        if self.touched is None:
            # Built only while committing, inside the import's transaction: the due dates are
            # refreshed once it has committed (nothing happens when it rolls back).
            self.touched = set()
            touched = self.touched
            transaction.on_commit(lambda: refresh_due_dates(touched))
        self.touched.add(values["instrument"].pk)
        return verification_row(values, self.user)
