# Муниципальная методическая служба — one-command set-up, run and test.
#   make run   — install everything, migrate, load demo data on first start, serve on http://127.0.0.1:8000
#   make test  — install what tests need, lint, backend tests, SPA checks and browser tests
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FRONT := frontend
E2E_PORT ?= 8765
E2E_DATA := var/e2e

.PHONY: help install lock install-frontend build-frontend run worker dev migrate seed lint test test-backend test-frontend \
        test-e2e openapi ensure-chromium clean

help:
	@echo "make run    — установить, применить миграции, загрузить демо-данные и запустить http://127.0.0.1:8000"
	@echo "make test   — линтеры и все тесты (backend, SPA, браузер)"
	@echo "make dev    — backend + Vite dev server с прокси"
	@echo "make openapi — выгрузить openapi/openapi.json и пересобрать клиент SPA"
	@echo "make lock   — обновить requirements.lock (версии Python-пакетов с хэшами) по pyproject.toml"

# Python packages come from the lock file (exact versions with hashes), then the app itself without dependencies.
$(VENV)/.installed: pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is required"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed

# Refresh requirements.lock after a change of pyproject.toml's dependencies (pins kept; `uv pip compile --upgrade` to move them).
UV_VENV := var/uv-tool
lock:
	test -x $(UV_VENV)/bin/uv || { $(PYTHON) -m venv $(UV_VENV) && $(UV_VENV)/bin/pip install --quiet uv; }
	$(UV_VENV)/bin/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 --generate-hashes \
		--no-header --quiet -o requirements.lock

$(FRONT)/node_modules/.installed: $(FRONT)/package.json $(FRONT)/package-lock.json
	cd $(FRONT) && npm ci --no-audit --no-fund
	touch $@

install-frontend: $(FRONT)/node_modules/.installed

build-frontend: install-frontend
	cd $(FRONT) && npm run build

# The server runs the background jobs worker in its own process (JOBS_WORKER_IN_SERVER, on by default outside
# production); production runs `python -m app worker` next to `serve` with JOBS_WORKER_IN_SERVER=false.
run: install build-frontend
	JOBS_WORKER_IN_SERVER=true $(PY) -m app serve --demo

worker: install
	$(PY) -m app worker

dev: install install-frontend
	$(PY) -m app serve --demo & cd $(FRONT) && npm run dev

migrate: install
	$(PY) -m app migrate

seed: install
	$(PY) -m app seed-demo

openapi: install install-frontend
	$(PY) -m app export-openapi
	cd $(FRONT) && npm run gen:api

lint: install
	$(VENV)/bin/ruff check app migrations tests bench
	$(VENV)/bin/ruff format --check app migrations tests bench
	$(PY) -m app export-openapi --check

test-backend: install
	$(VENV)/bin/pytest

test-frontend: install-frontend
	cd $(FRONT) && npm run lint && npm run typecheck && npm run check:api && npm run test

ensure-chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

# Browser tests: the real backend on a fresh embedded PostgreSQL with demo data, the built SPA, Debian's Chromium.
test-e2e: install build-frontend ensure-chromium
	rm -rf $(E2E_DATA) && mkdir -p $(E2E_DATA)
	@set -e; \
	DATA_DIR=$(E2E_DATA) DATABASE_URL= $(PY) -m app serve --demo --port $(E2E_PORT) > $(E2E_DATA)/server.log 2>&1 & \
	pid=$$!; trap 'kill $$pid 2>/dev/null; wait $$pid 2>/dev/null || true' EXIT; \
	for i in $$(seq 1 120); do curl -sf http://127.0.0.1:$(E2E_PORT)/api/v1/ready >/dev/null && break; sleep 1; done; \
	curl -sf http://127.0.0.1:$(E2E_PORT)/api/v1/ready >/dev/null || { cat $(E2E_DATA)/server.log; exit 1; }; \
	cd $(FRONT) && BASE_URL=http://127.0.0.1:$(E2E_PORT) npx playwright test

test: lint test-backend test-frontend test-e2e

clean:
	rm -rf $(VENV) $(FRONT)/node_modules $(FRONT)/dist var
