# TĐC — two commands: `make run` (set up and start) and `make test` (every check).
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
# Local, single-machine defaults; production sets these in its own environment.
export DJANGO_SETTINGS_MODULE := tdc.settings
RUN_ENV := TDC_SECRET_KEY_FILE=var/secret_key TDC_COMPLAINT_KEY_FILE=var/complaint_key TDC_HTTPS=0 TDC_ALLOW_2FA_EXEMPT=1 TDC_MANIFEST_STATIC=1

.PHONY: help run test lint bench install clean migrate force messages

help:
	@echo "make run    set up (venv, database, reference data, demo province) and start on http://127.0.0.1:8000"
	@echo "make test   lint, types, migrations check, tests on SQLite and PostgreSQL, browser and API-schema tests"
	@echo "make lint   ruff, mypy and the import layers (lint-imports)"
	@echo "make bench  benchmarks (prints a table and writes var/bench/*.json)"
	@echo "make messages  update the Vietnamese catalogue from the code and compile it"

$(STAMP): pyproject.toml
	@PY=$$(scripts/find-python.sh) || exit 1; \
	if [ ! -x $(BIN)/python ]; then echo "Creating $(VENV) with $$PY"; "$$PY" -m venv $(VENV); fi
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]' 2>&1 | grep -v "^WARNING: Location" || true
	@$(BIN)/python -c "import django, tdc" || { echo "Installation failed."; exit 1; }
	@rm -f $(VENV)/.installed-*; touch $@

install: $(STAMP)

var/secret_key:
	@mkdir -p var && umask 077 && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@

var/complaint_key:
	@mkdir -p var && umask 077 && $(BIN)/python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())" > $@

# Set-up (migrations, reference data, demo province, static files) runs again only when the code,
# the reference data or the static files changed, or the embedded database is missing; so a
# second `make run` starts in seconds.
SETUP_INPUTS := $(shell find src static -type f -not -path '*/__pycache__/*' -not -name '*.pyc' 2>/dev/null)
SETUP_FORCE := $(if $(DATABASE_URL)$(wildcard var/tdc.sqlite3),,force)
SETUP_STAMP := var/.setup-done

$(SETUP_STAMP): $(STAMP) var/secret_key var/complaint_key $(SETUP_INPUTS) $(SETUP_FORCE)
	@$(RUN_ENV) $(BIN)/tdc migrate --no-input -v0
	@$(RUN_ENV) $(BIN)/tdc load_reference
	@$(RUN_ENV) $(BIN)/tdc seed_demo
	@$(RUN_ENV) $(BIN)/tdc collectstatic --no-input -v0
	@touch $@

migrate: $(SETUP_STAMP)

force:

run: migrate
	@$(RUN_ENV) $(BIN)/tdc serve

test: $(STAMP)
	@scripts/test.sh

lint: $(STAMP) var/secret_key
	@$(BIN)/ruff check . && $(BIN)/ruff format --check . && TDC_SECRET_KEY_FILE=var/secret_key $(BIN)/mypy \
		&& $(BIN)/lint-imports --no-cache

bench: $(STAMP)
	@$(BIN)/python -m bench.run $(BENCH_ARGS)

# Same ignore list as scripts/check_messages.py; translations already in the .po are kept.
MESSAGES_IGNORE := .venv/* var/* static/vendor/* test-artifacts/* bench/* tests/* */tests/* build/*

MESSAGES_ENV := TDC_SECRET_KEY_FILE=var/secret_key DATABASE_URL=sqlite:///:memory:

messages: $(STAMP) var/secret_key
	@$(MESSAGES_ENV) $(BIN)/tdc makemessages -l vi --no-location --no-obsolete -v0 \
		$(foreach p,$(MESSAGES_IGNORE),--ignore '$(p)')
	@$(MESSAGES_ENV) $(BIN)/tdc compilemessages -l vi -v0 --ignore '.venv/*'

clean:
	rm -rf var/static var/.setup-done .pytest_cache .mypy_cache .ruff_cache
