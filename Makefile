# chitieu — run `make help` for the list of commands.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := $(CURDIR)/.venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9

# Embedded defaults: a DuckDB file and SQLite Airflow metadata inside the checkout.
export CHITIEU_ROOT := $(CURDIR)
export AIRFLOW_HOME ?= $(CURDIR)/.airflow
export AIRFLOW__CORE__DAGS_FOLDER := $(CURDIR)/dags
export AIRFLOW__CORE__LOAD_EXAMPLES := False
export AIRFLOW__CORE__UNIT_TEST_MODE := False
export AIRFLOW__CORE__PARALLELISM := 4
export AIRFLOW__COSMOS__ENABLE_TELEMETRY := False
export AIRFLOW__USAGE_DATA_COLLECTION__ENABLED := False
export AIRFLOW__LOGGING__LOGGING_LEVEL := WARNING
export DO_NOT_TRACK := 1
export DBT_SEND_ANONYMOUS_USAGE_STATS := False
export GX_ANALYTICS_ENABLED := False
export PATH := $(BIN):$(PATH)

.PHONY: help env lock demo run test lint format airflow-init compose-check bench bench-ingest clean

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

$(AIRFLOW_HOME)/.ready: $(VENV)/.installed
	mkdir -p $(AIRFLOW_HOME)
	$(BIN)/airflow db migrate > $(AIRFLOW_HOME)/migrate.log 2>&1 || (tail -30 $(AIRFLOW_HOME)/migrate.log; exit 1)
	$(BIN)/airflow pools set duckdb_writer 1 "one writer at a time on the DuckDB warehouse" > /dev/null
	touch $@

MANIFEST := dbt_project/target/manifest.json
$(MANIFEST): $(VENV)/.installed dbt_project/dbt_project.yml $(shell find dbt_project/models dbt_project/macros -type f)
	cd dbt_project && CHITIEU_DUCKDB_PATH=$(CURDIR)/warehouse/chitieu.duckdb $(BIN)/dbt parse --profiles-dir . --quiet

airflow-init: $(AIRFLOW_HOME)/.ready ## migrate the SQLite Airflow metadata db and create the duckdb_writer pool

demo: $(AIRFLOW_HOME)/.ready $(MANIFEST) ## run the monthly DAG through Airflow for every bundled period, then print the scorecard
	$(BIN)/chitieu demo

run: $(VENV)/.installed ## run one period without Airflow: make run PERIOD=2023-08
	$(BIN)/chitieu run --period $(PERIOD)

test: $(AIRFLOW_HOME)/.ready $(MANIFEST) ## run the test suite (dbt, Great Expectations, Airflow DAG runs)
	$(BIN)/pytest

lint: $(VENV)/.installed ## ruff check and format check
	$(BIN)/ruff check src dags tests scripts
	$(BIN)/ruff format --check src dags tests scripts

format: $(VENV)/.installed ## ruff format
	$(BIN)/ruff format src dags tests scripts
	$(BIN)/ruff check --fix src dags tests scripts

compose-check: $(VENV)/.installed ## validate docker-compose.yml (no container engine on this machine)
	$(BIN)/python scripts/check_compose.py

bench: $(VENV)/.installed ## print timings of the pipeline steps for one period (a benchmark, not a test)
	$(BIN)/python scripts/bench_pipeline.py

bench-ingest: $(VENV)/.installed ## rows/s and peak memory of a 1M-row portal export ingest vs pandas and DuckDB
	$(BIN)/python scripts/bench_ingest.py

clean: ## remove the warehouse, snapshots, Airflow metadata and GX run output (never raw/)
	rm -rf warehouse $(AIRFLOW_HOME) expectations/gx/uncommitted dbt_project/target dbt_project/logs
