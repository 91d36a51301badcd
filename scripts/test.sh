#!/usr/bin/env bash
# Every check, in order; stops at the first failure. The last step is a pytest run, so the
# output ends with pytest's summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export DJANGO_SETTINGS_MODULE=tdc.settings
export TDC_SECRET_KEY="${TDC_SECRET_KEY:-test-only-secret-key-not-for-production-use-0123456789}"
export TDC_COMPLAINT_KEY="${TDC_COMPLAINT_KEY:-WypwDMOwzzJ2WIzjLa-w0d3xr82J60m_7p2sUYuzKh0=}"
export PYTHONDONTWRITEBYTECODE=1
START=$SECONDS
step() { printf '\n== %s (at %ds) ==\n' "$*" $((SECONDS - START)); }

step "ruff (lint and format)"
$BIN/ruff check .
$BIN/ruff format --check .

step "mypy (strict on rules/ and services)"
$BIN/mypy

step "import layers and module boundaries (lint-imports)"
$BIN/lint-imports --no-cache

step "migrations are up to date"
mkdir -p var
DATABASE_URL="sqlite:///:memory:" $BIN/tdc makemigrations --check --dry-run

step "i18n catalogue compiled"
$BIN/python scripts/check_messages.py

step "tests on SQLite"
$BIN/pytest -m "not browser and not schema" -n 2 -q -p no:cacheprovider

step "tests on PostgreSQL"
$BIN/python -m tdc.testing.pgserver -- $BIN/pytest -m "not browser and not schema" -n 2 -q -p no:cacheprovider

step "browser and API-schema tests (Chromium, schemathesis)"
TDC_TEST_SQLITE_ON_DISK=1 $BIN/pytest -m "browser or schema" -n 2 -q -p no:cacheprovider
