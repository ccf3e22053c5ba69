# Talent Bridge: `make run` serves the platform with demo data, `make test` runs every check.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in e-mails point at the address `make run` serves (set SITE_URL to override).
SITE_URL ?= http://$(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(HOST)):$(PORT)

.PHONY: install run serve migrate seed test lint format worker beat clean lock audit loadtest

# Dependencies come from the lock files (requirements/*.txt, every file's hash checked);
# pyproject.toml says what the project needs, `make lock` writes the locks from it.
$(INSTALLED): pyproject.toml requirements/dev.txt
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(INSTALLED)

install: $(INSTALLED)

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo

run: seed serve

serve: install
	SITE_URL=$(SITE_URL) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

# The static checks (also run by pre-commit, see .pre-commit-config.yaml): lint and format,
# types, templates, and the one-way layers between apps (ARCHITECTURE.md).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/djlint templates --lint
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# With REDIS_URL (and DATABASE_URL) set: the processes `make run` does without.
worker: install
	$(BIN)/celery -A config worker -Q default,matching,notifications -l INFO

beat: install
	$(BIN)/celery -A config beat -l INFO

# The load test (loadtest/) against gunicorn on the local PostgreSQL and Redis with 100,000
# graduates x 10,000 postings in a database of its own (README, "Measuring pages").
loadtest: install
	loadtest/run-local.sh

LOCK := $(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
	--no-emit-index-url --no-emit-find-links

# After changing dependencies in pyproject.toml: new lock files (commit them).
lock: install
	$(LOCK) -o requirements/base.txt pyproject.toml
	$(LOCK) --extra dev -o requirements/dev.txt pyproject.toml

# Known vulnerabilities in the locked dependencies. Fails when the vulnerability database
# cannot be reached, as when a dependency is vulnerable: it never prints green unchecked.
audit: install
	$(BIN)/pip-audit --strict --require-hashes --disable-pip -r requirements/base.txt

clean:
	rm -rf $(VENV) staticfiles test-artifacts .pytest_cache .ruff_cache .mypy_cache
