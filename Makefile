# consult: see README.md. `make run` serves the demo, `make test` runs the suite on both databases.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 5000
PG_TEST_URL ?= postgresql://postgres@127.0.0.1:5432/test
export CONSULT_TEST_DATABASE_URL_PG := $(or $(CONSULT_TEST_DATABASE_URL),$(PG_TEST_URL))

# `make run` serves in production mode with a random key of this clone's own, made once and
# kept in instance/ (git-ignored, never committed); CONSULT_SECRET_KEY overrides it.
SECRET_FILE := instance/secret_key
WITH_KEY = CONSULT_SECRET_KEY="$${CONSULT_SECRET_KEY:-$$(cat $(SECRET_FILE))}"

.PHONY: run test test-sqlite test-postgres lint install translations bench clean

$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

$(SECRET_FILE):
	mkdir -p $(@D)
	umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(48))' > $@

run: install $(SECRET_FILE)
	$(WITH_KEY) $(VENV)/bin/consult db upgrade
	$(WITH_KEY) $(VENV)/bin/consult demo --if-empty
	@echo "consult: http://127.0.0.1:$(PORT)/  (demo convenor: demo@consult.test / demo-convenor)"
	$(WITH_KEY) $(VENV)/bin/consult run --host 127.0.0.1 --port $(PORT)

test: install test-sqlite test-postgres

test-sqlite: install
	@echo "=== test suite on SQLite ==="
	env -u CONSULT_TEST_DATABASE_URL $(PY) -m pytest

test-postgres: install
	@if $(PY) -c "import psycopg, sys; psycopg.connect('$(CONSULT_TEST_DATABASE_URL_PG)', connect_timeout=3).close()" 2>/dev/null; then \
		echo "=== test suite on PostgreSQL ($(CONSULT_TEST_DATABASE_URL_PG)) ==="; \
		CONSULT_TEST_DATABASE_URL=$(CONSULT_TEST_DATABASE_URL_PG) $(PY) -m pytest; \
	elif [ -n "$$CI" ]; then \
		echo "PostgreSQL at $(CONSULT_TEST_DATABASE_URL_PG) is not reachable, and CI must test it." >&2; exit 1; \
	else \
		echo "*** PostgreSQL at $(CONSULT_TEST_DATABASE_URL_PG) is not reachable: the PostgreSQL half of the suite was SKIPPED. ***"; \
	fi

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	PYTHONPATH=. $(PY) tools/import_graph.py
	$(VENV)/bin/mypy

translations: install
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o consult/translations/messages.pot .
	$(VENV)/bin/pybabel update -i consult/translations/messages.pot -d consult/translations --no-fuzzy-matching
	$(VENV)/bin/pybabel compile -d consult/translations

bench: install
	$(PY) -m analysis.bench ../shared/bench/yle2015_fi.csv

clean:
	rm -rf $(VENV) instance .pytest_cache
