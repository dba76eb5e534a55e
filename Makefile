# chitieu — run `make help` for the list of commands.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := $(CURDIR)/.venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9

# Settings live in src/chitieu/config.py; `chitieu config airflow` writes them into $(AIRFLOW_HOME)/airflow.cfg,
# so the README's commands work in a plain shell. Embedded defaults: SQLite metadata, DuckLake on SQLite.
export AIRFLOW_HOME ?= $(CURDIR)/.airflow
export PATH := $(BIN):$(PATH)

.PHONY: help env lock demo run docs test lint format airflow-init compose-check bench bench-ingest clean

help: ## list the commands
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-15s %s\n", $$1, $$2}'

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q "uv==$(UV_VERSION)"

$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/uv
	$(BIN)/uv pip sync --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install --python $(BIN)/python --no-deps -e .
	touch $@

env: $(VENV)/.installed ## create .venv from requirements.lock (uv, pinned)

lock: | $(BIN)/uv ## recompile requirements.lock from pyproject.toml
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

$(AIRFLOW_HOME)/.ready: $(VENV)/.installed src/chitieu/config.py
	$(BIN)/chitieu config airflow --init
	touch $@

airflow-init: $(AIRFLOW_HOME)/.ready ## write airflow.cfg from chitieu.config, migrate the SQLite metadata db, create the pool

demo: $(AIRFLOW_HOME)/.ready ## run the monthly DAG through Airflow for every bundled period, then print the scorecard
	$(BIN)/chitieu demo

run: $(VENV)/.installed ## run one period without Airflow: make run PERIOD=2023-08
	$(BIN)/chitieu run --period $(PERIOD)

docs: $(VENV)/.installed ## the catalogue of the published models (dbt docs) into warehouse/docs/, served on :8080 [PERIOD=YYYY-MM]
	$(BIN)/chitieu docs --serve $(if $(PERIOD),--period $(PERIOD))

test: $(AIRFLOW_HOME)/.ready ## run the test suite (dbt, Great Expectations, Airflow DAG runs), a file per worker on 2 cores
	$(BIN)/pytest -n 2 --dist loadfile

lint: $(VENV)/.installed ## ruff check and format check
	$(BIN)/ruff check src dags tests scripts
	$(BIN)/ruff format --check src dags tests scripts

format: $(VENV)/.installed ## ruff format
	$(BIN)/ruff format src dags tests scripts
	$(BIN)/ruff check --fix src dags tests scripts

compose-check: $(VENV)/.installed ## validate docker-compose.yml (no container engine on this machine)
	$(BIN)/python scripts/check_compose.py

bench: $(VENV)/.installed ## the national month (chitieu run and Airflow), a 36-month backfill, the ingest ratios: a table and warehouse/bench/pipeline.json
	$(BIN)/python scripts/bench_pipeline.py

bench-ingest: $(VENV)/.installed ## rows/s and peak memory of a 1M-row portal export ingest vs pandas and DuckDB
	$(BIN)/python scripts/bench_ingest.py

clean: ## remove the warehouse, snapshots, Airflow metadata and GX run output (never raw/)
	rm -rf warehouse $(AIRFLOW_HOME) expectations/gx/uncommitted dbt_project/target dbt_project/logs
